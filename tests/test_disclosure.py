"""Small counts in a service's report: flagged with their count, or masked, by the settings."""

import pandas as pd
import pytest

from helpers.config.settings import load_settings
from helpers.indicators import disclosure
from helpers.indicators.records import Indicator, indicator_table
from helpers.report.variables import figures


def table(scope="DDT"):
    return indicator_table([
        Indicator("complaints", "in_time", "Dans le délai", 66.7, "%", 2, 3, decimals=0),
        Indicator("survey", "overall", "Général", 90.0, "%", 45, 50, decimals=1),
        Indicator("complaints", "reclamations", "Réclamations", 3.0, "nombre", decimals=0),
    ], 2022, scope)


def settings(policy="caution"):
    s = load_settings()
    s["small_counts"] = {"min_answers": 10, "policy": policy}
    return s


def test_caution_keeps_the_value_and_adds_a_note():
    out = disclosure.apply(table(), "DDT", settings()).set_index("indicator")
    assert out.at["in_time", "value"] == pytest.approx(66.7)
    assert "3 réponses" in out.at["in_time", "note"] and "prudence" in out.at["in_time", "note"]
    assert pd.isna(out.at["overall", "note"]) and pd.isna(out.at["reclamations", "note"])


def test_mask_removes_the_value():
    out = disclosure.apply(table(), "DDT", settings("mask")).set_index("indicator")
    assert pd.isna(out.at["in_time", "value"]) and out.at["in_time", "status"] == "no value"
    assert "non diffusé" in out.at["in_time", "note"]
    assert out.at["overall", "value"] == pytest.approx(90.0)


def test_whole_perimeter_is_not_concerned():
    assert disclosure.small(table("ATE"), "ATE", settings()).sum() == 0


def test_unknown_policy_is_an_error():
    with pytest.raises(ValueError, match="caution ou mask"):
        disclosure.apply(table(), "DDT", settings("hide"))


def test_prose_figures_carry_the_count_or_say_not_published():
    shown = figures(disclosure.apply(table(), "DDT", settings()), 2022, "DDT", settings())
    assert shown["complaints"]["in_time"] == "67\u00a0% (sur 3 réponses seulement)"
    masked = figures(disclosure.apply(table(), "DDT", settings("mask")), 2022, "DDT", settings("mask"))
    assert masked["complaints"]["in_time"] == "non diffusé"
    assert masked["survey"]["overall"] == "90,0\u00a0%"


def test_a_rate_without_answers_is_not_a_small_count():
    empty = indicator_table([Indicator("mystery_calls", "after_transfer", "Après transfert", None, "%", 0, 0)],
                            2022, "DDT")
    assert not disclosure.small(empty, "DDT", settings()).any()
