"""Synthesis across sources: watch list, status counts, dashboard targets for recomputed figures."""

import pandas as pd

from helpers.indicators import synthesis
from helpers.indicators.records import Indicator, indicator_table


def table(records, year=2022):
    return indicator_table(records, year, "ATE")


def rec(source, indicator, value, year, op=">=", target=85.0, decimals=1):
    return Indicator(source, indicator, indicator, value, "%", decimals=decimals, target_op=op,
                     target_value=target, year=year)


def test_watch_list_below_target_or_worse_at_shown_precision():
    t = table([
        rec("survey", "overall", 97.3, 2022), rec("survey", "overall", 98.4, 2021),        # worse, met
        rec("survey", "courtesy", 99.46, 2022), rec("survey", "courtesy", 99.54, 2021),    # both show 99,5: stable
        rec("survey", "waiting", 80.0, 2022), rec("survey", "waiting", 70.0, 2021),        # better but not met
        rec("dashboard", "delay", 6.0, 2022, "<=", 5.0), rec("dashboard", "delay", 4.0, 2021, "<=", 5.0),
    ])
    watch = synthesis.watch_list(t, 2022).set_index("indicator")
    assert set(watch.index) == {"overall", "waiting", "delay"}
    assert watch.loc["overall", "reason"] == "en baisse par rapport à l'année précédente"
    assert watch.loc["waiting", "reason"] == "cible non atteinte"
    assert watch.loc["delay", "reason"] == "cible non atteinte et en baisse par rapport à l'année précédente"


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
