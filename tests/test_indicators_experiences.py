"""Experience shares and mail survey: counts and response rate on tiny tables, and the 2022 sample."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.data.sample import experiences as sample
from helpers.data.sample.generate import reference
from helpers.indicators import experiences as ex
from helpers.report.formatting import round_half_up
from tests.conftest import generate_year

EXPERIENCE_IDS = ["experiences_shared", "experiences_positive", "experiences_neutral", "experiences_negative",
                  "experiences_answered"]
MAIL_IDS = ["mail_survey_sent", "mail_survey_responses", "mail_survey_satisfied", "mail_survey_neutral",
            "mail_survey_dissatisfied", "mail_survey_response_rate"]


def shares() -> pd.DataFrame:
    return pd.DataFrame({
        "experience_id": ["1", "2", "3"],
        "feeling": ["Négatif", "Positif", "Négatif"],
        "first_answer": pd.to_datetime(["2022-07-01", None, "2022-10-03"]),
    })


def mail(sent: list[int], ratings: list[tuple[int, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(ratings, columns=["satisfied", "neutral", "dissatisfied"])
    frame.insert(0, "sent", sent)
    frame.insert(1, "responses", frame.sum(axis=1) - frame["sent"])
    return frame


def test_feelings_and_answers() -> None:
    assert ex.feeling_counts(shares()).to_dict() == {"Positif": 1, "Neutre": 0, "Négatif": 2}
    assert ex.answered_count(shares()) == 2


def test_by_feeling_counts_shares_and_answers() -> None:
    table = ex.by_feeling(shares())
    assert table["feeling"].tolist() == ["Positif", "Neutre", "Négatif"]
    assert table["shared"].tolist() == [1, 0, 2]
    assert table["answered"].tolist() == [0, 0, 2]


def test_feeling_table_ends_with_a_total_row() -> None:
    table = ex.feeling_table(shares())
    assert table.columns.tolist() == ["feeling", "shared", "answered"]
    assert table["feeling"].tolist() == ["Positif", "Neutre", "Négatif", "Total"]
    assert table.iloc[-1].tolist() == ["Total", 3, 2]
    assert table["shared"].iloc[:-1].sum() == table["shared"].iloc[-1]


def test_wave_table_gives_each_wave_its_rate_and_a_total_row() -> None:
    survey = mail([20, 0, 25], [(1, 0, 1), (0, 0, 0), (0, 1, 0)])
    survey.insert(0, "wave", pd.to_datetime(["2022-12-01", "2022-06-01", "2022-09-01"]))
    table = ex.wave_table(survey)
    assert table.columns.tolist() == ["wave", "sent", "responses", "satisfied", "neutral", "dissatisfied", "rate"]
    assert table["wave"].tolist() == ["juin 2022", "septembre 2022", "décembre 2022", "Total"]  # oldest first
    assert table["sent"].tolist() == [0, 25, 20, 45]
    assert pd.isna(table.at[0, "rate"])  # nothing sent: no rate, not 0 %
    assert table["rate"].iloc[1:].tolist() == [4.0, 10.0, 100 * 3 / 45]
    assert table.iloc[-1, 1:6].tolist() == list(ex.mail_totals(survey).values())


def test_mail_totals_and_response_rate() -> None:
    survey = mail([25, 15], [(1, 0, 1), (0, 1, 0)])
    assert ex.mail_totals(survey) == {"sent": 40, "responses": 3, "satisfied": 1, "neutral": 1, "dissatisfied": 1}
    assert ex.response_rate(survey) == (7.5, 3, 40)


def test_no_questionnaire_sent_has_no_rate() -> None:
    assert ex.response_rate(mail([0], [(0, 0, 0)])) == (None, 0, 0)


def test_indicators_only_for_files_provided(settings: dict) -> None:
    assert ex.indicators(None, None, settings) == []
    only_mail = ex.indicators(None, mail([10], [(1, 0, 0)]), settings)
    assert [r.indicator for r in only_mail] == MAIL_IDS
    both = {r.indicator: r for r in ex.indicators(shares(), mail([10], [(1, 0, 0)]), settings)}
    assert list(both) == EXPERIENCE_IDS + MAIL_IDS
    assert both["experiences_negative"].value == 2
    rate = both["mail_survey_response_rate"]
    assert (rate.value, rate.unit, rate.decimals) == (10.0, "%", 1)


def test_no_file_before_the_platform(tmp_path) -> None:
    assert sample.write(2021, tmp_path, np.random.default_rng(0), reference()) == []


def test_sample_2022_reproduces_published_figures(tmp_path, settings: dict) -> None:
    ref = reference()
    data = generate_year(tmp_path, 2022, "experiences")
    assert "personal_pseudo" not in data["experiences"].columns
    records = {r.indicator: r.value for r in ex.indicators(data["experiences"], data["mail_survey"], settings)}
    avis = ref["measurement_overview_2022"]["donnez_votre_avis"]
    assert records["experiences_shared"] == avis["experiences_shared"]
    positive, negative = sample.shown_counts(avis["split_shown"])  # "1 et 4": positive, negative
    assert (records["experiences_positive"], records["experiences_negative"]) == (positive, negative)
    assert data["experiences"]["written"].min() >= pd.Timestamp(avis["since"] + "-01")
    survey = ref["measurement_overview_2022"]["mail_survey"]
    assert [w.strftime("%Y-%m") for w in data["mail_survey"]["wave"]] == survey["waves"]
    assert (records["mail_survey_sent"], records["mail_survey_responses"]) == (survey["sent"], survey["responses"])
    split = [records[f"mail_survey_{k}"] for k in ("satisfied", "neutral", "dissatisfied")]
    assert split == sample.shown_counts(survey["split_shown"])
    assert round_half_up(records["mail_survey_response_rate"], 1) == round_half_up(
        100 * survey["responses"] / survey["sent"], 1)


def test_no_other_function_returns_a_free_text() -> None:
    frame = shares().assign(title=["Mme Quintard"] * 3, description=["06 12 34 56 78"] * 3)
    shown = [ex.feeling_counts(frame).to_frame(), ex.by_feeling(frame), ex.feeling_table(frame)]
    text = " ".join(str(v) for table in shown for v in [*table.to_numpy().ravel(), *table.index, *table.columns])
    assert "Quintard" not in text and "06 12" not in text
    labels = " ".join(f"{r.label} {r.value}" for r in ex.indicators(frame, None, {}))
    assert "Quintard" not in labels


def test_monthly_feelings_count_every_feeling_by_month_of_writing():
    shares = pd.DataFrame({"written": pd.to_datetime(["2022-06-07 11:18", "2022-06-30 23:59", "2022-09-03 08:00"]),
                           "feeling": ["Négatif", "Positif", "Négatif"]})
    monthly = ex.monthly_feelings(shares, 2022)
    assert list(monthly.columns) == ["Positif", "Neutre", "Négatif"] and len(monthly) == 12
    assert monthly.loc["2022-06-01"].tolist() == [1, 0, 1] and monthly.loc["2022-09-01", "Négatif"] == 1
