"""Which tables of a year's folder each notebook reads, and which sources' figures it shows.

A notebook loads only these tables (``helpers.notebooks.notebook.start``), and its cached run is
keyed on their files and on its sources' rows of the build's figures only (``helpers.build.cache``):
a change to another source's file neither re-reads nor re-executes it. The synthesis reads all.
"""

from __future__ import annotations

from helpers.data.contract import TABLES

ALL_TABLES = tuple(t.table for t in TABLES)
NOTEBOOK_TABLES: dict[str, tuple[str, ...]] = {
    "01_enquete_satisfaction": ("survey",),
    "02_appels_mysteres": ("mystery_grid", "mystery_results"),
    "03_reclamations_experiences": ("complaints", "experiences", "mail_survey"),
    "04_formation": ("training",),
    "05_communication": ("web_visitors", "web_hits", "social_networks", "press"),
    "06_tableau_de_bord": ("dashboard",),
    "07_synthese": ALL_TABLES,
}


def tables_read(notebook: str | None) -> tuple[str, ...]:
    """The tables a notebook reads (every table for a notebook not listed, or None)."""
    return NOTEBOOK_TABLES.get(notebook or "", ALL_TABLES)


# The sources whose figures (rows of the build's tidy table) each notebook shows; None: every source.
NOTEBOOK_SOURCES: dict[str, tuple[str, ...] | None] = {
    "01_enquete_satisfaction": ("survey",),
    "02_appels_mysteres": ("mystery_calls",),
    "03_reclamations_experiences": ("complaints", "experiences"),
    "04_formation": ("training",),
    "05_communication": ("communication",),
    "06_tableau_de_bord": ("dashboard",),
    "07_synthese": None,
}


def sources_shown(notebook: str) -> tuple[str, ...] | None:
    """The sources a notebook shows the figures of (None for every source, or a notebook not listed)."""
    return NOTEBOOK_SOURCES.get(notebook)
