"""Stage 3, the notebooks: what a source notebook calls, and which inputs each one reads."""
