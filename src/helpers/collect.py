"""Gathering every source's indicators for one year and scope into the tidy table.

This is where the report's figures come from: each source's records are computed by its
module in ``helpers.indicators`` on the year's validated tables, restricted to the scope.
A source not provided for the year (or without data for the scope) contributes no row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.indicators import survey
from helpers.loading import YearData, load_year
from helpers.paths import DATA_DIR, year_dir
from helpers.records import Indicator, indicator_table
from helpers.scope import in_scope, is_whole

log = logging.getLogger(__name__)


def scoped(data: YearData, table: str, scope: str, settings: dict[str, Any]) -> pd.DataFrame | None:
    """A table restricted to the scope; None when not provided, or when empty for the scope."""
    if not data.has(table):
        return None
    frame = data[table]
    if "service" in frame.columns:
        frame = in_scope(frame, scope, settings)
    elif not is_whole(scope, settings):
        return None  # a table without a service column describes the whole perimeter only
    return frame if len(frame) else None


# Each source: the tables it needs, and how its records are computed from them.
SOURCES: dict[str, tuple[tuple[str, ...], Callable[..., list[Indicator]]]] = {
    "survey": (("survey",), lambda t, s, y: survey.indicators(t["survey"], s)),
}


def source_records(data: YearData, scope: str, settings: dict[str, Any]) -> list[Indicator]:
    """Every source's records for the year and scope."""
    records: list[Indicator] = []
    for source, (tables, compute) in SOURCES.items():
        frames = {t: scoped(data, t, scope, settings) for t in tables}
        if frames[tables[0]] is None:
            log.info("%s: no data for %s in %d", source, scope, data.year)
            continue
        records += compute(frames, settings, data.year)
    return records


def indicators_for_year(year: int, scope: str, settings: dict[str, Any], data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The tidy indicators table of a year's folder, for a scope."""
    data = load_year(year_dir(year, data_dir), settings)
    return indicator_table(source_records(data, scope, settings), year, scope)


def write_indicators(table: pd.DataFrame, path: Path) -> Path:
    """Write the tidy table as UTF-8 CSV (point decimals, machine-readable open data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
