"""Which tables of a year's folder each notebook reads.

A notebook loads only these (``helpers.notebooks.notebook.start``), and its cached run is keyed on their
files only (``helpers.build.cache``): a change to another source's file neither re-reads nor
re-executes it. The synthesis reads every table.
"""

from __future__ import annotations

from helpers.data.contract import TABLES

ALL_TABLES = tuple(t.table for t in TABLES)
NOTEBOOK_TABLES: dict[str, tuple[str, ...]] = {
    "01_enquete_satisfaction": ("survey",),
    "02_appels_mysteres": ("mystery_grid", "mystery_results"),
    "03_reclamations_experiences": ("complaints", "experiences", "mail_survey", "dashboard"),
    "04_formation": ("training",),
    "05_communication": ("web_visitors", "web_hits", "social_networks", "press"),
    "06_tableau_de_bord": ("dashboard",),
    "07_synthese": ALL_TABLES,
}


def tables_read(notebook: str | None) -> tuple[str, ...]:
    """The tables a notebook reads (every table for a notebook not listed, or None)."""
    return NOTEBOOK_TABLES.get(notebook or "", ALL_TABLES)
