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

from helpers.data.loading import YearData, load_year
from helpers.data.scope import in_scope, is_whole
from helpers.indicators import (
    communication,
    complaints,
    dashboard,
    disclosure,
    experiences,
    mystery_calls,
    plan,
    published,
    survey,
    training,
)
from helpers.indicators.records import Indicator, indicator_table
from helpers.indicators.synthesis import targets_from_dashboard
from helpers.paths import DATA_DIR, year_dir
from helpers.report.escaping import spreadsheet_cell

log = logging.getLogger(__name__)


# Tables that hold the committee's or the organisation's references, not one service's activity:
# the same in every scope (the mystery-call grid, the committee's decisions and plan).
REFERENCE_TABLES = {"mystery_grid", "plan", "published"}


def scoped(data: YearData, table: str, scope: str, settings: dict[str, Any]) -> pd.DataFrame | None:
    """A table restricted to the scope; None when not provided, or when empty for the scope.

    A table without a ``service`` column describes the whole perimeter, so it has no rows for
    a service's scope; the platform export names structures, mapped to services by the settings.
    """
    if not data.has(table):
        return None
    frame = data[table]
    if table in REFERENCE_TABLES:
        return frame
    if "service" not in frame.columns and "structure" in frame.columns:
        frame = frame.assign(service=frame["structure"].map(settings["perimeter"]["platform_structures"]))
    if "service" in frame.columns:
        frame = in_scope(frame, scope, settings)
    elif not is_whole(scope, settings):
        return None
    return frame if len(frame) else None


Frames = dict[str, pd.DataFrame | None]

# Each source: its tables, and how its records are computed from them (None = not provided).
SOURCES: dict[str, tuple[tuple[str, ...], Callable[[Frames, dict[str, Any], int], list[Indicator]]]] = {
    "survey": (("survey",), lambda t, s, y: survey.indicators(t["survey"], s) if t["survey"] is not None else []),
    "mystery_calls": (
        ("mystery_results", "mystery_grid"),
        lambda t, s, y: (mystery_calls.indicators(t["mystery_grid"], t["mystery_results"], s)
                         if t["mystery_results"] is not None and t["mystery_grid"] is not None else []),
    ),
    "complaints": (("complaints",), lambda t, s, y: (complaints.indicators(t["complaints"], s, y)
                                                      if t["complaints"] is not None else [])),
    "experiences": (("experiences", "mail_survey"),
                    lambda t, s, y: experiences.indicators(t["experiences"], t["mail_survey"], s)),
    "training": (("training",),
                 lambda t, s, y: training.indicators(t["training"]) if t["training"] is not None else []),
    "communication": (("web_visitors", "social_networks", "press"),
                      lambda t, s, y: communication.indicators(t["web_visitors"], t["social_networks"], t["press"])),
    "dashboard": (("dashboard",), lambda t, s, y: dashboard.indicators(t["dashboard"]) if t["dashboard"] is not None
                  else []),
    "plan": (("plan",), lambda t, s, y: plan.indicators(t["plan"]) if t["plan"] is not None else []),
}


def source_records(data: YearData, scope: str, settings: dict[str, Any]) -> list[Indicator]:
    """Every source's records for the year and scope (a source without data adds none)."""
    records: list[Indicator] = []
    for source, (tables, compute) in SOURCES.items():
        frames = {t: scoped(data, t, scope, settings) for t in tables}
        found = compute(frames, settings, data.year)
        if not found:
            log.info("%s : pas de données pour %s en %d", source, scope, data.year)
        records += found
    return records


def indicators_for_year(year: int, scope: str, settings: dict[str, Any], data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The tidy indicators table of a year's folder, for a scope."""
    return indicators_of(load_year(year_dir(year, data_dir), settings), scope, settings)


def indicators_of(data: YearData, scope: str, settings: dict[str, Any]) -> pd.DataFrame:
    """The tidy indicators table of a year already loaded, for a scope."""
    year = data.year
    table = targets_from_dashboard(indicator_table(source_records(data, scope, settings), year, scope))
    if data.has("published") and is_whole(scope, settings):
        table = published.with_notes(table, data["published"])
    return disclosure.apply(table, scope, settings)


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
