"""Quality dashboard: every indicator of every year in the file, its status and its trend.

Input: the long ``dashboard`` table of ``helpers.data.loading`` (one row per indicator x year,
``value`` and ``value_status`` in « valeur », « non suivi », « sans valeur », « non renseigné »).
A « non suivi » year gives a record with ``tracked=False``; a « - » (or empty) cell gives
``value=None`` with ``tracked=True`` and a note, so the two never look alike, and neither is 0.

Precision: an indicator whose values are all whole numbers in the file is shown without
decimals (``89 %``, ``18 jours``), any other with one decimal (``97,4 %``, ``3,3 jours``).
Status and trend compare values at that precision. A status is the record's (``indicators``):
the tables and counts shown take it from the build's tidy table, never judge it again.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators.records import MET, NO_TARGET, NOT_MET, Indicator
from helpers.indicators.records import NO_VALUE as STATUS_NO_VALUE
from helpers.indicators.records import NOT_TRACKED as STATUS_NOT_TRACKED
from helpers.report.formatting import fmt_number, fmt_value, round_half_up
from helpers.report.tables import column_decimals

SOURCE = "dashboard"
NOT_TRACKED, NO_VALUE, EMPTY = "non suivi", "sans valeur", "non renseigné"
_NOTES = {NO_VALUE: "sans valeur cette année (« - » dans le tableau de bord)",
          EMPTY: "cellule vide dans le tableau de bord"}
WORSE, BETTER, STABLE, NOT_JUDGED = "dégradation", "amélioration", "stable", "non évalué"


def decimals(dashboard: pd.DataFrame) -> pd.Series:
    """Decimals shown per indicator: 0 when all its values in the file are whole, else 1."""
    values = dashboard.dropna(subset=["value"])
    whole = (values["value"] == values["value"].round()).groupby(values["indicator"]).all()
    return whole.reindex(dashboard["indicator"].unique(), fill_value=True).map({True: 0, False: 1})


def _target(row: pd.Series) -> tuple[str | None, float | None]:
    if pd.isna(row["target_op"]) or pd.isna(row["target_value"]):
        return None, None
    return str(row["target_op"]), float(row["target_value"])


def _value(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def history(dashboard: pd.DataFrame) -> pd.DataFrame:
    """Values as a wide table: one row per indicator (file order), one column per year (NA: no value)."""
    wide = dashboard.pivot(index="indicator", columns="year", values="value")
    return wide.reindex(dashboard["indicator"].unique()).rename_axis(columns=None)


def history_status(dashboard: pd.DataFrame) -> pd.DataFrame:
    """Like ``history``, with each cell's status (« valeur », « non suivi », « sans valeur »…)."""
    wide = dashboard.pivot(index="indicator", columns="year", values="value_status")
    return wide.reindex(dashboard["indicator"].unique()).rename_axis(columns=None)


def judge(value: float | None, previous: float | None, op: str | None, target: float | None) -> str:
    """Trend of a value against the previous year's, in the direction the target sets.

    ``>=``/``>``: lower is worse; ``<=``/``<``: higher is worse; ``=``: further from the
    target is worse. No target, or a year without a value: not judged.
    """
    if op is None or target is None or value is None or previous is None:
        return NOT_JUDGED
    if op == "=":
        value, previous = -abs(value - target), -abs(previous - target)
    elif op in ("<=", "<"):
        value, previous = -value, -previous
    if value == previous:
        return STABLE
    return WORSE if value < previous else BETTER


def trend(dashboard: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per indicator: the value of ``year``, of the year before, and whether it got worse (``worse``)."""
    shown = decimals(dashboard)
    by_year = dashboard.set_index(["indicator", "year"])
    rows = []
    for _, row in dashboard[dashboard["year"] == year].iterrows():
        places = int(shown[row["indicator"]])
        op, target = _target(row)
        key = (row["indicator"], year - 1)
        before = by_year.at[key, "value"] if key in by_year.index else pd.NA
        value, previous = (None if pd.isna(v) else round_half_up(float(v), places) for v in (row["value"], before))
        verdict = judge(value, previous, op, target)
        rows.append({"indicator": row["indicator"], "label": row["label"], "value": value, "previous": previous,
                     "target_op": op, "target_value": target, "trend": verdict,
                     "worse": pd.NA if verdict == NOT_JUDGED else verdict == WORSE})
    out = pd.DataFrame(rows, columns=["indicator", "label", "value", "previous", "target_op", "target_value",
                                      "trend", "worse"])
    out["worse"] = out["worse"].astype("boolean")
    return out


def status_counts(records: pd.DataFrame) -> dict[str, int]:
    """How many of the records (rows of the tidy table) are met, not met, without target, without value, not tracked.

    Keys are the statuses of ``helpers.indicators.records`` in that order, each present (0 when none).
    """
    found = records["status"].value_counts()
    return {key: int(found.get(key, 0)) for key in (MET, NOT_MET, NO_TARGET, STATUS_NO_VALUE, STATUS_NOT_TRACKED)}


def rates_with_target(records: pd.DataFrame) -> pd.DataFrame:
    """The records in percent that have a value and a target, with ``met`` (their status is « met »)."""
    rated = records[(records["unit"] == "%") & records["target_value"].notna() & records["value"].notna()]
    return rated.assign(met=rated["status"] == MET)


def target_finding(rated: pd.DataFrame) -> str:
    """The finding of the chart of rates against target (``rates_with_target``), in French.

    « 9 des 10 taux suivis atteignent leur cible », « 1 des 3 taux suivis atteint sa cible »,
    « aucun des 3 taux suivis n'atteint sa cible », « les 4 taux suivis atteignent leur cible ».
    """
    met, count = int(rated["met"].sum()), len(rated)
    if count == 0:
        return "aucun taux suivi n'a de cible"
    if count == 1:
        return "le taux suivi atteint sa cible" if met else "le taux suivi n'atteint pas sa cible"
    if met == count:
        return f"les {fmt_number(count)} taux suivis atteignent leur cible"
    if met == 0:
        return f"aucun des {fmt_number(count)} taux suivis n'atteint sa cible"
    verb = "atteint sa cible" if met == 1 else "atteignent leur cible"
    return f"{fmt_number(met)} des {fmt_number(count)} taux suivis {verb}"


def history_text(dashboard: pd.DataFrame) -> pd.DataFrame:
    """``history`` as a reader reads it: each value in French with its unit, at the indicator's precision.

    « non suivi » stays « non suivi », a « - » cell stays « - » and an empty cell stays empty:
    none of them is ever shown as 0.
    """
    values, statuses = history(dashboard), history_status(dashboard)
    units = dashboard.drop_duplicates("indicator").set_index("indicator")["unit"].reindex(values.index)
    own = decimals(dashboard).reindex(values.index)
    # One precision per unit in each year's column (« 100,0 % » beside « 97,4 % »).
    shown = pd.DataFrame({year: column_decimals(units, own, values[year]) for year in values.columns},
                         index=values.index)
    text = values.astype(object).copy()
    for indicator in values.index:
        for year in values.columns:
            cell = statuses.at[indicator, year]
            if cell == NOT_TRACKED:
                text.at[indicator, year] = "non suivi"
            elif cell == NO_VALUE:
                text.at[indicator, year] = "-"
            elif pd.isna(values.at[indicator, year]):
                text.at[indicator, year] = ""
            else:
                text.at[indicator, year] = fmt_value(float(values.at[indicator, year]), str(units[indicator]),
                                                     int(shown.at[indicator, year]))
    return text


# Years of the file the overview shows: the report's year and the three before it.
OVERVIEW_YEARS = 4


def overview_years(dashboard: pd.DataFrame, year: int, count: int = OVERVIEW_YEARS) -> list[int]:
    """The years of the file the overview shows, oldest first: ``year`` and up to ``count - 1`` before it."""
    held = {int(y) for y in dashboard["year"].unique()}
    return [y for y in range(year - count + 1, year + 1) if y in held]


def overview(dashboard: pd.DataFrame, year: int, records: pd.DataFrame) -> pd.DataFrame:
    """The dashboard as published: one row per indicator of ``year`` (file order).

    ``records`` are the dashboard's rows of the tidy table for ``year``, indexed by indicator
    (``Results.of("dashboard")``): the target and the status are theirs. Columns: ``indicator``,
    ``domain``, ``label``, ``engagements``, ``unit``, one column per year of the file
    (``history_text``), ``target_op``, ``target_value``, ``status`` and ``trend`` (against the
    year before, see ``trend``).
    """
    of_year = dashboard.loc[dashboard["year"] == year, "indicator"].drop_duplicates().tolist()
    missing = [i for i in of_year if i not in records.index]
    if missing:
        raise ValueError(f"indicateurs du tableau de bord {year} absents des chiffres calculés : {', '.join(missing)}")
    described = dashboard.drop_duplicates("indicator").set_index("indicator")[["domain", "label", "engagements",
                                                                                "unit"]]
    out = described.loc[of_year].join(history_text(dashboard))
    out = out.join(records[["target_op", "target_value", "status"]]).join(trend(dashboard, year).set_index(
        "indicator")["trend"])
    return out.rename_axis("indicator").reset_index()


def indicators(dashboard: pd.DataFrame) -> list[Indicator]:
    """One record per indicator and year of the file (``Indicator.year`` set on each)."""
    shown = decimals(dashboard)
    records = []
    for _, row in dashboard.sort_values(["year", "file_row"], kind="stable").iterrows():
        op, target = _target(row)
        records.append(Indicator(
            SOURCE, row["indicator"], row["label"], _value(row["value"]), row["unit"],
            decimals=int(shown[row["indicator"]]), target_op=op, target_value=target,
            tracked=row["value_status"] != NOT_TRACKED, note=_NOTES.get(row["value_status"]),
            year=int(row["year"]),
        ))
    return records


def panel_rows(rows: pd.DataFrame, dashboard: pd.DataFrame, percent: bool) -> pd.DataFrame:
    """The rows of a trend chart (``synthesis.over_years``) of the rates (``percent``) or of the others.

    Each panel's title starts with the indicator's engagements (« E 3.1 · Délai moyen… »), so that
    the panels, in file order, read grouped by engagement; delays and counts keep their unit.
    """
    engagements = dashboard.drop_duplicates("indicator").set_index("indicator")["engagements"]
    kept = rows[(rows["unit"] == "%") == percent]
    codes = kept["indicator"].map(engagements)
    titles = [f"{c} · {p}" if isinstance(c, str) and c.strip() else p for c, p in zip(codes, kept["panel"],
                                                                                    strict=True)]
    return kept.assign(panel=titles).reset_index(drop=True)


def indicator_order(dashboard: pd.DataFrame, year: int) -> list[str]:
    """The indicators of ``year`` in file order (the order of the published dashboard)."""
    of_year = dashboard[dashboard["year"] == year].sort_values("file_row", kind="stable")
    return of_year["indicator"].drop_duplicates().tolist()


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("dashboard",)


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["dashboard"]) if tables["dashboard"] is not None else []
