"""Sample figures already published: the 2022 deck's printed rates, as the analyst records them.

Read from the reference (its ``shown`` texts); the pipeline then finds the foreigners' share
printed 73 % where the counts give 73,8 %.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.sample.writers import write_csv

MEDIUM = "présentation du comité du 24/01/2023"


def rows(ref: dict[str, Any]) -> list[dict[str, Any]]:
    """The printed figures of the 2022 deck that carry their printed text in the reference."""
    out = [{"source": "mystery_calls", "indicateur": r["id"], "annee": 2022, "valeur_imprimee": r["shown"]}
           for r in ref["mystery_calls_2022"]["rates"]]
    headline = ref["satisfaction_survey"]["headline_2022"]["overall"]["shown"]
    satisfied, very = headline.split(" dont ")
    out += [{"source": "survey", "indicateur": "overall", "annee": 2022, "valeur_imprimee": satisfied},
            {"source": "survey", "indicateur": "overall_very_satisfied", "annee": 2022,
             "valeur_imprimee": very.replace(" très satisfaits", "")}]
    web = ref["communication_2022"]["website"]
    out.append({"source": "communication", "indicateur": "top_section_share", "annee": 2022,
                "valeur_imprimee": web["foreigners_share_shown"]})
    return [{**r, "support": MEDIUM} for r in out]


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write ``chiffres_publies.csv`` in the 2022 folder only (UTF-8, semicolons)."""
    if year != 2022:
        return []
    return [write_csv(pd.DataFrame(rows(ref)), folder / "chiffres_publies.csv", encoding="utf-8")]
