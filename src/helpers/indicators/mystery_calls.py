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

from helpers.indicators.records import MET as TARGET_MET
from helpers.indicators.records import NO_TARGET, NO_VALUE, Indicator, rate, status, target_from
from helpers.indicators.records import NOT_MET as TARGET_NOT_MET

SOURCE = "mystery_calls"

MET, NOT_MET, NOT_APPLICABLE = "atteint", "non atteint", "sans objet"

# Indicator id and report label of each section of the grid.
SECTION_IDS = {"SVI": "svi", "standard": "standard", "après transfert": "after_transfer"}
SECTION_LABELS = {
    "SVI": "Taux de satisfaction serveur vocal interactif",
    "standard": "Taux de satisfaction à l’accueil téléphonique (standard)",
    "après transfert": "Taux de satisfaction à l’accueil téléphonique après transfert d’appel",
}

# How the criteria table reads an item's status against the target.
# (The grid's own MET / NOT_MET are an item's result in a call, not a status against the target.)
APPRECIATIONS = {TARGET_MET: "point fort", TARGET_NOT_MET: "axe d'amélioration", NO_VALUE: "sans objet",
                 NO_TARGET: "sans cible"}


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


def item_table(grid: pd.DataFrame, results: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """The grid's items for the criteria table, from the lowest rate to the highest (no rate last).

    ``item_rates`` with each item's ``status`` against the target ``targets.mystery_calls`` (at the
    shown precision, one decimal) and its ``appreciation``: a met target is a strength (« point
    fort »), a missed one an area for improvement (« axe d'amélioration »), an item that never
    applied has none (« sans objet »). The section is capitalised (``après transfert`` -> ``Après
    transfert``). Columns: ``item_id, appreciation, status, section, label, applicable, met, rate``.
    """
    op, target = target_from(settings, SOURCE)
    items = item_rates(grid, results)
    items["status"] = [status(None if pd.isna(v) else float(v), op, target, decimals=1)
                       for v in items["rate"]]
    items["appreciation"] = items["status"].map(APPRECIATIONS)
    items["section"] = items["section"].str[:1].str.upper() + items["section"].str[1:]
    items = items.sort_values("rate", kind="stable", na_position="last")
    return items[["item_id", "appreciation", "status", "section", "label", "applicable", "met",
                  "rate"]].reset_index(drop=True)


def section_records(figures: pd.DataFrame, sections: list[str]) -> pd.DataFrame:
    """The sections' rate records among a year's records, in the order of ``sections``, with a ``section`` column.

    ``figures`` is ``Results.of("mystery_calls")`` (rows indexed by indicator); a section without a
    record is left out.
    """
    ids = {SECTION_IDS.get(s, s): s for s in sections}
    out = figures.loc[[i for i in ids if i in figures.index]]
    return out.assign(section=[ids[i] for i in out.index])


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


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("mystery_results", "mystery_grid")


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    grid, results = tables["mystery_grid"], tables["mystery_results"]
    return indicators(grid, results, settings) if grid is not None and results is not None else []
