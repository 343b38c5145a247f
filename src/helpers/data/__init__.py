"""Stage 1, the data: the contract of each export, reading and validating a year's folder, redaction."""
