"""The open-data exports of a build: the tidy indicators table and the watch list, as CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.report.escaping import spreadsheet_cell


def write_indicators(table: pd.DataFrame, path: Path) -> Path:
    """Write the tidy table as UTF-8 CSV (point decimals, machine-readable open data).

    A text cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``…) is written
    behind an apostrophe (``helpers.report.escaping.spreadsheet_cell``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    text = table.select_dtypes(include=["object", "string"]).columns
    safe = table.assign(**{c: table[c].map(spreadsheet_cell) for c in text})
    safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
