"""Synthesis across sources: key figures, status against targets, and the watch list.

Works on the tidy indicators tables (``helpers.indicators.registry``). The watch list holds every
indicator of the year that misses its target or got worse than the year before in the
direction its target sets; it is the starting point of next year's improvement plan.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators.dashboard import WORSE, judge
from helpers.indicators.records import MET, NO_TARGET, NO_VALUE, NOT_MET, NOT_TRACKED
from helpers.report.formatting import round_half_up

STATUSES = [MET, NOT_MET, NO_TARGET, NOT_TRACKED, NO_VALUE]


def combined(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Several years' tables as one, each (source, indicator, year) once (the newest table wins)."""
    frame = pd.concat(tables, ignore_index=True)
    return frame.drop_duplicates(["source", "indicator", "year"], keep="first").reset_index(drop=True)


def key_figures(table: pd.DataFrame, year: int, keys: list[dict[str, str]]) -> pd.DataFrame:
    """The key indicators of the year, in the order of ``keys`` (``{source, indicator}``), when present."""
    current = table[table["year"] == year].set_index(["source", "indicator"])
    wanted = [(k["source"], k["indicator"]) for k in keys]
    return current.reindex([w for w in wanted if w in current.index]).reset_index()


def status_counts(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per source: how many indicators of the year have each status (targets only where set)."""
    current = table[table["year"] == year]
    counts = pd.crosstab(current["source"], current["status"]).reindex(columns=STATUSES, fill_value=0)
    return counts.rename_axis(columns=None).reset_index()


def with_trend(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's indicators that have a target, with last year's value and their trend."""
    current = table[(table["year"] == year) & table["target_op"].notna()].copy()
    before = table[table["year"] == year - 1].set_index(["source", "indicator"])["value"]
    current["previous"] = [before.get((s, i), pd.NA) for s, i in zip(current["source"], current["indicator"],
                                                                      strict=True)]
    def shown(value: object, decimals: int) -> float | None:  # compared as the report shows them
        return None if pd.isna(value) else round_half_up(float(value), decimals)

    current["trend"] = [
        judge(shown(v, d), shown(p, d), op, float(t))
        for v, p, d, op, t in zip(current["value"], current["previous"], current["decimals"], current["target_op"],
                                  current["target_value"], strict=True)
    ]
    return current.reset_index(drop=True)


def watch_list(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Indicators of the year below target or getting worse, with the reason in French."""
    judged = with_trend(table, year)
    below = judged["status"] == NOT_MET
    worse = judged["trend"] == WORSE
    out = judged[below | worse].copy()
    out["reason"] = [
        " et ".join(r for r, hit in (("cible non atteinte", b), ("en baisse par rapport à l'année précédente", w))
                    if hit)
        for b, w in zip(below[below | worse], worse[below | worse], strict=True)
    ]
    return out.reset_index(drop=True)


def targets_from_dashboard(table: pd.DataFrame) -> pd.DataFrame:
    """Give an indicator without target the dashboard's target of the same id and year.

    The dashboard is where the committee's targets live; a figure that another source
    recomputes (the register's on-time rate, E 3.1) is judged against the same target.
    """
    from helpers.indicators.records import status

    dashboard = table[(table["source"] == "dashboard") & table["target_op"].notna()]
    targets = dashboard.set_index(["indicator", "year"])[["target_op", "target_value"]]
    out = table.copy()
    for i, row in out[(out["source"] != "dashboard") & out["target_op"].isna()].iterrows():
        key = (row["indicator"], row["year"])
        if key in targets.index:
            op, value = targets.loc[key]
            out.loc[i, ["target_op", "target_value"]] = [op, value]
            out.loc[i, "status"] = status(None if pd.isna(row["value"]) else float(row["value"]), op, float(value),
                                          decimals=int(row["decimals"]))
    return out


def settings_keys(settings: dict[str, Any]) -> list[dict[str, str]]:
    """The key indicators named in the settings (``synthesis.key_indicators``)."""
    return settings["synthesis"]["key_indicators"]
