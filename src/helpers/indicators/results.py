"""The figures of a year and scope, computed once per build; every output reads them.

``compute`` turns the validated tables of the year and of the years before it into the tidy
indicators table (one row per year x indicator, with target and status), the watch list and the
campaign periods. The build writes them beside the inputs' snapshot (``save``); the notebooks
(``helpers.notebooks.notebook``), the prose (``helpers.report.variables``), the indicators CSV and
the watch list read that one computation (``load``), so that they cannot disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.loading import YearData, load_year
from helpers.data.scope import in_scope
from helpers.indicators import mystery_calls, survey, synthesis
from helpers.indicators.registry import indicators_of
from helpers.paths import year_dir

# Years the report compares: the year and the two before it (evolution tables, watch list).
YEARS_SHOWN = 3
TABLE_FILE, WATCH_FILE, PERIODS_FILE = "indicateurs.pkl", "vigilance.pkl", "periodes.json"


@dataclass
class Results:
    """One year and scope's figures: the tidy table over the years compared, the watch list, the periods."""

    year: int
    scope: str
    table: pd.DataFrame
    watch: pd.DataFrame
    periods: dict[str, tuple[pd.Timestamp, pd.Timestamp]]

    @property
    def current(self) -> pd.DataFrame:
        """The year's rows of the tidy table."""
        return self.table[self.table["year"] == self.year].reset_index(drop=True)

    def of(self, source: str, year: int | None = None) -> pd.DataFrame:
        """A source's rows for a year (the report's year by default), indexed by indicator."""
        year = self.year if year is None else year
        rows = self.table[(self.table["source"] == source) & (self.table["year"] == year)]
        return rows.set_index("indicator")

    def record(self, source: str, indicator: str, year: int | None = None) -> pd.Series | None:
        """One indicator's row (value, unit, decimals, target, status…), or None when not computed."""
        rows = self.of(source, year)
        return rows.loc[indicator] if indicator in rows.index else None

    def years(self, source: str) -> list[int]:
        """The years for which the source has figures, oldest first."""
        return sorted(int(y) for y in self.table.loc[self.table["source"] == source, "year"].unique())


def periods_of(data: YearData, scope: str, settings: dict[str, Any]) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """The first and last day of the survey and of the mystery calls in the scope (when they have rows)."""
    found = {}
    for source, table, period in (("survey", "survey", survey.survey_period),
                                  ("mystery_calls", "mystery_results", mystery_calls.call_period)):
        if data.has(table):
            frame = in_scope(data[table], scope, settings)
            if len(frame):
                found[source] = period(frame)
    return found


def compute(years: dict[int, YearData], year: int, scope: str, settings: dict[str, Any]) -> Results:
    """Every figure of ``year`` and the years before it that ``years`` holds, for the scope.

    A year's dashboard file also holds earlier years' values: for a (source, indicator, year)
    computed from several files, the newest file wins (``synthesis.combined``).
    """
    shown = [y for y in range(year, year - YEARS_SHOWN, -1) if y in years]
    table = synthesis.combined([indicators_of(years[y], scope, settings) for y in shown])
    table = table.sort_values(["year", "source"], kind="stable").reset_index(drop=True)
    return Results(year, scope, table, synthesis.watch_list(table, year), periods_of(years[year], scope, settings))


def from_folder(data_dir: Path, year: int, scope: str, settings: dict[str, Any]) -> Results:
    """The figures of a year and scope computed from a data folder (``clu indicators``, a notebook run alone)."""
    years = {y: load_year(year_dir(y, data_dir), settings)
             for y in range(year - YEARS_SHOWN + 1, year + 1) if year_dir(y, data_dir).is_dir()}
    return compute(years, year, scope, settings)


def save(results: Results, folder: Path) -> Path:
    """Write the results in ``folder`` (pickled tables keep their exact types; the periods as JSON)."""
    folder.mkdir(parents=True, exist_ok=True)
    results.table.to_pickle(folder / TABLE_FILE)
    results.watch.to_pickle(folder / WATCH_FILE)
    periods = {k: [a.isoformat(), b.isoformat()] for k, (a, b) in results.periods.items()}
    (folder / PERIODS_FILE).write_text(json.dumps({"year": results.year, "scope": results.scope, "periods": periods},
                                                  ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return folder


def load(folder: Path) -> Results:
    """The results a build wrote in ``folder``."""
    meta = json.loads((folder / PERIODS_FILE).read_text(encoding="utf-8"))
    periods = {k: (pd.Timestamp(a), pd.Timestamp(b)) for k, (a, b) in meta["periods"].items()}
    return Results(int(meta["year"]), meta["scope"], pd.read_pickle(folder / TABLE_FILE),
                   pd.read_pickle(folder / WATCH_FILE), periods)
