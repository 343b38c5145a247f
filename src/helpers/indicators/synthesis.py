"""Synthesis across sources: key figures, status against targets, and the watch list.

Works on the tidy indicators tables (``helpers.indicators.registry``). The watch list holds every
indicator of the year that misses its target or got worse than the year before in the
direction its target sets; it is the starting point of next year's improvement plan.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators.dashboard import BETTER, STABLE, WORSE, judge
from helpers.indicators.records import MET, NO_TARGET, NO_VALUE, NOT_MET, NOT_TRACKED, status
from helpers.report import french
from helpers.report.formatting import fmt_number, plural, round_half_up

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
    """Indicators of the year below target or getting worse, with the reason in French.

    The reason tells what the figure did in its own terms (« le délai s’allonge », « le taux recule »),
    never « en baisse » for a delay that rose.
    """
    judged = with_trend(table, year)
    below = judged["status"] == NOT_MET
    worse = judged["trend"] == WORSE
    out = judged[below | worse].copy()
    out["reason"] = [
        " et ".join(r for r, hit in (
            ("cible non atteinte", b),
            (f"{french.change(u, v, p, int(d), op, t)} par rapport à {year - 1}", w)) if hit)
        for b, w, u, v, p, d, op, t in zip(below[below | worse], worse[below | worse], out["unit"], out["value"],
                                            out["previous"], out["decimals"], out["target_op"], out["target_value"],
                                            strict=True)
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


# What a chart writes where a year has no value (never drawn as a zero).
GAP_TEXT = {NOT_TRACKED: "non suivi", NO_VALUE: "sans valeur"}
PANEL_COLUMNS = ["indicator", "panel", "year", "value", "unit", "decimals", "target_op", "target_value", "status",
                 "gap"]


def over_years(table: pd.DataFrame, source: str, indicators: list[str], year: int) -> pd.DataFrame:
    """A source's indicators over the years up to ``year``, one row per indicator x year, for a trend chart.

    Rows follow ``indicators`` (those the table has), then the years; ``panel`` is the indicator's
    label of its latest year; ``gap`` says why a value is missing (« non suivi », « sans valeur »,
    « non diffusé » for a rate the small-counts policy withholds), NA when there is a value.
    Values, targets and statuses are the tidy table's, untouched.
    """
    rows = table[(table["source"] == source) & table["indicator"].isin(indicators) & (table["year"] <= year)]
    order = {ident: i for i, ident in enumerate(indicators)}
    rows = rows.assign(_order=rows["indicator"].map(order)).sort_values(["_order", "year"], kind="stable")
    labels = rows.groupby("indicator", sort=False)["label"].last()
    withheld = rows["note"].fillna("").astype(str).str.startswith("non diffusé")
    gap = [None if pd.notna(v) else ("non diffusé" if w else GAP_TEXT.get(s))
           for v, s, w in zip(rows["value"], rows["status"], withheld, strict=True)]
    out = rows.assign(panel=rows["indicator"].map(labels), gap=gap)
    return out[PANEL_COLUMNS].reset_index(drop=True)


def trend_finding(table: pd.DataFrame, year: int, source: str, indicators: list[str], noun: str,
                  noun_plural: str | None = None) -> str:
    """The finding of a trend chart: targets met in ``year`` and the trend since the year before.

    « 9 critères à la cible sur 10 ; 6 en progrès et 3 en recul depuis 2021 » (« … sur 4 dotés
    d’une cible » when some indicators have none). Only the indicators
    with a target count; the trend is judged in the target's direction, at the shown precision
    (``with_trend``), and left out when no indicator has a value both years.
    """
    judged = with_trend(table, year)
    judged = judged[(judged["source"] == source) & judged["indicator"].isin(indicators) & judged["value"].notna()]
    if judged.empty:
        return f"aucun {noun} doté d’une cible en {year}"
    of_year = table[(table["source"] == source) & table["indicator"].isin(indicators) & (table["year"] == year)]
    met, count = int((judged["status"] == MET).sum()), len(judged)
    head = f"aucun {noun}" if met == 0 else plural(met, noun, noun_plural)
    among = "" if of_year["value"].notna().sum() == count else " dotés d’une cible"  # some are shown without one
    finding = f"{head} à la cible sur {fmt_number(count)}{among}"
    trends = judged["trend"].value_counts()
    better, worse = int(trends.get(BETTER, 0)), int(trends.get(WORSE, 0))
    if better + worse + int(trends.get(STABLE, 0)) == 0:
        return finding
    moves = [f"{fmt_number(n)} en {word}" for n, word in ((better, "progrès"), (worse, "recul")) if n]
    return f"{finding} ; {' et '.join(moves) if moves else 'aucun changement'} depuis {year - 1}"


def target_gap(value: object, op: object, target: object, unit: str, decimals: int) -> str:
    """How far a value is from its target, in words and in the value's unit; empty without both.

    « 2,6 points sous la cible », « 1,3 jour au-dessus de la cible », « marge de 12,3 points »
    (target met), « sur la cible ». Percent gaps are in points; compared at the shown precision.
    """
    if value is None or pd.isna(value) or op is None or pd.isna(op) or target is None or pd.isna(target):
        return ""
    shown, target = round_half_up(float(value), int(decimals)), float(target)
    gap = round_half_up(abs(shown - target), int(decimals))
    noun = {"%": "point", "jours": "jour"}.get(unit)
    amount = plural(gap, noun, decimals=int(decimals) if gap != int(gap) else 0) if noun else fmt_number(
        gap, int(decimals) if gap != int(gap) else 0)
    if gap == 0:
        return "sur la cible"
    if status(shown, str(op), target) == MET:
        return f"marge de {amount}"
    if op == "=":
        return f"{amount} d’écart à la cible"
    return f"{amount} {'sous' if shown < target else 'au-dessus de'} la cible"
