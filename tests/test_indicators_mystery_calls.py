"""Mystery calls: section and item rates on tiny hand-computable tables, and the 2022 sample."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.data.sample import mystery_calls as sample
from helpers.data.sample.generate import reference
from helpers.indicators import mystery_calls as mc
from helpers.indicators.records import indicator_table
from helpers.report.formatting import round_half_up
from tests.conftest import generate_year


def grid() -> pd.DataFrame:
    return pd.DataFrame({
        "item_id": ["S1", "S2", "T1", "A1"],
        "label": ["Menu clair", "Menu complet", "Phrase d'accueil", "Réponse après transfert"],
        "section": ["SVI", "SVI", "standard", "après transfert"],
        "weight": pd.array([2, 1, 3, 4], dtype="Int64"),
    })


def results(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Rows of (call, date, item, result)."""
    frame = pd.DataFrame(rows, columns=["call_id", "date", "item_id", "result"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def two_calls() -> pd.DataFrame:
    # Call 1: S1 met, S2 not met, T1 met, A1 not applicable (no transfer).
    # Call 2: S1 not met, S2 met, T1 met, A1 met.
    return results([
        ("C1", "2022-11-02", "S1", "atteint"), ("C1", "2022-11-02", "S2", "non atteint"),
        ("C1", "2022-11-02", "T1", "atteint"), ("C1", "2022-11-02", "A1", "sans objet"),
        ("C2", "2022-11-30", "S1", "non atteint"), ("C2", "2022-11-30", "S2", "atteint"),
        ("C2", "2022-11-30", "T1", "atteint"), ("C2", "2022-11-30", "A1", "atteint"),
    ])


def test_section_rates_weight_items_and_leave_out_not_applicable() -> None:
    rates = mc.section_rates(grid(), two_calls()).set_index("section")
    # SVI: met 2 (C1 S1) + 1 (C2 S2) = 3 of 2+1+2+1 = 6 -> 50 %.
    assert rates.loc["SVI", ["points_met", "points_possible"]].tolist() == [3, 6]
    assert rates.loc["SVI", "rate"] == pytest.approx(50.0)
    assert rates.loc["standard", "rate"] == pytest.approx(100.0)
    # After transfer: only call 2 applies (4 of 4).
    assert rates.loc["après transfert", ["points_met", "points_possible", "calls"]].tolist() == [4, 4, 1]
    assert rates.loc["après transfert", "indicator"] == "after_transfer"


def test_section_all_not_applicable_has_no_rate(settings: dict) -> None:
    frame = two_calls()
    frame.loc[frame["item_id"] == "A1", "result"] = "sans objet"
    rates = mc.section_rates(grid(), frame).set_index("section")
    assert pd.isna(rates.loc["après transfert", "rate"])
    assert rates.loc["après transfert", "calls"] == 0
    records = {r.indicator: r for r in mc.indicators(grid(), frame, settings)}
    assert records["after_transfer"].value is None
    assert records["after_transfer"].status == "no value"


def test_item_rates_per_item() -> None:
    items = mc.item_rates(grid(), two_calls()).set_index("item_id")
    assert items.loc["S1", ["met", "applicable"]].tolist() == [1, 2]
    assert items.loc["S1", "rate"] == pytest.approx(50.0)
    assert items.loc["T1", "rate"] == pytest.approx(100.0)
    assert items.loc["A1", ["met", "applicable"]].tolist() == [1, 1]
    frame = two_calls()
    frame.loc[frame["item_id"] == "A1", "result"] = "sans objet"
    assert pd.isna(mc.item_rates(grid(), frame).set_index("item_id").loc["A1", "rate"])


def with_target(settings: dict, op: str, value: float) -> dict:
    return {**settings, "targets": {**settings["targets"], "mystery_calls": {"op": op, "value": value}}}


def test_item_table_appreciation_from_the_status_against_the_target(settings: dict) -> None:
    frame = two_calls()
    frame.loc[frame["item_id"] == "A1", "result"] = "sans objet"
    items = mc.item_table(grid(), frame, settings)  # target > 85 %
    assert list(items.columns) == ["item_id", "appreciation", "status", "section", "label", "applicable", "met",
                                   "rate"]
    # Lowest rate first, stable among equals (grid order), the item without rate last.
    assert items["item_id"].tolist() == ["S1", "S2", "T1", "A1"]
    assert items["status"].tolist() == ["not met", "not met", "met", "no value"]
    assert items["appreciation"].tolist() == ["axe d'amélioration", "axe d'amélioration", "point fort", "sans objet"]
    assert items["section"].tolist() == ["SVI", "SVI", "Standard", "Après transfert"]
    assert items.loc[0, ["applicable", "met"]].tolist() == [2, 1]
    lenient = mc.item_table(grid(), frame, with_target(settings, ">=", 50))
    assert lenient.set_index("item_id").loc["S1", "appreciation"] == "point fort"


def test_item_table_compares_at_the_shown_precision(settings: dict) -> None:
    # T1 met in 91 of 107 calls: 85.047 %, shown 85,0 %, so not above a target of 85 (as a reader checks it).
    rows = [(f"C{i}", "2022-11-02", "T1", "atteint" if i < 91 else "non atteint") for i in range(107)]
    items = mc.item_table(grid(), results(rows), settings).set_index("item_id")
    assert items.loc["T1", "rate"] == pytest.approx(100 * 91 / 107)
    assert (items.loc["T1", "status"], items.loc["T1", "appreciation"]) == ("not met", "axe d'amélioration")
    at_least = mc.item_table(grid(), results(rows), with_target(settings, ">=", 85)).set_index("item_id")
    assert at_least.loc["T1", "status"] == "met"
    assert items.loc["S1", "status"] == "no value", "an item never scored has no rate and no status"


def test_section_records_follow_the_settings_sections(settings: dict) -> None:
    table = indicator_table(mc.indicators(grid(), two_calls(), settings), 2022, "ATE").set_index("indicator")
    parts = mc.section_records(table, settings["mystery_calls"]["sections"])
    assert parts.index.tolist() == ["svi", "standard", "after_transfer"]
    assert parts["section"].tolist() == ["SVI", "standard", "après transfert"]
    assert parts.loc["svi", ["numerator", "denominator", "status"]].tolist() == [3, 6, "not met"]
    assert mc.section_records(table, ["standard", "SVI"]).index.tolist() == ["standard", "svi"]
    assert mc.section_records(table.drop(index="standard"), ["SVI", "standard"]).index.tolist() == ["svi"]


def test_call_period_and_count() -> None:
    first, last = mc.call_period(two_calls())
    assert (first, last) == (pd.Timestamp("2022-11-02"), pd.Timestamp("2022-11-30"))
    assert mc.call_count(two_calls()) == 2


def test_indicators_ids_targets_and_status(settings: dict) -> None:
    records = {r.indicator: r for r in mc.indicators(grid(), two_calls(), settings)}
    assert list(records) == ["calls", "svi", "standard", "after_transfer"]
    assert records["calls"].value == 2 and records["calls"].unit == "nombre" and records["calls"].decimals == 0
    svi = records["svi"]
    assert (svi.value, svi.numerator, svi.denominator, svi.unit, svi.decimals) == (50.0, 3, 6, "%", 1)
    assert (svi.target_op, svi.target_value) == (">", 85.0)
    assert svi.status == "not met" and records["standard"].status == "met"


def test_deficits_search_reproduces_a_rate() -> None:
    # 441 / 500 = 88.20 %: 59 points not met out of 500.
    assert 59 in sample.deficits(500, 88.20, 2)
    assert all(round_half_up(100 * (204 - d) / 204, 1) == 91.7 for d in sample.deficits(204, 91.7, 1))


def test_sample_2022_reproduces_published_rates(tmp_path, settings: dict) -> None:
    ref = reference()
    data = generate_year(tmp_path, 2022, "mystery_calls")
    grid_, results_ = data["mystery_grid"], data["mystery_results"]
    records = {r.indicator: r for r in mc.indicators(grid_, results_, settings)}
    overview = ref["measurement_overview_2022"]["mystery_calls"]
    assert records["calls"].value == overview["calls"]
    for published in ref["mystery_calls_2022"]["rates"]:
        value = records[published["id"]].value
        assert round_half_up(value, published["decimals"]) == published["value"], published["id"]
    first, last = mc.call_period(results_)
    assert (first.date(), last.date()) == tuple(overview["period"])
    after = results_.merge(grid_, on="item_id").query("section == 'après transfert'")
    assert (after["result"] == "sans objet").any()  # some calls answered without transfer
