"""Stage 4, the report: French formatting, tables, charts, the prose's variables and the renderers."""
