"""Stage 5, the build: snapshot the inputs, compute, execute the notebooks, render, publish."""
