"""Synthesis across sources: watch list, status counts, dashboard targets for recomputed figures."""

import pandas as pd
import pytest

from helpers.indicators import synthesis
from helpers.indicators.records import Indicator, indicator_table


def table(records, year=2022):
    return indicator_table(records, year, "ATE")


def rec(source, indicator, value, year, op=">=", target=85.0, decimals=1, unit="%"):
    return Indicator(source, indicator, indicator, value, unit, decimals=decimals, target_op=op,
                     target_value=target, year=year)


def test_watch_list_below_target_or_worse_at_shown_precision():
    t = table([
        rec("survey", "overall", 97.3, 2022), rec("survey", "overall", 98.4, 2021),        # worse, met
        rec("survey", "courtesy", 99.46, 2022), rec("survey", "courtesy", 99.54, 2021),    # both show 99,5: stable
        rec("survey", "waiting", 80.0, 2022), rec("survey", "waiting", 70.0, 2021),        # better but not met
        rec("dashboard", "delay", 6.0, 2022, "<=", 5.0, unit="jours"),
        rec("dashboard", "delay", 4.0, 2021, "<=", 5.0, unit="jours"),
        rec("dashboard", "update", 97.4, 2022, "=", 100.0), rec("dashboard", "update", 100.0, 2021, "=", 100.0),
    ])
    watch = synthesis.watch_list(t, 2022).set_index("indicator")
    assert set(watch.index) == {"overall", "waiting", "delay", "update"}
    assert watch.loc["overall", "reason"] == "le taux recule par rapport à 2021"
    assert watch.loc["waiting", "reason"] == "cible non atteinte"
    # A delay that rose is a delay that lengthens, never « en baisse ».
    assert watch.loc["delay", "reason"] == "cible non atteinte et le délai s’allonge par rapport à 2021"
    assert watch.loc["update", "reason"] == "cible non atteinte et le taux s’éloigne de la cible par rapport à 2021"


def test_combined_keeps_the_newest_table_first():
    new = table([rec("dashboard", "x", 10.0, 2021)])
    old = table([rec("dashboard", "x", 12.0, 2021)], 2021)
    assert synthesis.combined([new, old])["value"].tolist() == [10.0]


def test_targets_from_dashboard_apply_to_the_same_id():
    t = table([
        Indicator("complaints", "answered_in_time", "Taux", 89.47, "%", decimals=0),
        Indicator("dashboard", "answered_in_time", "Taux", 89.0, "%", decimals=0, target_op=">=", target_value=85.0,
                  year=2022),
    ])
    out = synthesis.targets_from_dashboard(t).set_index("source")
    assert out.loc["complaints", "target_op"] == ">=" and out.loc["complaints", "status"] == "met"


def test_status_counts_and_key_figures():
    t = table([rec("survey", "overall", 97.3, 2022), rec("survey", "signage", 80.0, 2022),
               Indicator("training", "total", "Total", 54.0, "nombre", decimals=0)])
    counts = synthesis.status_counts(t, 2022).set_index("source")
    assert counts.loc["survey", "met"] == 1 and counts.loc["survey", "not met"] == 1
    assert counts.loc["training", "no target"] == 1
    keys = synthesis.key_figures(t, 2022, [{"source": "training", "indicator": "total"},
                                           {"source": "survey", "indicator": "missing"},
                                           {"source": "survey", "indicator": "overall"}])
    assert keys["indicator"].tolist() == ["total", "overall"]
    assert isinstance(keys, pd.DataFrame)


def test_value_and_target_cells_in_french():
    from helpers.report.tables import target_cells, value_cells

    frame = pd.DataFrame({"value": [97.27, None, 3.32], "unit": ["%", "%", "jours"], "decimals": [1, 1, 1],
                          "target_op": [">=", None, "<="], "target_value": [85.0, None, 5.0]})
    assert value_cells(frame, missing="–") == ["97,3\u00a0%", "–", "3,3\u00a0jours"]
    assert target_cells(frame) == ["≥ 85\u00a0%", "", "≤ 5\u00a0jours"]


def test_an_empty_table_is_a_one_cell_table_that_says_why():
    """Captioned and numbered like the table it stands for, in both renderers; its text stays text."""
    from helpers.report.tables import message

    lines = message("Note", "Aucune remarque *cette* année.").splitlines()
    assert lines[0] == "| Note |" and lines[1].startswith("|:---") and len(lines) == 3
    assert lines[2] == "| Aucune remarque \\*cette\\* année\\. |"


def _tidy(rows):
    """Tidy rows ``(source, indicator, year, value, status, note)`` of a % indicator with target ≥ 85."""
    return pd.DataFrame([{"source": s, "indicator": i, "label": f"Libellé {i} {y}", "year": y, "value": v, "unit": "%",
                          "decimals": 1, "target_op": ">=", "target_value": 85.0, "status": st, "note": n}
                         for s, i, y, v, st, n in rows]).astype({"value": "Float64", "target_value": "Float64"})


def test_over_years_keeps_the_order_the_latest_label_and_names_each_gap():
    table = _tidy([("dashboard", "b", 2021, None, "not tracked", None), ("dashboard", "b", 2022, 90.0, "met", None),
                   ("dashboard", "a", 2021, 80.0, "not met", None), ("dashboard", "a", 2022, None, "no value", "x"),
                   ("survey", "a", 2022, None, "no value", "non diffusé : 3 réponses"),
                   ("dashboard", "a", 2023, 99.0, "met", None)])
    rows = synthesis.over_years(table, "dashboard", ["b", "a"], 2022)
    assert list(zip(rows["indicator"], rows["year"], strict=True)) == [("b", 2021), ("b", 2022), ("a", 2021),
                                                                       ("a", 2022)]
    assert rows["panel"].tolist() == ["Libellé b 2022"] * 2 + ["Libellé a 2022"] * 2
    assert rows["gap"].fillna("").tolist() == ["non suivi", "", "", "sans valeur"]
    assert synthesis.over_years(table, "survey", ["a"], 2022)["gap"].tolist() == ["non diffusé"]


def test_trend_finding_counts_targets_met_and_moves_in_the_target_direction():
    table = _tidy([("survey", "a", 2021, 80.0, "not met", None), ("survey", "a", 2022, 90.0, "met", None),
                   ("survey", "b", 2021, 95.0, "met", None), ("survey", "b", 2022, 84.0, "not met", None),
                   ("survey", "c", 2021, 90.0, "met", None), ("survey", "c", 2022, 90.0, "met", None)])
    assert synthesis.trend_finding(table, 2022, "survey", ["a", "b", "c"], "critère") == (
        "2 critères à la cible sur 3 ; 1 en progrès et 1 en recul depuis 2021")
    only = table[table["year"] == 2022]
    assert synthesis.trend_finding(only, 2022, "survey", ["b"], "critère") == "aucun critère à la cible sur 1"
    assert synthesis.trend_finding(only, 2022, "survey", ["c"], "critère") == "1 critère à la cible sur 1"
    untargeted = pd.concat([only, only.iloc[:1].assign(indicator="d", target_op=None, target_value=pd.NA)])
    assert synthesis.trend_finding(untargeted, 2022, "survey", ["a", "d"], "critère").endswith(
        "sur 1 dotés d’une cible")


@pytest.mark.parametrize(("value", "op", "unit", "decimals", "expected"), [
    (82.4, ">=", "%", 1, "2,6 points sous la cible"),
    (84.0, ">=", "%", 0, "1 point sous la cible"),
    (97.3, ">=", "%", 1, "marge de 12,3 points"),
    (6.3, "<=", "jours", 1, "1,3 jour au-dessus de la cible"),
    (3.0, "<=", "jours", 0, "marge de 2 jours"),
    (97.4, "=", "%", 1, "2,6 points d’écart à la cible"),
    (84.96, ">=", "%", 1, "sur la cible"),  # 85,0 as shown
    (None, ">=", "%", 1, ""),
])
def test_target_gap_in_words_and_in_the_unit(value, op, unit, decimals, expected):
    target = {"=": 100.0, "<=": 5.0}.get(op, 85.0)
    assert synthesis.target_gap(value, op, target, unit, decimals) == expected


def test_a_column_repeating_one_value_is_dropped_and_said_once():
    from helpers.report import tables

    frame = pd.DataFrame({"Indicateur": ["a", "b"], "Source": ["Enquête", "Enquête"], "Cible": ["", ""],
                          "Remerciements": [0, 0], "Réclamations": [1, 1]})
    shown, note = tables.without_constant_columns(frame)
    assert list(shown.columns) == ["Indicateur", "Réclamations"]  # a count of 1 on each row is data
    assert note == "Sur toutes les lignes\u00a0: Source\u00a0: Enquête\u00a0; Remerciements\u00a0: 0."
    one_row, none = tables.without_constant_columns(frame.iloc[:1])
    assert list(one_row.columns) == list(frame.columns) and none == ""
    assert list(tables.without_constant_columns(frame, keep=("Source",))[0].columns) == [
        "Indicateur", "Source", "Réclamations"]
    assert tables.note("") == "" and tables.note("x").startswith("*")
