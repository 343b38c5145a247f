"""Complaints register: counts, on-time rate (E 3.1) and mean delay on tiny registers, and the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.data.loading import check_year
from helpers.data.sample import complaints as sample
from helpers.data.sample.generate import reference, write_year_file
from helpers.indicators import complaints as cp
from helpers.report.formatting import round_half_up


def register(rows: list[tuple[str, str | None, str, str]]) -> pd.DataFrame:
    """Rows of (received, answered or None, channel, kind)."""
    frame = pd.DataFrame(rows, columns=["received", "answered", "channel", "kind"])
    frame.insert(0, "entry_id", [f"R{i}" for i in range(len(frame))])
    frame["received"] = pd.to_datetime(frame["received"])
    frame["answered"] = pd.to_datetime(frame["answered"])
    frame["service"] = "Préfecture"
    frame["topic"] = "objet"
    return frame


def test_delay_skips_weekend_and_holiday(settings: dict) -> None:
    reg = register([
        ("2022-11-11", "2022-11-14", "courriel", "réclamation"),  # Friday 11/11 is a holiday: 1 day
        ("2022-11-10", "2022-11-14", "courriel", "réclamation"),  # Thu -> Mon over 11/11 and a weekend: 1 day
        ("2022-03-07", "2022-03-07", "courriel", "suggestion"),   # same day: 0
    ])
    assert cp.answer_delays(reg, settings, 2022)["delay"].tolist() == [1, 1, 0]
    value, total, answered = cp.mean_delay(reg, settings, 2022)
    assert (value, total, answered) == (pytest.approx(2 / 3), 2, 3)


def test_deadline_per_channel(settings: dict) -> None:
    reg = register([
        ("2022-03-07", "2022-03-14", "courriel", "réclamation"),  # 5 working days: on time
        ("2022-03-07", "2022-03-15", "courriel", "réclamation"),  # 6: late
        ("2022-03-07", "2022-03-21", "courrier", "réclamation"),  # 10: on time (letters: 10 days)
        ("2022-03-07", "2022-03-22", "urne", "réclamation"),      # 11: late
    ])
    assert cp.answer_delays(reg, settings, 2022)["on_time"].tolist() == [True, False, True, False]
    assert cp.answered_in_time(reg, settings, 2022) == (50.0, 2, 4)


def test_pending_not_overdue_left_out_overdue_counted_late(settings: dict) -> None:
    reg = register([
        ("2022-03-07", "2022-03-08", "courriel", "réclamation"),  # answered on time
        ("2022-12-26", None, "courrier", "réclamation"),          # 4 working days at 31/12: left out
        ("2022-12-01", None, "courriel", "suggestion"),           # deadline passed at 31/12: late
    ])
    delays = cp.answer_delays(reg, settings, 2022)
    assert delays["elapsed"].tolist() == [1, 4, 21]
    assert delays["on_time"].isna().tolist() == [False, True, False]
    assert cp.answered_in_time(reg, settings, 2022) == (50.0, 1, 2)
    assert cp.mean_delay(reg, settings, 2022) == (1.0, 1, 1)  # pending entries have no delay
    assert cp.pending(reg, settings, 2022) == 2


def test_thanks_are_counted_but_not_in_rate(settings: dict) -> None:
    reg = register([
        ("2022-05-02", "2022-05-20", "courriel", "remerciement"),
        ("2022-05-02", None, "courriel", "remerciement"),
        ("2022-05-02", "2022-05-03", "courrier", "réclamation"),
    ])
    assert cp.kind_counts(reg).to_dict() == {"réclamation": 1, "suggestion": 0, "remerciement": 2}
    assert cp.answered_in_time(reg, settings, 2022) == (100.0, 1, 1)
    assert cp.pending(reg, settings, 2022) == 0


def test_no_answer_gives_no_rate_nor_delay(settings: dict) -> None:
    reg = register([("2022-12-29", None, "courriel", "réclamation")])
    assert cp.answered_in_time(reg, settings, 2022) == (None, 0, 0)
    assert cp.mean_delay(reg, settings, 2022) == (None, 0, 0)
    records = {r.indicator: r for r in cp.indicators(reg, settings, 2022)}
    assert records["complaints_answered_in_time"].value is None
    assert records["pending"].value == 1


def test_answer_after_closing_date_is_pending(settings: dict) -> None:
    reg = register([("2022-12-28", "2023-01-03", "courriel", "réclamation")])
    assert cp.pending(reg, settings, 2022) == 1
    assert cp.answer_delays(reg, settings, 2022)["delay"].tolist() == [4]  # 29/12, 30/12, 2/1, 3/1


def test_no_function_returns_a_text_of_the_register(settings: dict) -> None:
    reg = register([("2022-05-02", "2022-05-03", "courriel", "réclamation"),
                    ("2022-05-02", None, "courrier", "suggestion")])
    reg["topic"] = "Réclamation de Mme Quintard, 06/12/34/56/78, 12 r. des Lilas"
    shown = [cp.answer_delays(reg, settings, 2022), cp.counts_by_channel(reg), cp.counts_by_service(reg),
             cp.kind_counts(reg).to_frame(), cp.channel_table(reg)]
    text = " ".join(str(v) for table in shown for v in [*table.to_numpy().ravel(), *table.index, *table.columns])
    text += " ".join(f"{r.label} {r.value} {r.note}" for r in cp.indicators(reg, settings, 2022))
    text += cp.channel_finding(reg, len(reg))
    for personal in ("Quintard", "06/12", "Lilas", "Réclamation de"):
        assert personal not in text


def test_counts_by_channel_and_service() -> None:
    reg = register([
        ("2022-05-02", "2022-05-03", "courrier", "réclamation"),
        ("2022-05-02", "2022-05-03", "courriel", "réclamation"),
        ("2022-05-02", "2022-05-03", "courriel", "suggestion"),
    ])
    by_channel = cp.counts_by_channel(reg).set_index("channel")
    assert by_channel.loc["courriel"].to_dict() == {"réclamation": 1, "suggestion": 1, "remerciement": 0, "total": 2}
    assert by_channel.index[0] == "courriel"
    assert cp.counts_by_service(reg).set_index("service").loc["Préfecture", "total"] == 3


def test_each_register_closes_on_its_own_year(settings: dict) -> None:
    earlier = register([
        ("2021-03-07", "2021-03-08", "courriel", "réclamation"),   # 1 working day: on time
        ("2021-12-01", None, "courriel", "réclamation"),           # overdue at 31/12/2021: late
    ])
    later = register([("2022-03-07", "2022-03-22", "courrier", "suggestion")])  # 11 days: late
    by_id = {year: {r.indicator: r for r in cp.indicators(reg, settings, year) if r.indicator in cp.ANSWER_IDS}
             for year, reg in ((2021, earlier), (2022, later))}
    on_time = by_id[2021]["complaints_answered_in_time"]
    assert (on_time.value, on_time.numerator, on_time.denominator) == (50.0, 1, 2)
    assert by_id[2021]["complaints_mean_delay"].value == 1.0
    assert by_id[2022]["complaints_answered_in_time"].value == 0.0
    delay = by_id[2022]["complaints_mean_delay"]
    assert (delay.value, delay.unit, delay.decimals) == (11.0, "jours", 1)


def test_channel_table_capitalises_the_first_letter_only() -> None:
    reg = register([("2022-05-02", "2022-05-03", "plateforme SP+", "réclamation"),
                    ("2022-05-02", "2022-05-03", "courriel", "réclamation"),
                    ("2022-05-02", "2022-05-03", "courriel", "remerciement")])
    table = cp.channel_table(reg)
    assert table["channel"].tolist() == ["Courriel", "Plateforme SP+"]
    assert table.columns.tolist() == ["channel", "réclamation", "suggestion", "remerciement", "total"]
    assert table["total"].tolist() == [2, 1]
    assert cp.capitalised("formulaire web") == "Formulaire web" and cp.capitalised("") == ""


def test_first_channels_lists_every_channel_on_a_tie() -> None:
    one = register([("2022-05-02", None, "courrier", "réclamation"), ("2022-05-02", None, "urne", "réclamation"),
                    ("2022-05-02", None, "courrier", "suggestion")])
    assert cp.first_channels(one) == (["courrier"], 2)
    tie = register([("2022-05-02", None, "urne", "réclamation"), ("2022-05-02", None, "courriel", "réclamation")])
    assert cp.first_channels(tie) == (["courriel", "urne"], 1)
    assert cp.first_channels(one.iloc[:0]) == ([], 0)


def test_channel_finding_names_the_first_channel_as_written_and_agrees_in_number() -> None:
    one = register([("2022-05-02", None, "plateforme SP+", "réclamation"),
                    ("2022-05-02", None, "plateforme SP+", "suggestion"), ("2022-05-02", None, "urne", "suggestion")])
    assert cp.channel_finding(one, 3) == "2 écrits sur 3 reçus par plateforme SP+, premier canal"
    alone = register([("2022-05-02", None, "courriel", "réclamation")])
    assert cp.channel_finding(alone, 1) == "1 écrit sur 1 reçu par courriel, premier canal"
    tie = register([("2022-05-02", None, "urne", "réclamation"), ("2022-05-02", None, "courriel", "réclamation"),
                    ("2022-05-02", None, "courrier", "réclamation")])
    assert cp.channel_finding(tie, 3) == "courriel, courrier et urne en tête à égalité : 1 écrit chacun sur 3 reçus"
    assert cp.channel_finding(tie.iloc[:0], 0) == "aucun écrit reçu"


def test_indicators_ids(settings: dict) -> None:
    reg = register([("2022-05-02", "2022-05-03", "courrier", "réclamation")])
    records = cp.indicators(reg, settings, 2022)
    assert [r.indicator for r in records] == ["reclamations", "suggestions", "remerciements", "entries", "pending",
                                              "complaints_answered_in_time", "complaints_mean_delay"]
    by_id = {r.indicator: r for r in records}
    assert (by_id["complaints_answered_in_time"].unit, by_id["complaints_answered_in_time"].decimals) == ("%", 0)
    assert (by_id["complaints_mean_delay"].unit, by_id["complaints_mean_delay"].decimals) == ("jours", 1)


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_sample_reproduces_published_figures(tmp_path, settings: dict, year: int) -> None:
    ref = reference()
    folder = tmp_path / str(year)
    folder.mkdir()
    write_year_file(folder, year, ref)
    written = sample.write(year, folder, np.random.default_rng(year), ref)
    result = check_year(folder, settings)
    names = {p.name for p in written}
    assert [str(p) for p in result.problems if any(n in p.file for n in names)] == []
    reg = result.data["complaints"]
    assert not any(c.startswith("personal_") for c in reg.columns)
    records = {r.indicator: r for r in cp.indicators(reg, settings, year)}
    if year == 2022:
        for key, value in ref["complaints_2022"]["counts"].items():
            assert records[key].value == value
    dashboard = {row["id"]: row["values"][str(year)] for row in ref["quality_dashboard"]["indicators"]}
    for ident in ("complaints_answered_in_time", "complaints_mean_delay"):
        shown = round_half_up(records[ident].value, records[ident].decimals)
        assert shown == dashboard[ident], ident


def test_monthly_counts_keep_every_month_and_kind_and_widen_to_dates_outside_the_year():
    register = pd.DataFrame({"received": pd.to_datetime(["2022-03-02", "2022-03-20", "2022-07-01"]),
                             "kind": ["réclamation", "suggestion", "réclamation"]})
    monthly = cp.monthly_counts(register, 2022)
    assert len(monthly) == 12 and list(monthly.columns) == ["réclamation", "suggestion", "remerciement"]
    assert monthly.loc["2022-03-01"].tolist() == [1, 1, 0] and int(monthly.to_numpy().sum()) == 3
    late = pd.concat([register, pd.DataFrame({"received": pd.to_datetime(["2023-01-04"]), "kind": ["suggestion"]})])
    assert cp.monthly_counts(late, 2022).index[-1] == pd.Timestamp("2023-01-01")
    table = cp.monthly_table(monthly, {"réclamation": "Réclamations"})
    assert table.columns[:2].tolist() == ["Mois", "Réclamations"] and table.loc[2, "Mois"] == "mars 2022"
    assert table["Total"].tolist()[2] == 2


def test_monthly_finding_names_the_busiest_month_or_months():
    months = pd.date_range("2022-01-01", periods=12, freq="MS")
    one = pd.DataFrame({"a": [0, 0, 5] + [1] * 9}, index=months)
    assert cp.monthly_finding(one, 2022, "écrit") == "2022 : 14 écrits, dont 5 en mars, le mois le plus chargé"
    tie = pd.DataFrame({"a": [2, 0, 2] + [0] * 9}, index=months)
    assert cp.monthly_finding(tie, 2022, "écrit") == (
        "2022 : 4 écrits, dont 2 en janvier et en mars, les mois les plus chargés")
    assert cp.monthly_finding(one * 0, 2022, "écrit") == "2022 : aucun écrit"
