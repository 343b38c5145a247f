"""Mystery calls: share of the grid's points met per section of the call (SVI, standard, after transfer).

Each call is scored on every item of the evaluation grid: "atteint", "non atteint" or "sans
objet". A section's rate is the sum of the weights of the items met divided by the sum of the
weights of the items met or not met; items "sans objet" (e.g. the after-transfer items of a
call answered without transfer) are left out. The sections, in report order, are a setting
(``mystery_calls.sections``); the target is ``targets.mystery_calls``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators.records import Indicator, rate, target_from

MET, NOT_MET, NOT_APPLICABLE = "atteint", "non atteint", "sans objet"

# Indicator id and report label of each section of the grid.
SECTION_IDS = {"SVI": "svi", "standard": "standard", "après transfert": "after_transfer"}
SECTION_LABELS = {
    "SVI": "Taux de satisfaction serveur vocal interactif",
    "standard": "Taux de satisfaction @ accueil téléphonique - standard",
    "après transfert": "Taux de satisfaction @ accueil téléphonique après transfert d'appel",
}


def scored_items(grid: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """The results with each item's section, label and weight; ``points_met`` and ``points_possible``.

    Items "sans objet" have no possible points.
    """
    out = results.merge(grid[["item_id", "label", "section", "weight"]], on="item_id", how="left")
    applicable = out["result"].isin([MET, NOT_MET])
    out["points_possible"] = out["weight"].where(applicable, 0).astype("Int64")
    out["points_met"] = out["weight"].where(out["result"] == MET, 0).astype("Int64")
    return out


def section_rates(grid: pd.DataFrame, results: pd.DataFrame, sections: list[str] | None = None) -> pd.DataFrame:
    """One row per section: points met, points possible, rate (0-100, None when nothing applies), calls."""
    scored = scored_items(grid, results)
    sections = sections or list(grid["section"].drop_duplicates())
    rows = []
    for section in sections:
        part = scored[scored["section"] == section]
        met, possible = int(part["points_met"].sum()), int(part["points_possible"].sum())
        calls = int(part.loc[part["points_possible"] > 0, "call_id"].nunique())
        rows.append({"section": section, "indicator": SECTION_IDS.get(section, section),
                     "label": SECTION_LABELS.get(section, section), "points_met": met,
                     "points_possible": possible, "rate": rate(met, possible), "calls": calls})
    return pd.DataFrame(rows)


def item_rates(grid: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """One row per grid item, in grid order: calls where it applied, calls where it was met, rate.

    Sorting on ``rate`` lists the strengths (highest) and the weaknesses (lowest).
    """
    scored = scored_items(grid, results)
    applicable = scored["result"].isin([MET, NOT_MET])
    counts = pd.DataFrame({
        "met": (scored["result"] == MET).groupby(scored["item_id"]).sum(),
        "applicable": applicable.groupby(scored["item_id"]).sum(),
    })
    out = grid[["item_id", "section", "label", "weight"]].merge(counts, left_on="item_id", right_index=True,
                                                                 how="left")
    out[["met", "applicable"]] = out[["met", "applicable"]].fillna(0).astype("int64")
    out["rate"] = [rate(m, a) for m, a in zip(out["met"], out["applicable"], strict=True)]
    return out.reset_index(drop=True)


def yearly_section_rates(by_year: dict[int, tuple[pd.DataFrame, pd.DataFrame]],
                         settings: dict[str, Any]) -> pd.DataFrame:
    """Rate of each section for each year given as ``(grid, results)``: ``section, label, year, rate, calls``.

    Each year is scored on its own grid; the sections are the setting's, in report order.
    """
    rows = []
    for year, (grid, results) in sorted(by_year.items()):
        rates = section_rates(grid, results, settings["mystery_calls"]["sections"])
        rows += [{"section": r.section, "indicator": r.indicator, "label": r.label, "year": year, "rate": r.rate,
                  "calls": r.calls} for r in rates.itertuples()]
    return pd.DataFrame(rows, columns=["section", "indicator", "label", "year", "rate", "calls"])


def call_count(results: pd.DataFrame) -> int:
    """Number of distinct calls."""
    return int(results["call_id"].nunique())


def call_period(results: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Dates of the first and the last call."""
    return results["date"].min(), results["date"].max()


def indicators(grid: pd.DataFrame, results: pd.DataFrame, settings: dict[str, Any]) -> list[Indicator]:
    """The mystery calls' records: number of calls, then one rate per section with its target."""
    op, target = target_from(settings, "mystery_calls")
    records = [Indicator("mystery_calls", "calls", "Appels mystères réalisés", float(call_count(results)),
                         "nombre", decimals=0)]
    for row in section_rates(grid, results, settings["mystery_calls"]["sections"]).itertuples():
        value = None if pd.isna(row.rate) else float(row.rate)
        records.append(Indicator("mystery_calls", row.indicator, row.label, value, "%", row.points_met,
                                 row.points_possible, decimals=1, target_op=op, target_value=target))
    return records
