"""What a source notebook needs: load the year for its scope, show tables, hand back its indicators.

A notebook starts with ``run = start(year, scope, ...)`` from its parameters cell, reads its
tables with ``run.table(name)`` (None when not provided for the scope), and ends with
``run.emit(records)``, which writes its part of the tidy indicators table as CSV for the
pipeline (``<output_dir>/indicateurs-<source>.csv``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import Markdown

from helpers.config.settings import load_settings, with_overrides
from helpers.data.loading import YearData, load_year
from helpers.data.scope import check_scope
from helpers.indicators.records import Indicator, indicator_table
from helpers.indicators.registry import scoped, write_indicators
from helpers.notebooks.inputs import tables_read
from helpers.paths import BUILD_DIR, DATA_DIR, year_dir
from helpers.report.escaping import markdown_text
from helpers.report.plots import use_house_style


@dataclass
class Run:
    """One notebook run: its parameters, settings and the year's validated data."""

    year: int
    scope: str
    settings: dict[str, Any]
    data: YearData
    data_dir: Path
    output_dir: Path

    def table(self, name: str) -> pd.DataFrame | None:
        """A table of the year restricted to the scope; None when not provided for it."""
        return scoped(self.data, name, self.scope, self.settings)

    def table_of(self, year: int, name: str) -> pd.DataFrame | None:
        """The same table for another year (None when that year's folder or table is absent)."""
        folder = year_dir(year, self.data_dir)
        if not folder.is_dir():
            return None
        return scoped(load_year(folder, self.settings, tables=(name,)), name, self.scope, self.settings)

    def emit(self, records: list[Indicator]) -> Path | None:
        """Write the notebook's indicators (tidy table) for the pipeline; return the file."""
        if not records:
            return None
        source = records[0].source
        return write_indicators(indicator_table(records, self.year, self.scope),
                                self.output_dir / f"indicateurs-{source}.csv")

    def absent(self, what: str) -> Markdown:
        """The sentence a reader sees where a source has no data for the year and scope."""
        whole = self.scope == self.settings["perimeter"]["whole_scope"]
        where = "l'ensemble du périmètre" if whole else markdown_text(self.scope)
        return Markdown(f"*Données non fournies : {what} — aucune donnée pour {where} en {self.year}.*")


def start(year: int, scope: str, data_dir: str | Path | None = None, output_dir: str | Path | None = None,
          settings_file: str | Path | None = None, overrides: dict[str, Any] | None = None,
          name: str | None = None) -> Run:
    """Load and validate the year for a notebook; apply the house style and the settings overrides.

    ``name`` is the notebook's (``01_enquete_satisfaction``…): only the tables it reads are loaded
    (``helpers.notebooks.inputs``); every table without it.
    """
    logging.getLogger("helpers").setLevel(logging.WARNING)
    settings = with_overrides(load_settings(settings_file), overrides)
    check_scope(scope, settings)
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    output_dir = Path(output_dir) if output_dir else BUILD_DIR / f"{year}-{scope}"
    use_house_style()
    data = load_year(year_dir(year, data_dir), settings, tables=tables_read(name))
    return Run(year, scope, settings, data, data_dir, output_dir)


def show(markdown: str) -> Markdown:
    """Display Markdown (a table, a sentence) so that the report can embed it.

    The Markdown is the notebook's own; text from the data goes through ``tables.markdown`` or
    ``helpers.report.escaping.markdown_text`` first.
    """
    return Markdown(markdown)
