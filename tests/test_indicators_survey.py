"""Unit tests of the survey indicators on tiny inline frames."""

import pandas as pd
import pytest

from helpers.config.settings import load_settings
from helpers.data.contract.survey import CRITERIA, YES_NO_ITEMS
from helpers.indicators import survey
from helpers.indicators.records import indicator_table


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


def test_counter_table_names_each_counter_s_service():
    settings = load_settings()
    f = frame(["DMI", "DMI", "BER", "XYZ"], overall=[3, 9, 7, 8])
    table = survey.counter_table(f, settings)
    assert list(table.columns) == ["counter", "service", "satisfied", "answers", "satisfied_rate"]
    assert table["counter"].tolist() == ["BER", "DMI", "XYZ"]
    assert table.loc[1, "service"] == settings["counters"]["DMI"]
    assert pd.isna(table.loc[2, "service"]), "a counter the settings do not know has no service"
    assert table.loc[1, ["satisfied", "answers", "satisfied_rate"]].tolist() == [1, 2, 50.0]


def records_frame(indicators: list[str]) -> pd.DataFrame:
    """Rows of ``Results.of("survey")``: indexed by indicator, a value each."""
    return pd.DataFrame({"label": indicators, "value": range(len(indicators))},
                        index=pd.Index(indicators, name="indicator"))


def test_criterion_records_are_the_criteria_rates_in_questionnaire_order():
    figures = records_frame(["questionnaires", "overall", "overall_very_satisfied", "courtesy", "web_info_clear",
                             "dmi_praise"])
    assert survey.criterion_records(figures).index.tolist() == ["courtesy", "overall"]
    assert survey.criterion_records(records_frame(["questionnaires"])).empty
    assert list(survey.CRITERION_IDS) == [field for field, _h, _l in CRITERIA]


def test_yes_no_records_are_the_items_in_questionnaire_order():
    figures = records_frame(["help_needed", "overall", "easy_access", "web_info_clear_very_satisfied"])
    assert survey.yes_no_records(figures).index.tolist() == ["easy_access", "help_needed"]


def test_criterion_and_yes_no_records_of_the_tidy_table():
    f = frame(["DMI", "BER"], overall=[9, 4], easy_access=[True, False])
    table = indicator_table(survey.indicators(f, load_settings()), 2022, "ATE").set_index("indicator")
    criteria = survey.criterion_records(table)
    assert criteria.index.tolist() == list(survey.CRITERION_IDS)
    assert criteria.loc["overall", "status"] == "not met" and criteria.loc["overall", "value"] == pytest.approx(50.0)
    items = survey.yes_no_records(table)
    assert items.index.tolist() == list(survey.YES_NO_IDS)
    assert items.loc["easy_access", ["numerator", "denominator"]].tolist() == [1, 2]


def commented(rows, filler: int = 0, counters=("ACC",)) -> pd.DataFrame:
    """A survey frame from (counter, kind, comment) rows, with ``filler`` questionnaires without comment
    at each of ``counters``."""
    extra = [c for c in counters for _ in range(filler)]
    f = frame([r[0] for r in rows] + extra, comment_kind=[r[1] for r in rows] + [None] * len(extra))
    f.insert(0, "questionnaire_id", [f"Q-{i:04d}" for i in range(len(f))])
    f["comment"] = pd.array([r[2] for r in rows] + [None] * len(extra), dtype="string")
    return f


VERBATIM_ROWS = [
    ("DMI", "critique", "Attente trop longue, M. Quintard au 06 12 34 56 78 n'a pas été rappelé."),
    ("BER", "félicitations", "Merci à Mme Martin (martin@exemple.fr)."),
    ("DMI", "critique", "Deuxième critique du DMI, jamais citée avec per_kind=1."),
    ("DMI", "amélioration ressentie", "Bien mieux que l'an dernier."),
    ("BER", "suggestion", "Ouvrir le samedi."),
    ("DMI", "autre", "Un commentaire d'une autre nature, jamais cité."),
    ("PAN", "critique", "Attente trop longue, M. Quintard au 06 12 34 56 78 n'a pas été rappelé."),
    ("PAN", "suggestion", None),
    ("PAN", "suggestion", "   "),
]


EVERY_COUNTER = ("DMI", "BER", "PAN")


def test_verbatims_first_per_kind_and_counter_in_file_order_always_redacted():
    settings = load_settings()
    table = survey.verbatims(commented(VERBATIM_ROWS, filler=40, counters=EVERY_COUNTER), settings, per_kind=1)
    assert list(table.columns) == ["kind", "counter", "comment"]
    assert table.values.tolist() == [
        ["Félicitations ou amélioration ressentie", "BER", "Merci à Mme [nom masqué] ([courriel masqué])."],
        ["Félicitations ou amélioration ressentie", "DMI", "Bien mieux que l'an dernier."],
        ["Critique", "DMI", "Attente trop longue, M. [nom masqué] au [téléphone masqué] n'a pas été rappelé."],
        ["Suggestion", "BER", "Ouvrir le samedi."],
    ]  # PAN's critique repeats DMI's text: quoted once; empty comments are skipped
    text = " ".join(table["comment"])
    assert "Quintard" not in text and "06 12" not in text and "martin@" not in text
    assert not table.apply(lambda col: col.astype(str).str.startswith("Q-")).any().any(), "no questionnaire id"


def test_verbatims_are_deterministic_and_per_kind_is_a_count():
    settings = load_settings()
    f = commented(VERBATIM_ROWS, filler=40, counters=EVERY_COUNTER)
    assert survey.verbatims(f, settings, 1).equals(survey.verbatims(f, settings, 1))
    two = survey.verbatims(f, settings, per_kind=2)
    dmi_critiques = two[(two["kind"] == "Critique") & (two["counter"] == "DMI")]["comment"].tolist()
    assert len(dmi_critiques) == 2 and dmi_critiques[1].startswith("Deuxième critique")


def test_verbatims_per_kind_is_a_setting_by_default():
    settings = load_settings()
    f = commented(VERBATIM_ROWS, filler=40, counters=EVERY_COUNTER)
    assert settings["survey"]["verbatims_per_kind"] == 1
    assert survey.verbatims(f, settings).equals(survey.verbatims(f, settings, per_kind=1))
    settings["survey"]["verbatims_per_kind"] = 2
    assert survey.verbatims(f, settings).equals(survey.verbatims(f, settings, per_kind=2))
    assert len(survey.verbatims(f, settings)) == 5  # DMI's second critique is quoted too


def test_no_verbatims_below_the_small_count_threshold():
    settings = load_settings()
    assert settings["survey"]["min_answers_for_verbatims"] == 30
    few = commented(VERBATIM_ROWS, filler=29 - 3, counters=("PAN",))  # PAN: 29 questionnaires
    assert not survey.verbatims_allowed(few, settings)
    assert survey.verbatims(few, settings).empty
    enough = commented(VERBATIM_ROWS, filler=30 - 3, counters=("PAN",))  # PAN: 30
    assert survey.verbatims_allowed(enough, settings) and not survey.verbatims(enough, settings).empty
    settings["survey"]["min_answers_for_verbatims"] = 5
    assert not survey.verbatims(few, settings).empty


def test_the_threshold_is_per_counter_not_per_scope():
    settings = load_settings()
    # 200 questionnaires in the scope, but DMI and BER have fewer than 30 each: only PAN is quoted.
    f = commented(VERBATIM_ROWS, filler=200, counters=("PAN",))
    assert survey.quotable_counters(f, settings) == ["PAN"]
    table = survey.verbatims(f, settings, per_kind=3)
    assert set(table["counter"]) == {"PAN"}
    assert table.values.tolist() == [
        ["Critique", "PAN", "Attente trop longue, M. [nom masqué] au [téléphone masqué] n'a pas été rappelé."]]
    # The same PAN critique is no longer hidden by its earlier copy at DMI, which is not quoted.
    text = " ".join(table["comment"])
    assert "Merci à Mme" not in text and "Bien mieux" not in text and "samedi" not in text
    # A counter reaching the threshold exactly is quoted.
    f = commented(VERBATIM_ROWS, filler=30 - 4, counters=("DMI",))
    assert survey.quotable_counters(f, settings) == ["DMI"]
    assert set(survey.verbatims(f, settings, per_kind=3)["counter"]) == {"DMI"}


def test_the_switch_off_quotes_no_comment():
    settings = load_settings()
    assert settings["survey"]["quote_comments"] is True and survey.quoting_enabled(settings)
    f = commented(VERBATIM_ROWS, filler=100, counters=EVERY_COUNTER)
    assert not survey.verbatims(f, settings).empty
    settings["survey"]["quote_comments"] = False
    assert not survey.quoting_enabled(settings) and not survey.verbatims_allowed(f, settings)
    off = survey.verbatims(f, settings, per_kind=10)
    assert off.empty and list(off.columns) == ["kind", "counter", "comment"]
    del settings["survey"]["quote_comments"]
    assert survey.verbatims(f, settings).empty, "quoting is opt-in: off when the key is absent"


def test_verbatims_are_redacted_in_every_writing():
    rows = [("DMI", "critique", "Mme Quintard, 06/12/34/56/78, jean.dupont at gmail dot com, 12 r. des Lilas"),
            ("DMI", "suggestion", "Je suis Fatima Zahra El Idrissi, née le 12/03/1985, passeport 12AB34567"),
            ("DMI", "félicitations", "Merci à \u041cme Qu\u200bintard, IBAN FR76 3000 6000 0112 3456 7890 189")]
    table = survey.verbatims(commented(rows, filler=30, counters=("DMI",)), load_settings(), per_kind=1)
    text = " ".join(table["comment"])
    assert len(table) == 3
    for personal in ("Quintard", "06/12", "dupont", "Lilas", "Idrissi", "1985", "12AB34567", "FR76"):
        assert personal not in text


def test_counter_mean_is_the_same_with_a_categorical_group():
    hit = pd.Series([True, False, pd.NA, True, True, False], dtype="boolean")
    group = pd.Series(["B", "A", "A", "B", "C", "A"], dtype="str")
    plain = survey.combined_rate(hit, group, "counter_mean")
    categorical = survey.combined_rate(hit, group.astype("category"), "counter_mean")
    assert plain == categorical
    assert plain[0] == pytest.approx(100 * (0 + 1 + 1) / 3)  # A: 0/2, B: 2/2, C: 1/1
    assert plain[1:] == (3, 5)


def test_criterion_trends_are_the_criteria_of_the_tidy_table_over_the_years():
    rows = [{"source": "survey", "indicator": i, "label": i, "year": y, "value": v, "unit": "%", "decimals": 1,
             "target_op": ">=", "target_value": 85.0, "status": "met", "note": None}
            for i in ("overall", "overall_very_satisfied", "courtesy") for y, v in ((2021, 90.0), (2022, 95.0))]
    trends = survey.criterion_trends(pd.DataFrame(rows), 2022)
    assert set(trends["indicator"]) == {"overall", "courtesy"}  # very satisfied rates are not criteria
    assert trends["indicator"].tolist()[:2] == [trends["indicator"].iloc[0]] * 2  # by criterion, then year
    assert trends["year"].tolist()[:2] == [2021, 2022]
