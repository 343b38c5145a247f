"""Unit tests of the survey indicators on tiny inline frames."""

import pandas as pd
import pytest

from helpers.contract.survey import CRITERIA, YES_NO_ITEMS
from helpers.indicators import survey
from helpers.settings import load_settings


def frame(counters, **columns) -> pd.DataFrame:
    """A survey frame with every column of the contract, empty unless given."""
    n = len(counters)
    data = {"counter": counters, "date": pd.Timestamp("2022-11-21"), "comment_kind": [None] * n}
    for field, _h, _l in CRITERIA:
        data[field] = pd.array(columns.get(field, [None] * n), dtype="Int64")
    for field, _h, _l in YES_NO_ITEMS:
        data[field] = pd.array(columns.get(field, [None] * n), dtype="boolean")
    if "comment_kind" in columns:
        data["comment_kind"] = columns["comment_kind"]
    return pd.DataFrame(data)


def with_method(how: str) -> dict:
    settings = load_settings()
    settings["survey"]["combine_scores"] = how
    return settings


def test_counter_mean_weights_counters_equally():
    # DMI: 3 of 4 satisfied (75 %), BER: 1 of 1 (100 %) -> mean 87.5 %, pooled 80 %.
    f = frame(["DMI"] * 4 + ["BER"], overall=[6, 7, 10, 5, 9])
    mean = survey.satisfaction_rates(f, with_method("counter_mean")).set_index("criterion").loc["overall"]
    pooled = survey.satisfaction_rates(f, with_method("pooled")).set_index("criterion").loc["overall"]
    assert mean["satisfied_rate"] == pytest.approx(87.5)
    assert pooled["satisfied_rate"] == pytest.approx(80.0)
    assert (mean["satisfied"], mean["answers"]) == (4, 5)


def test_thresholds_are_settings():
    f = frame(["DMI"] * 4, overall=[5, 6, 8, 9])
    rates = survey.satisfaction_rates(f, load_settings()).set_index("criterion").loc["overall"]
    assert rates["satisfied_rate"] == pytest.approx(75.0)  # 6, 8, 9 >= 6
    assert rates["very_satisfied_rate"] == pytest.approx(25.0)  # 9 >= 9
    stricter = load_settings()
    stricter["survey"]["satisfied_min_score"] = 7
    rates = survey.satisfaction_rates(f, stricter).set_index("criterion").loc["overall"]
    assert rates["satisfied_rate"] == pytest.approx(50.0)


def test_no_answer_is_left_out_and_a_counter_without_answers_does_not_count():
    f = frame(["DMI", "DMI", "PAN"], digital_point=[None, None, 10], courtesy=[8, None, 3])
    rates = survey.satisfaction_rates(f, load_settings()).set_index("criterion")
    assert rates.loc["digital_point", "satisfied_rate"] == pytest.approx(100.0)
    assert rates.loc["digital_point", "answers"] == 1
    assert rates.loc["courtesy", "satisfied_rate"] == pytest.approx(50.0)  # DMI 1/1, PAN 0/1


def test_criterion_without_any_answer_has_no_rate():
    rates = survey.satisfaction_rates(frame(["DMI"]), load_settings()).set_index("criterion")
    assert rates.loc["disability", "satisfied_rate"] is None
    assert rates.loc["disability", "answers"] == 0


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown combination"):
        survey.satisfaction_rates(frame(["DMI"], overall=[7]), with_method("median"))


def test_yes_no_rates_pooled():
    f = frame(["DMI", "DMI", "BER", "BER"], web_info_available=[True, False, True, None])
    rates = survey.yes_no_rates(f, load_settings()).set_index("item")
    assert rates.loc["web_info_available", "rate"] == pytest.approx(200 / 3)
    assert (rates.loc["web_info_available", "yes"], rates.loc["web_info_available", "answers"]) == (2, 3)


def test_praise_share_of_a_counter():
    f = frame(["DMI"] * 4 + ["BER"], comment_kind=["félicitations", "critique", None, "amélioration ressentie",
                                                   "félicitations"])
    assert survey.praise_share(f, load_settings(), "DMI") == (50.0, 2, 4)


def test_counter_satisfaction_table():
    f = frame(["DMI", "DMI", "BER"], overall=[3, 9, 7])
    table = survey.counter_satisfaction(f, load_settings()).set_index("counter")
    assert table.loc["DMI", "satisfied_rate"] == 50.0 and table.loc["BER", "answers"] == 1


def test_indicators_records_carry_target_and_counts():
    f = frame(["DMI", "BER"], overall=[9, 4])
    records = {r.indicator: r for r in survey.indicators(f, load_settings())}
    assert records["questionnaires"].value == 2
    overall = records["overall"]
    assert overall.value == pytest.approx(50.0) and overall.status == "not met"
    assert (overall.target_op, overall.target_value) == (">=", 85.0)
    assert records["overall_very_satisfied"].value == pytest.approx(50.0)
    assert "dmi_praise" in records and "ber_praise" in records


def test_yearly_rates_one_row_per_criterion_and_year():
    older = frame(["DMI", "DMI"], overall=[3, 9])
    newer = frame(["DMI"], overall=[8])
    table = survey.yearly_rates({2022: newer, 2021: older}, load_settings())
    overall = table[table["criterion"] == "overall"].set_index("year")["rate"]
    assert overall.to_dict() == {2021: 50.0, 2022: 100.0}
    assert len(table) == 2 * len(CRITERIA)
