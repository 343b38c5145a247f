"""What a source notebook calls: its run parameters checked, the year's figures and tables for its scope.

A notebook's setup cell imports this module and calls ``start`` first, with its run parameters
(year, scope, data folder, configuration file, results folder). Built by ``clu render``, the
notebook receives the build's snapshot of the data, its resolved configuration and the figures
the build computed once (``helpers.indicators.results``): it shows them, it does not recompute
them. Run alone (JupyterLab, nbval), it computes the same figures with the same function
(``helpers.indicators.results.from_folder``).
"""

from __future__ import annotations

import logging
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from IPython import get_ipython
from IPython.display import Markdown

from helpers.config.settings import load_settings
from helpers.data.loading import YearData, load_year
from helpers.data.scope import check_scope, scoped
from helpers.indicators import results as computed
from helpers.notebooks.inputs import tables_read
from helpers.paths import DATA_DIR, year_dir
from helpers.report.escaping import markdown_text
from helpers.report.plots import use_house_style

# The run parameters of every notebook's parameters cell; anything else injected is refused.
PARAMETERS = ("year", "scope", "data_dir", "config", "results")


class UnknownParameter(Exception):
    """A parameter that no notebook reads (a mistyped ``papermill -p`` name); one French line."""


@dataclass
class Run:
    """One notebook run: its parameters, the configuration, the year's tables and the computed figures."""

    year: int
    scope: str
    settings: dict[str, Any]
    data: YearData
    data_dir: Path
    results: computed.Results

    def table(self, name: str) -> pd.DataFrame | None:
        """A table of the year restricted to the scope; None when not provided for it."""
        return scoped(self.data, name, self.scope, self.settings)

    def table_of(self, year: int, name: str) -> pd.DataFrame | None:
        """The same table for another year (None when that year's folder or table is absent)."""
        folder = year_dir(year, self.data_dir)
        if not folder.is_dir():
            return None
        return scoped(load_year(folder, self.settings, tables=(name,)), name, self.scope, self.settings)

    def absent(self, what: str) -> Markdown:
        """The sentence a reader sees where a source has no data for the year and scope."""
        whole = self.scope == self.settings["perimeter"]["whole_scope"]
        where = "l'ensemble du périmètre" if whole else markdown_text(self.scope)
        return Markdown(f"*Données non fournies : {what} — aucune donnée pour {where} en {self.year}.*")


def check_parameters(namespace: dict[str, Any] | None = None) -> None:
    """Refuse a variable set before ``start`` that is not a run parameter (papermill injects any ``-p``)."""
    if namespace is None:
        shell = get_ipython()
        if shell is None:
            return
        hidden = set(shell.user_ns_hidden)
        namespace = {k: v for k, v in shell.user_ns.items() if k not in hidden}
    unknown = sorted(k for k, v in namespace.items()  # a parameter is a value: imported modules and functions are not
                     if not k.startswith("_") and k not in PARAMETERS and not isinstance(v, types.ModuleType)
                     and not callable(v))
    if unknown:
        raise UnknownParameter(f"paramètre(s) inconnu(s) : {', '.join(unknown)} ; les paramètres admis sont "
                               f"{', '.join(PARAMETERS)} (la méthode se règle dans le fichier de réglages)")


def start(year: int, scope: str, data_dir: str | Path | None = None, config: str | Path | None = None,
          results: str | Path | None = None, name: str | None = None) -> Run:
    """Check the run parameters, load the configuration, the year's tables and the figures; apply the house style.

    ``config``: the build's resolved configuration (by default ``settings.yaml``); ``results``: the
    folder of the figures the build computed (by default they are computed here, from ``data_dir``).
    ``name`` is the notebook's (``01_enquete_satisfaction``…): only the tables it reads are loaded.
    """
    check_parameters()
    logging.getLogger("helpers").setLevel(logging.WARNING)
    settings = load_settings(config)
    check_scope(scope, settings)
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    use_house_style()
    data = load_year(year_dir(year, data_dir), settings, tables=tables_read(name))
    figures = computed.load(Path(results)) if results else computed.from_folder(data_dir, year, scope, settings)
    return Run(year, scope, settings, data, data_dir, figures)


def show(markdown: str) -> Markdown:
    """Display Markdown (a table, a sentence) so that the report can embed it.

    The Markdown is the notebook's own; text from the data goes through ``tables.markdown`` or
    ``helpers.report.escaping.markdown_text`` first.
    """
    return Markdown(markdown)
