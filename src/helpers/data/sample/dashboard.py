"""Sample quality dashboard: the workbook the quality officer keeps, one column per year since 2019.

Values, targets and « non suivi » years are read from the reference; a published "-" (or the
"_" of 2022's letters delay) stays "-". As in a hand-kept sheet, whole numbers are stored as
numbers and decimals as French text (``97,4``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.contract.dashboard import DASHBOARD
from helpers.data.sample.writers import write_xlsx

FIRST_YEAR = 2019
UNITS = {"percent": "%", "days": "jours", "count": "nombre"}
SERVICE = "Préfecture"


def cell(value: float | None, year: str, not_tracked: list[str]) -> object:
    """A yearly cell: « non suivi », « - », a whole number, or a decimal written ``97,4``."""
    if year in not_tracked:
        return "non suivi"
    if value is None:
        return "-"
    if float(value).is_integer():
        return int(value)
    return f"{value:g}".replace(".", ",")


def frame(year: int, ref: dict[str, Any]) -> pd.DataFrame:
    """The dashboard rows with the yearly columns from 2019 to ``year``."""
    years = [str(y) for y in range(FIRST_YEAR, year + 1)]
    rows = []
    for ind in ref["quality_dashboard"]["indicators"]:
        target = ind.get("target") or {}
        row = {"id_indicateur": ind["id"], "domaine": ind["domain"], "libelle": ind["label"],
               "engagements": " ; ".join(ind["engagements"]), "service": SERVICE, "unite": UNITS[ind["unit"]],
               "cible_operateur": target.get("op"), "cible_valeur": target.get("value")}
        not_tracked = [str(y) for y in ind.get("not_tracked", [])]
        row.update({y: cell(ind["values"].get(y), y, not_tracked) for y in years})
        rows.append(row)
    return pd.DataFrame(rows, columns=[c.header for c in DASHBOARD.columns] + years)


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write ``tableau_de_bord.xlsx`` (every sample year: the dashboard is required)."""
    title = f"TABLEAU DE BORD QUALITÉ {year} - PRÉFECTURE DU LOIRET"
    return [write_xlsx(frame(year, ref), folder / f"{DASHBOARD.stem}.xlsx", title=title, sheet=f"TDB {year}")]
