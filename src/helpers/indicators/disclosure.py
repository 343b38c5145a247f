"""Small counts: a rate of a service's report computed on few answers is flagged or masked.

A rate over a handful of answers says little and, in a small service, can point at people.
In a scope other than the whole perimeter, a rate (unit %) whose denominator is below
``small_counts.min_answers`` gets a caution note with its count (policy ``caution``) or loses
its value (policy ``mask``). The rule is stated in the report's methodology annex.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data.scope import is_whole
from helpers.indicators.records import NO_VALUE
from helpers.report.formatting import plural


def small(table: pd.DataFrame, scope: str, settings: dict[str, Any]) -> pd.Series:
    """True for the rates of a service's scope computed on fewer answers than the threshold."""
    if is_whole(scope, settings):
        return pd.Series(False, index=table.index)
    threshold = settings["small_counts"]["min_answers"]
    count = table["denominator"]
    return ((table["unit"] == "%") & count.notna() & (count > 0) & (count < threshold)).fillna(False).astype(bool)


def caution(count: float) -> str:
    """The caution written next to a rate on few answers."""
    return f"calculé sur {plural(count, 'réponse')} seulement : à interpréter avec prudence"


def apply(table: pd.DataFrame, scope: str, settings: dict[str, Any]) -> pd.DataFrame:
    """The table with small-count rates flagged (``caution``) or masked (``mask``), noted either way."""
    flagged = small(table, scope, settings)
    if not flagged.any():
        return table
    out = table.copy()
    policy = settings["small_counts"]["policy"]
    threshold = settings["small_counts"]["min_answers"]
    for i in out.index[flagged]:
        count = out.at[i, "denominator"]
        if policy == "mask":
            note = f"non diffusé : {plural(count, 'réponse')}, moins de {threshold}"
            out.at[i, "value"] = pd.NA
            out.at[i, "status"] = NO_VALUE
        elif policy == "caution":
            note = caution(count)
        else:
            raise ValueError(f"small_counts.policy inconnue : {policy!r} (caution ou mask)")
        previous = out.at[i, "note"]
        out.at[i, "note"] = note if pd.isna(previous) else f"{previous} {note}"
    return out
