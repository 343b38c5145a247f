"""Figures already published, compared with the project's computation (data-quality notes).

A printed figure agrees when the computed value, rounded half-up to the printed number of
decimals, gives the printed number. Otherwise a note in French says what was computed, what
was printed and, when the print is the computed value cut rather than rounded, that it was
truncated (a share of 64,8 % printed 64 %).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.report.formatting import fmt_value, round_half_up, truncate

_NUMBER = re.compile(r"-?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?")


def printed_number(text: str) -> tuple[float, int] | None:
    """The number in a printed figure and its decimals: ``"81,50 %"`` -> ``(81.5, 2)``."""
    found = _NUMBER.search(text)
    if not found:
        return None
    digits = re.sub(r"[\s\u00a0\u202f]", "", found.group()).replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), decimals


def compare(table: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """One row per published figure: ``computed``, ``printed``, ``agrees`` and a French ``note``."""
    keyed = table.set_index(["source", "indicator", "year"])
    rows = []
    for item in published.itertuples():
        key = (item.source, item.indicator, int(item.year))
        parsed = printed_number(item.printed)
        computed = keyed["value"].get(key)
        if computed is None or pd.isna(computed) or parsed is None:
            note = f"« {item.printed} » ({item.medium}) : pas de valeur recalculée pour {item.source}/{item.indicator}."
            rows.append({**dict(zip(("source", "indicator", "year"), key, strict=True)), "computed": None,
                         "printed": item.printed, "agrees": False, "note": note})
            continue
        value, decimals = parsed
        agrees = round_half_up(computed, decimals) == value
        note = None
        if not agrees:
            unit, shown = keyed.at[key, "unit"], keyed.at[key, "decimals"]
            how = "valeur tronquée au lieu d'être arrondie" if truncate(computed, decimals) == value else "écart"
            note = (f"{keyed.at[key, 'label']} : {fmt_value(computed, unit, int(shown) if pd.notna(shown) else 1)} "
                    f"calculé à partir des données ; « {item.printed} » imprimé ({item.medium}) — {how}.")
        rows.append({"source": key[0], "indicator": key[1], "year": key[2], "computed": float(computed),
                     "printed": item.printed, "agrees": agrees, "note": note})
    return pd.DataFrame(rows, columns=["source", "indicator", "year", "computed", "printed", "agrees", "note"])


def with_notes(table: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The indicators table with each published difference written in its ``note`` column."""
    notes = compare(table, published).dropna(subset=["note"])
    out = table.copy()
    for item in notes.itertuples():
        hit = (out["source"] == item.source) & (out["indicator"] == item.indicator) & (out["year"] == item.year)
        out.loc[hit, "note"] = [item.note if pd.isna(n) else f"{n} {item.note}" for n in out.loc[hit, "note"]]
    return out
