"""Unit tests of the communication indicators, and the 2022 sample against the published figures."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from helpers.data import page_views
from helpers.data.contract import Context
from helpers.data.contract.communication import WEBSITE, WHOLE_SITE
from helpers.data.contract.reading import read_raw
from helpers.data.contract.validate import validate_table
from helpers.data.loading import check_year
from helpers.data.sample import communication as sample
from helpers.data.sample.generate import REFERENCE_FILE, SEED, rng_for, write_year_file
from helpers.indicators import communication
from helpers.report.formatting import round_half_up
from tests.conftest import write_text


def web(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["section", "visitors"])
    return out.assign(year=2022, section=out["section"].astype("string"), visitors=out["visitors"].astype("Int64"))


def monthly(rows, category: str, count: str) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["month", category, count])
    out["month"] = pd.to_datetime(out["month"])
    return out.astype({category: "string", count: "Int64"})


WEB = web([("Armes", 50), (WHOLE_SITE, 400), ("Démarches étrangers", 300), ("Eau", 100)])


def test_section_visitors_sorted_with_shares_of_the_whole_site():
    table = communication.section_visitors(WEB)
    assert list(table["section"]) == ["Démarches étrangers", "Eau", "Armes"]
    assert list(table["share"]) == pytest.approx([75.0, 25.0, 12.5])
    assert communication.whole_site_visitors(WEB) == 400


def test_top_section_records_name_the_section():
    records = {r.indicator: r for r in communication.indicators(web=WEB)}
    assert records["unique_visitors_year"].value == 400
    assert records["top_section_visitors"].value == 300
    share = records["top_section_share"]
    assert (share.value, share.unit, share.decimals) == (75.0, "%", 1)
    assert (share.numerator, share.denominator) == (300, 400)
    assert "« Démarches étrangers »" in share.label


def test_share_is_computed_not_truncated():
    records = {r.indicator: r for r in communication.indicators(web=web([(WHOLE_SITE, 622230), ("X", 459116)]))}
    assert round_half_up(records["top_section_share"].value, 1) == 73.8


def test_connections_per_month_divides_by_months_present():
    social = monthly([("2022-01-01", "Twitter", 100), ("2022-01-01", "Facebook", 200),
                      ("2022-03-01", "Twitter", 50), ("2022-03-01", "Facebook", 250)], "network", "connections")
    assert communication.connections_per_month(social) == (300.0, 600, 2)  # February missing: not a zero
    table = communication.monthly_connections(social)
    assert list(table.columns) == ["Facebook", "Twitter", "total"]
    assert list(table["total"]) == [300, 300]
    record = communication.indicators(social=social)[0]
    assert (record.indicator, record.value, record.decimals) == ("social_connections_per_month", 300.0, 0)


def test_press_monthly_totals_mean_min_max():
    press = monthly([("2022-01-01", "communiqué", 10), ("2022-01-01", "agenda public", 5),
                     ("2022-02-01", "communiqué", 20), ("2022-02-01", "invitation presse", 0),
                     ("2022-04-01", "communiqué", 12)], "kind", "sends")
    table = communication.monthly_press(press)
    assert list(table["total"]) == [15, 20, 12]
    assert table.loc[pd.Timestamp("2022-02-01"), "agenda public"] == 0  # kind absent that month
    records = {r.indicator: r.value for r in communication.indicators(press=press)}
    assert records == {"press_sends_year": 47, "press_sends_per_month_mean": pytest.approx(47 / 3),
                       "press_sends_per_month_min": 12, "press_sends_per_month_max": 20}


def test_monthly_press_columns_follow_the_contract_order():
    press = monthly([("2022-01-01", "agenda public", 5), ("2022-01-01", "invitation presse", 1),
                     ("2022-01-01", "communiqué", 10)], "kind", "sends")
    assert list(communication.monthly_press(press).columns) == ["communiqué", "invitation presse", "agenda public",
                                                                 "total"]
    only = monthly([("2022-01-01", "agenda public", 5)], "kind", "sends")
    assert list(communication.monthly_press(only).columns) == ["agenda public", "total"]


@pytest.mark.parametrize(("month", "expected"), [("2022-01-01", "Janvier 2022"), ("2022-08-01", "Août 2022"),
                                                 ("2021-12-01", "Décembre 2021")])
def test_month_label_is_capitalised_with_its_year(month, expected):
    assert communication.month_label(pd.Timestamp(month)) == expected


def test_with_month_labels_puts_the_months_first():
    social = monthly([("2022-02-01", "Twitter", 100), ("2022-01-01", "Twitter", 50), ("2022-01-01", "Facebook", 7)],
                     "network", "connections")
    table = communication.with_month_labels(communication.monthly_connections(social))
    assert table.columns.tolist() == ["month", "Facebook", "Twitter", "total"]
    assert table["month"].tolist() == ["Janvier 2022", "Février 2022"]
    assert table["total"].tolist() == [57, 100]
    assert pd.isna(table.at[1, "Facebook"])  # no row for Facebook in February: not a zero


def test_peak_month_is_the_first_month_of_the_highest_total():
    social = monthly([("2022-01-01", "Twitter", 100), ("2022-02-01", "Twitter", 300), ("2022-03-01", "Twitter", 300)],
                     "network", "connections")
    assert communication.peak_month(communication.monthly_connections(social)) == pd.Timestamp("2022-02-01")
    assert communication.peak_month(communication.monthly_connections(social.iloc[:0])) is None


def test_only_the_tables_provided_give_records():
    assert communication.indicators() == []
    assert communication.indicators(web=web([("Eau", 10)])) == []  # no whole-site row: no figure
    ids = [r.indicator for r in communication.indicators(web=web([(WHOLE_SITE, 10)]))]
    assert ids == ["unique_visitors_year"]


def hits(rows) -> pd.DataFrame:
    """Page views as the validated ``web_hits`` table holds them: (visitor id, section) per row."""
    out = pd.DataFrame(rows, columns=["visitor_id", "section"])
    return out.astype({"visitor_id": "string", "section": "string"})


def as_rows(web_table: pd.DataFrame) -> list[tuple[str, int]]:
    return list(zip(web_table["section"], web_table["visitors"], strict=True))


def test_visitors_from_hits_counts_a_visitor_once_in_the_whole_site():
    counted = page_views.visitors_from_hits(hits([
        ("v1", "Eau"), ("v1", "Eau"), ("v1", "Armes"), ("v2", "Armes"), ("v3", "Armes"), ("v2", "Eau"),
    ]), 2022)
    assert as_rows(counted) == [("Armes", 3), ("Eau", 2), (WHOLE_SITE, 3)]  # not 5: v1 and v2 viewed both
    assert set(counted["year"]) == {2022}
    records = {r.indicator: r.value for r in communication.indicators(web=counted)}
    assert records["unique_visitors_year"] == 3 and records["top_section_visitors"] == 3


def test_visitors_from_hits_has_the_shape_of_the_website_table(tmp_path, settings):
    path = write_text(tmp_path / "site_internet.csv", f"annee;rubrique;visiteurs_uniques\n2022;Eau;2\n"
                                                      f"2022;{WHOLE_SITE};2\n")
    typed, problems = validate_table(WEBSITE, read_raw(path, path.name, set()), path.name, Context(2022, settings))
    assert problems == []
    counted = page_views.visitors_from_hits(hits([("v1", "Eau"), ("v2", "Eau")]), 2022)
    pd.testing.assert_frame_equal(counted, typed.reset_index(drop=True))


def test_visitors_from_hits_ties_sections_without_counted_visitors_and_empty_input():
    counted = page_views.visitors_from_hits(hits([
        ("v1", "Eau"), ("v2", "Armes"), (None, "Élections"), (None, "Eau"), ("v3", None),
    ]), 2022)
    # Ties by name; a section whose page views have no visitor id has none; a page view
    # without a section counts in the whole site only.
    assert as_rows(counted) == [("Armes", 1), ("Eau", 1), ("Élections", 0), (WHOLE_SITE, 3)]
    assert as_rows(page_views.visitors_from_hits(hits([]), 2022)) == [(WHOLE_SITE, 0)]


def test_visitors_from_hits_agrees_with_a_plain_group_by():
    rng = np.random.default_rng(7)
    frame = hits(zip(rng.integers(0, 500, 20_000).astype(str), rng.choice(["A", "B", "C", "D"], 20_000,
                                                                         p=[0.7, 0.2, 0.09, 0.01]), strict=True))
    frame["section"] = frame["section"].astype("category")  # any dtype of labels is counted the same way
    counted = page_views.visitors_from_hits(frame, 2021).set_index("section")["visitors"]
    expected = frame.groupby("section", observed=True)["visitor_id"].nunique()
    assert counted.drop(WHOLE_SITE).to_dict() == expected.to_dict()
    assert counted[WHOLE_SITE] == frame["visitor_id"].nunique()


@pytest.fixture(scope="module")
def ref() -> dict:
    return yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))


def generate_and_load(tmp_path: Path, year: int, ref: dict) -> dict[str, pd.DataFrame]:
    folder = tmp_path / str(year)
    folder.mkdir()
    written = sample.write(year, folder, rng_for(SEED, year, "communication"), ref)
    write_year_file(folder, year, ref)
    result = check_year(folder)
    mine = {p.stem for p in written}
    assert [str(p) for p in result.problems if Path(p.file).stem in mine] == []
    return result.data.tables


def published_connections(ref: dict, year: int) -> float:
    row = next(i for i in ref["quality_dashboard"]["indicators"] if i["id"] == "social_connections_per_month")
    return row["values"][str(year)]


def test_sample_2022_reproduces_published_communication(tmp_path, ref):
    tables = generate_and_load(tmp_path, 2022, ref)
    records = {r.indicator: r for r in communication.indicators(
        tables["web_visitors"], tables["social_networks"], tables["press"])}
    site, press = ref["communication_2022"]["website"], ref["communication_2022"]["press"]
    assert records["unique_visitors_year"].value == site["unique_visitors_year"]
    assert records["top_section_visitors"].value == site["foreigners_procedures_visitors"]
    assert round_half_up(records["top_section_share"].value, 1) == round_half_up(
        100 * site["foreigners_procedures_visitors"] / site["unique_visitors_year"], 1)
    assert records["social_connections_per_month"].value == published_connections(ref, 2022)
    assert round_half_up(records["press_sends_per_month_mean"].value, 1) == press["sends_per_month_mean"]
    assert [records["press_sends_per_month_min"].value, records["press_sends_per_month_max"].value] == \
        press["sends_per_month_range"]
    assert set(tables["social_networks"]["network"]) == set(ref["communication_2022"]["social_networks"]["platforms"])
    assert communication.monthly_press(tables["press"]).shape == (12, 4)


@pytest.mark.parametrize("year", [2020, 2021])
def test_earlier_samples_match_the_dashboard_connections(tmp_path, ref, year):
    tables = generate_and_load(tmp_path, year, ref)
    mean, _total, months = communication.connections_per_month(tables["social_networks"])
    assert (mean, months) == (published_connections(ref, year), 12)
    assert communication.whole_site_visitors(tables["web_visitors"]) < ref["communication_2022"]["website"][
        "unique_visitors_year"]


def test_press_per_month_mean_min_max_over_months_present():
    press = monthly([("2022-01-01", "communiqué", 10), ("2022-01-01", "agenda public", 5),
                     ("2022-03-01", "communiqué", 12)], "kind", "sends")
    assert communication.press_per_month(press) == (13.5, 12, 15, 27, 2)  # February missing: not a zero
    assert communication.press_per_month(press.iloc[:0]) == (None, None, None, 0, 0)
