"""The figures computed once per build (``helpers.indicators.results``) and the tables that show them."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.indicators import results as computed
from helpers.indicators.records import Indicator, indicator_table
from helpers.report.tables import evolution


def tidy(rows: list[tuple[int, str, float | None, str | None, float | None]]) -> pd.DataFrame:
    """A tidy table of survey rates: (year, indicator, value, target operator, target value)."""
    frames = [indicator_table([Indicator("survey", ind, f"Taux {ind}", value, "%", target_op=op, target_value=target)],
                              year, "ATE") for year, ind, value, op, target in rows]
    return pd.concat(frames, ignore_index=True)


TABLE = tidy([(2021, "overall", 80.0, ">=", 85), (2022, "overall", 85.04, ">=", 85),
              (2022, "welcome", 84.96, ">=", 85), (2020, "welcome", None, ">=", 85)])


def test_evolution_shows_the_tables_values_targets_and_statuses():
    shown = evolution(TABLE, "survey", ["overall", "welcome", "absent"], 2022, "Critère", missing="-")
    assert shown.columns.tolist() == ["Critère", "Résultats 2020", "Résultats 2021", "Résultats 2022", "Cible 2022",
                                      "Cible atteinte en 2022"]
    assert shown["Critère"].tolist() == ["Taux overall", "Taux welcome"]
    assert shown["Résultats 2022"].tolist() == ["85,0\u00a0%", "85,0\u00a0%"]
    assert shown["Résultats 2021"].tolist() == ["80,0\u00a0%", "-"]
    assert shown["Résultats 2020"].tolist() == ["-", "-"]
    # 84,96 shows as 85,0 % but the status is the record's: compared at the shown precision, so met.
    assert shown["Cible atteinte en 2022"].tolist() == ["atteinte", "atteinte"]
    assert shown["Cible 2022"].tolist() == ["≥ 85\u00a0%", "≥ 85\u00a0%"]


def test_evolution_reads_the_status_it_is_given_and_never_tests_again():
    table = TABLE.assign(status=TABLE["status"].where(TABLE["indicator"] != "welcome", "not met"))
    shown = evolution(table, "survey", ["overall", "welcome"], 2022, "Critère")
    assert shown["Cible atteinte en 2022"].tolist() == ["atteinte", "non atteinte"]


def test_results_keep_their_types_through_save_and_load(tmp_path):
    results = computed.Results(2022, "ATE", TABLE, TABLE.iloc[:0],
                               {"survey": (pd.Timestamp("2022-11-21"), pd.Timestamp("2022-12-21"))})
    loaded = computed.load(computed.save(results, tmp_path / "r"))
    pd.testing.assert_frame_equal(loaded.table, results.table)
    pd.testing.assert_frame_equal(loaded.watch, results.watch)
    assert loaded.periods == results.periods and (loaded.year, loaded.scope) == (2022, "ATE")


def test_results_find_a_record_and_the_years_of_a_source():
    results = computed.Results(2022, "ATE", TABLE, TABLE.iloc[:0], {})
    assert results.record("survey", "overall")["value"] == pytest.approx(85.04)
    assert results.record("survey", "overall", 2021)["status"] == "not met"
    assert results.record("survey", "absent") is None
    assert results.years("survey") == [2020, 2021, 2022]
    assert results.current["year"].unique().tolist() == [2022]


def test_compute_covers_the_year_and_the_two_before_it_with_one_watch_list(settings):
    from helpers.indicators.results import from_folder
    from helpers.paths import DATA_DIR

    results = from_folder(DATA_DIR, 2022, "ATE", settings)
    survey_years = results.years("survey")
    assert survey_years == [2020, 2021, 2022]
    duplicated = results.table.duplicated(["source", "indicator", "year"])
    assert not duplicated.any(), "each figure of each year once"
    assert set(results.watch["year"]) <= {2022}
    assert set(results.periods) == {"survey", "mystery_calls"}


def test_evolution_says_a_withheld_value_is_not_published():
    table = TABLE.copy()
    row = (table["indicator"] == "overall") & (table["year"] == 2021)
    table.loc[row, "value"] = pd.NA
    table.loc[row, "note"] = "non diffusé : 3 réponses, moins de 10"
    shown = evolution(table, "survey", ["overall"], 2022, "Critère", missing="-")
    assert shown["Résultats 2021"].tolist() == ["non diffusé"]
