"""Unit tests of the quality dashboard indicators, and the sample dashboards against the published one."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers.data.sample.generate import REFERENCE_FILE
from helpers.indicators import dashboard
from helpers.indicators.records import MET, NO_TARGET, NO_VALUE, NOT_MET, NOT_TRACKED, indicator_table
from helpers.report.formatting import round_half_up
from helpers.report.french import clean_label
from tests.conftest import generate_year

UNITS = {"percent": "%", "days": "jours", "count": "nombre"}


def long(indicator: str, cells: dict, op=None, target=None, unit="%", row=4) -> pd.DataFrame:
    """The loader's long rows of one indicator; a cell is a number, "non suivi", "-" or None (empty)."""
    statuses = {"non suivi": "non suivi", "-": "sans valeur", None: "non renseigné"}
    rows = [{"file_row": row, "indicator": indicator, "label": f"Libellé {indicator}", "unit": unit,
             "target_op": op, "target_value": target, "year": year,
             "value_status": statuses.get(cell, "valeur") if isinstance(cell, str) or cell is None else "valeur",
             "value": None if isinstance(cell, str) or cell is None else cell}
            for year, cell in cells.items()]
    out = pd.DataFrame(rows)
    return out.astype({"indicator": "string", "label": "string", "unit": "string", "target_op": "string",
                       "target_value": "Float64", "value": "Float64", "year": "int64"})


def frame(*parts: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(parts, ignore_index=True)


DASH = frame(
    long("rate", {2020: "non suivi", 2021: 80.0, 2022: 84.96}, ">=", 85, row=4),
    long("delay", {2020: 3.0, 2021: 4.0, 2022: 6.0}, "<=", 5, unit="jours", row=5),
    long("update", {2020: 100.0, 2021: "-", 2022: 0.0}, "=", 100, row=6),
    long("count", {2020: 10.0, 2021: 12.0, 2022: None}, unit="nombre", row=7),
)


def test_decimals_zero_only_when_every_value_is_whole():
    shown = dashboard.decimals(DASH)
    assert shown.to_dict() == {"rate": 1, "delay": 0, "update": 0, "count": 0}
    assert dashboard.decimals(long("none", {2022: "non suivi"})).to_dict() == {"none": 0}


def test_records_keep_not_tracked_no_value_and_zero_apart():
    records = {(r.indicator, r.year): r for r in dashboard.indicators(DASH)}
    assert len(records) == 12
    not_tracked, no_value, zero = records["rate", 2020], records["update", 2021], records["update", 2022]
    assert (not_tracked.value, not_tracked.tracked, not_tracked.status) == (None, False, NOT_TRACKED)
    assert (no_value.value, no_value.tracked) == (None, True)
    assert "sans valeur" in no_value.note
    assert (zero.value, zero.tracked, zero.note, zero.status) == (0.0, True, None, NOT_MET)
    empty = records["count", 2022]
    assert (empty.value, empty.tracked, empty.status) == (None, True, NO_VALUE)
    assert records["delay", 2021].unit == "jours"
    assert (records["rate", 2022].target_op, records["rate", 2022].target_value) == (">=", 85.0)


def records_of(dash: pd.DataFrame, year: int) -> pd.DataFrame:
    """The dashboard's rows of the tidy table for a year, indexed by indicator (as ``Results.of`` gives them)."""
    table = indicator_table(dashboard.indicators(dash), year, "ATE")
    return table[table["year"] == year].set_index("indicator")


def test_status_compares_at_the_shown_precision():
    table = records_of(DASH, 2022)
    assert table.loc["rate", "status"] == MET  # 84.96 shows as 85,0 >= 85
    assert table.loc["delay", "status"] == NOT_MET  # 6 > 5 days
    assert table.loc["update", "status"] == NOT_MET  # 0 != 100
    assert table.loc["count", "status"] == NO_VALUE  # empty cell: no value, whatever the target
    assert table.loc["count", "note"] == "cellule vide dans le tableau de bord"


def test_trend_follows_the_target_direction():
    table = dashboard.trend(DASH, 2022).set_index("indicator")
    assert table.loc["rate", "trend"] == "amélioration" and not table.loc["rate", "worse"]  # >=: higher is better
    assert table.loc["delay", "trend"] == "dégradation" and table.loc["delay", "worse"]  # <=: higher is worse
    assert table.loc["update", "trend"] == "non évalué"  # 2021 was "-"
    assert pd.isna(table.loc["update", "worse"])
    assert table.loc["count", "trend"] == "non évalué"  # no target, no value
    previous = dashboard.trend(DASH, 2021).set_index("indicator")
    assert previous.loc["rate", "trend"] == "non évalué"  # 2020 not tracked
    assert previous.loc["delay", "worse"]


@pytest.mark.parametrize(("value", "previous", "op", "expected"), [
    (80, 90, ">=", "dégradation"), (90, 80, ">", "amélioration"), (6, 4, "<", "dégradation"),
    (4, 6, "<=", "amélioration"), (97.4, 100, "=", "dégradation"), (100, 97.4, "=", "amélioration"),
    (5, 5, ">=", "stable"), (5, 4, None, "non évalué"), (None, 4, ">=", "non évalué"),
])
def test_judge(value, previous, op, expected):
    target = None if op is None else (100 if op == "=" else 5)
    assert dashboard.judge(value, previous, op, target) == expected


def test_history_is_wide_by_year_in_file_order():
    wide = dashboard.history(DASH)
    assert list(wide.index) == ["rate", "delay", "update", "count"]
    assert list(wide.columns) == [2020, 2021, 2022]
    assert wide.loc["delay", 2021] == 4.0 and pd.isna(wide.loc["rate", 2020])
    statuses = dashboard.history_status(DASH)
    assert (statuses.loc["rate", 2020], statuses.loc["update", 2021]) == ("non suivi", "sans valeur")


@pytest.fixture(scope="module")
def ref() -> dict:
    return yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))


def generate_and_load(tmp_path: Path, year: int, ref: dict) -> pd.DataFrame:
    return generate_year(tmp_path, year, "dashboard")["dashboard"]


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_sample_reproduces_the_published_dashboard(tmp_path, ref, year):
    table = generate_and_load(tmp_path, year, ref)
    records = {(r.indicator, r.year): r for r in dashboard.indicators(table)}
    published = ref["quality_dashboard"]["indicators"]
    assert sorted(records) == sorted((i["id"], y) for i in published for y in range(2019, year + 1))
    for ind in published:
        target = ind.get("target") or {}
        for y in range(2019, year + 1):
            rec, value = records[ind["id"], y], ind["values"][str(y)]
            where = f"{ind['id']} {y}"
            assert (rec.label, rec.unit) == (clean_label(ind["label"]), UNITS[ind["unit"]]), where  # as cleaned at load
            assert (rec.target_op, rec.target_value) == (target.get("op"), target.get("value")), where
            assert rec.tracked == (str(y) not in ind.get("not_tracked", [])), where
            if value is None:
                assert rec.value is None, where
            else:
                assert round_half_up(rec.value, rec.decimals) == value, where
    if year == 2022:
        assert records["letters_mean_delay", 2022].tracked and records["letters_mean_delay", 2022].value is None
        assert records["web_update_3d", 2022].decimals == 1 and records["calls_answered", 2022].decimals == 0


def test_status_counts_give_every_status():
    counts = dashboard.status_counts(records_of(DASH, 2022))
    assert counts == {MET: 1, NOT_MET: 2, NO_TARGET: 0, NO_VALUE: 1, NOT_TRACKED: 0}
    assert dashboard.status_counts(records_of(DASH, 2020))[NOT_TRACKED] == 1
    assert dashboard.status_counts(records_of(DASH, 2022).iloc[:0]) == dict.fromkeys(counts, 0)


def test_status_counts_read_the_records_status_not_the_file():
    records = records_of(DASH, 2022).assign(status=[NOT_MET, NOT_MET, NOT_MET, NO_TARGET])
    assert dashboard.status_counts(records) == {MET: 0, NOT_MET: 3, NO_TARGET: 1, NO_VALUE: 0, NOT_TRACKED: 0}


def test_rates_with_target_keep_percent_rows_with_value_and_target():
    rated = dashboard.rates_with_target(records_of(DASH, 2022))
    assert list(rated.index) == ["rate", "update"]  # delay in days, count without value nor target
    assert rated["met"].tolist() == [True, False]
    assert dashboard.rates_with_target(records_of(DASH, 2020)).index.tolist() == ["update"]  # rate not tracked


@pytest.mark.parametrize(("met", "count", "expected"), [
    (9, 10, "9 des 10 taux suivis atteignent leur cible"),
    (1, 3, "1 des 3 taux suivis atteint sa cible"),
    (0, 3, "aucun des 3 taux suivis n'atteint sa cible"),
    (4, 4, "les 4 taux suivis atteignent leur cible"),
    (1, 1, "le taux suivi atteint sa cible"),
    (0, 1, "le taux suivi n'atteint pas sa cible"),
    (0, 0, "aucun taux suivi n'a de cible"),
])
def test_target_finding_agrees_in_number(met, count, expected):
    rated = pd.DataFrame({"met": [True] * met + [False] * (count - met)})
    assert dashboard.target_finding(rated) == expected


def test_overview_years_are_the_year_and_the_three_before_held_by_the_file():
    assert dashboard.overview_years(DASH, 2022) == [2020, 2021, 2022]
    assert dashboard.overview_years(DASH, 2022, count=2) == [2021, 2022]
    five = frame(*(long(f"i{y}", {y: 1.0}) for y in range(2018, 2023)))
    assert dashboard.overview_years(five, 2022) == [2019, 2020, 2021, 2022]
    assert dashboard.overview_years(five, 2020) == [2018, 2019, 2020]


def test_history_text_keeps_not_tracked_dash_and_empty_apart_from_zero():
    text = dashboard.history_text(DASH)
    assert text.loc["rate", 2020] == "non suivi"
    assert text.loc["rate", 2022] == "85,0\u00a0%"  # one decimal: 84.96 is not whole
    assert text.loc["update", 2021] == "-"
    assert text.loc["update", 2022] == "0,0\u00a0%"  # a real zero stays a zero, at its column's precision
    assert text.loc["count", 2022] == ""  # empty cell
    assert text.loc["delay", 2020] == "3\u00a0jours"
    assert text.loc["count", 2021] == "12"


def test_history_text_gives_each_year_column_one_precision_per_unit():
    """« 100,0 % » beside « 97,4 % » in one year's column; a rate whole in every year keeps no decimal."""
    rows = frame(long("a", {2021: 100.0, 2022: 100.0}, row=4), long("b", {2021: 97.4, 2022: 100.0}, row=5),
                 long("c", {2021: 3.0, 2022: 2.0}, unit="jours", row=6))
    text = dashboard.history_text(rows)
    assert list(text[2021]) == ["100,0\u00a0%", "97,4\u00a0%", "3\u00a0jours"]
    assert list(text[2022]) == ["100,0\u00a0%", "100,0\u00a0%", "2\u00a0jours"]


def test_overview_one_row_per_indicator_with_status_and_trend():
    table = DASH.assign(domain="Domaine", engagements="E 1.1")
    out = dashboard.overview(table, 2022, records_of(DASH, 2022)).set_index("indicator")
    assert list(out.index) == ["rate", "delay", "update", "count"]
    assert list(out.columns) == ["domain", "label", "engagements", "unit", 2020, 2021, 2022, "target_op",
                                 "target_value", "status", "trend"]
    assert (out.loc["delay", 2022], out.loc["delay", "status"], out.loc["delay", "trend"]) == (
        "6\u00a0jours", NOT_MET, "dégradation")
    assert (out.loc["count", "status"], out.loc["count", "trend"]) == (NO_VALUE, "non évalué")
    assert (out.loc["rate", "target_op"], out.loc["rate", "target_value"]) == (">=", 85.0)


def test_overview_takes_target_and_status_from_the_records():
    table = DASH.assign(domain="Domaine", engagements="E 1.1")
    records = records_of(DASH, 2022).assign(status=NOT_MET)
    out = dashboard.overview(table, 2022, records).set_index("indicator")
    assert out["status"].tolist() == [NOT_MET] * 4
    with pytest.raises(ValueError, match="absents des chiffres calculés : count"):
        dashboard.overview(table, 2022, records.drop(index="count"))


def test_panel_rows_split_rates_from_the_others_and_title_them_with_their_engagements():
    from helpers.indicators import synthesis

    board = DASH.assign(engagements=DASH["indicator"].map({"rate": "E 3.1", "delay": "E 17.2", "update": "",
                                                           "count": "E 15"}))
    table = indicator_table(dashboard.indicators(board), 2022, "ATE")
    rows = synthesis.over_years(table, "dashboard", dashboard.indicator_order(board, 2022), 2022)
    rates = dashboard.panel_rows(rows, board, percent=True)
    assert list(dict.fromkeys(rates["panel"])) == ["E 3.1 · Libellé rate", "Libellé update"]
    assert rates.loc[rates["year"] == 2020, "gap"].tolist()[0] == "non suivi"
    others = dashboard.panel_rows(rows, board, percent=False)
    assert list(dict.fromkeys(others["indicator"])) == ["delay", "count"] and set(others["unit"]) == {"jours", "nombre"}
