"""Golden figures: every number of the 2022 committee, recomputed from the sample data.

Each figure of ``tests/reference/published-figures-2022.yaml`` is compared with the project's
tidy indicators CSV, as ``clu indicators`` writes it (or, for dates and targets, with the
function or setting that produces them) at the precision the slide printed it. A last test
walks the whole yaml and fails if any number in it is not checked here. Where the yaml notes
that the source is inconsistent, the project's true value is checked with the note it carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest

from helpers.cli import main
from helpers.config.settings import load_settings
from helpers.data.loading import load_year
from helpers.data.sample.generate import decimals_of, reference
from helpers.indicators import mystery_calls, plan, survey
from helpers.paths import year_dir
from helpers.report.formatting import round_half_up, truncate

REF = reference()
SETTINGS = load_settings()
YEARS = (2020, 2021, 2022)


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[int, pd.DataFrame]:
    """The indicators CSV that ``clu indicators`` writes for each sample year, read back."""
    out = tmp_path_factory.mktemp("indicators")
    read = {}
    for year in YEARS:
        path = out / f"{year}.csv"
        assert main(["indicators", "--year", str(year), "--scope", "ATE", "--out", str(path)]) == 0
        read[year] = pd.read_csv(path, encoding="utf-8")
    return read


def slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


# --- the cases: (yaml path, published value, getter(tables) -> computed value or row) ----------

Case = tuple[str, Any, Callable[[dict[int, pd.DataFrame]], Any]]


def row(source: str, indicator: str, year: int = 2022, table_year: int | None = None):
    """Getter of one row of the tidy table of ``table_year`` (default: the figure's year)."""
    def get(tables: dict[int, pd.DataFrame]) -> pd.Series:
        table = tables[table_year or year]
        found = table[(table["source"] == source) & (table["indicator"] == indicator) & (table["year"] == year)]
        assert len(found) == 1, f"{source}/{indicator} {year}: {len(found)} rows in the indicators table"
        return found.iloc[0]
    return get


def value(source: str, indicator: str, year: int = 2022, table_year: int | None = None):
    get = row(source, indicator, year, table_year)
    return lambda tables: get(tables)["value"]


def cases() -> Iterator[Case]:
    overview = REF["measurement_overview_2022"]
    yield ("measurement_overview_2022.donnez_votre_avis.experiences_shared",
           overview["donnez_votre_avis"]["experiences_shared"], value("experiences", "experiences_shared"))
    yield ("measurement_overview_2022.mystery_calls.calls", overview["mystery_calls"]["calls"],
           value("mystery_calls", "calls"))
    yield ("measurement_overview_2022.mail_survey.sent", overview["mail_survey"]["sent"],
           value("experiences", "mail_survey_sent"))
    yield ("measurement_overview_2022.mail_survey.responses", overview["mail_survey"]["responses"],
           value("experiences", "mail_survey_responses"))
    yield ("measurement_overview_2022.satisfaction_survey.questionnaires",
           overview["satisfaction_survey"]["questionnaires"], value("survey", "questionnaires"))
    for kind, count in overview["complaints_register_2022"].items():
        yield (f"measurement_overview_2022.complaints_register_2022.{kind}", count, value("complaints", kind))
    for kind, count in REF["complaints_2022"]["counts"].items():
        yield (f"complaints_2022.counts.{kind}", count, value("complaints", kind))

    for rate in REF["mystery_calls_2022"]["rates"]:
        yield (f"mystery_calls_2022.rates.{rate['id']}.value", rate["value"], value("mystery_calls", rate["id"]))
    yield ("mystery_calls_2022.target.value", REF["mystery_calls_2022"]["target"]["value"],
           lambda t: SETTINGS["targets"]["mystery_calls"]["value"])

    sat = REF["satisfaction_survey"]
    yield ("satisfaction_survey.target_2022", sat["target_2022"], lambda t: SETTINGS["targets"]["survey"]["value"])
    yield ("satisfaction_survey.questionnaires_2022", sat["questionnaires_2022"], value("survey", "questionnaires"))
    for criterion in sat["criteria"]:
        for year in YEARS:
            yield (f"satisfaction_survey.criteria.{criterion['id']}.{year}", criterion[str(year)],
                   value("survey", criterion["id"], year))
    for criterion, figures in sat["headline_2022"].items():
        yield (f"satisfaction_survey.headline_2022.{criterion}.satisfied", figures["satisfied"],
               value("survey", criterion))
        yield (f"satisfaction_survey.headline_2022.{criterion}.very_satisfied", figures["very_satisfied"],
               value("survey", f"{criterion}_very_satisfied"))
    for item in sat["other_2022"]:
        yield (f"satisfaction_survey.other_2022.{item['id']}.value", item["value"], value("survey", item["id"]))
        if "n" in item:
            yield (f"satisfaction_survey.other_2022.{item['id']}.n", item["n"],
                   lambda t, i=item["id"]: row("survey", i)(t)["denominator"])

    for indicator in REF["quality_dashboard"]["indicators"]:
        for year_text, published in indicator["values"].items():
            yield (f"quality_dashboard.indicators.{indicator['id']}.values.{year_text}", published,
                   row("dashboard", indicator["id"], int(year_text), table_year=2022))
        if indicator["target"]:
            yield (f"quality_dashboard.indicators.{indicator['id']}.target.value", indicator["target"]["value"],
                   lambda t, i=indicator["id"]: row("dashboard", i)(t)["target_value"])

    training = REF["staff_training"]
    for line in training["rows"]:
        for year in (2021, 2022):
            if line[str(year)] is not None:
                yield (f"staff_training.rows.{slug(line['training'])}.{year}", line[str(year)],
                       value("training", f"trained_{slug(line['training'])}", year))
    for year_text, total in training["totals"].items():
        yield (f"staff_training.totals.{year_text}", total, value("training", "agents_trained_total", int(year_text)))

    comm = REF["communication_2022"]
    press = comm["press"]
    yield ("communication_2022.press.sends_per_month_mean", press["sends_per_month_mean"],
           value("communication", "press_sends_per_month_mean"))
    yield ("communication_2022.press.sends_per_month_range.0", press["sends_per_month_range"][0],
           lambda t: value("communication", "press_sends_per_month_min")(t))
    yield ("communication_2022.press.sends_per_month_range.1", press["sends_per_month_range"][1],
           lambda t: value("communication", "press_sends_per_month_max")(t))
    for i, deadline in enumerate(REF["improvement_plan_2023"]["deadlines"]):
        if isinstance(deadline["when"], int):  # a year only: the plan says it in its detail
            yield (f"improvement_plan_2023.deadlines.{i}.when", deadline["when"],
                   lambda t, what=deadline["what"]: _deadline_year(what))

    web = comm["website"]
    yield ("communication_2022.website.unique_visitors_year", web["unique_visitors_year"],
           value("communication", "unique_visitors_year"))
    yield ("communication_2022.website.foreigners_procedures_visitors", web["foreigners_procedures_visitors"],
           value("communication", "top_section_visitors"))


def _deadline_year(what: str) -> int:
    """Year of a deadline of the 2022 plan file, from its month or from its detail."""
    deadlines = plan.deadlines(load_year(year_dir(2022), SETTINGS)["plan"])
    found = deadlines[deadlines["action"] == what].iloc[0]
    if pd.notna(found["due"]):
        return found["due"].year
    return int(re.search(r"(20\d\d)", found["detail"]).group(1))


CASES = list(cases())


def published_matches(computed: Any, published: Any) -> bool:
    """Equal at the precision the slide printed (half-up rounding)."""
    return round_half_up(float(computed), decimals_of(published)) == round_half_up(float(published),
                                                                                  decimals_of(published))


@pytest.mark.parametrize(("path", "published", "get"), CASES, ids=[c[0] for c in CASES])
def test_published_figure(tables, path, published, get):
    computed = get(tables)
    if published is None:  # "non suivi" or "-" in the slide: the table keeps it as no value
        assert pd.isna(computed["value"]), f"{path}: expected no value"
        return
    if isinstance(computed, pd.Series):
        computed = computed["value"]
    assert not pd.isna(computed), f"{path}: no value computed"
    assert published_matches(computed, published), f"{path}: computed {computed}, published {published}"


def test_dashboard_keeps_not_tracked_distinct_from_no_value(tables):
    """ "non suivi" is status not tracked, "-" is no value; neither is read as zero."""
    for indicator in REF["quality_dashboard"]["indicators"]:
        for year_text, published in indicator["values"].items():
            if published is None:
                computed = row("dashboard", indicator["id"], int(year_text), 2022)(tables)
                expected = "not tracked" if year_text in indicator.get("not_tracked", []) else "no value"
                assert computed["status"] == expected, f"{indicator['id']} {year_text}"


def test_foreigners_share_is_computed_not_copied(tables):
    """The slide prints 73 % (truncated); the project computes 459 116 / 622 230 = 73.8 %."""
    web = REF["communication_2022"]["website"]
    share = row("communication", "top_section_share")(tables)
    true_share = 100 * web["foreigners_procedures_visitors"] / web["unique_visitors_year"]
    assert round_half_up(share["value"], 1) == round_half_up(true_share, 1)
    printed = float(web["foreigners_share_shown"].rstrip("%"))
    assert truncate(share["value"], 0) == printed != round_half_up(share["value"], 0)
    assert "étrangers" in share["label"].lower()
    assert "73,8" in share["note"] and "« 73% »" in share["note"] and "tronquée" in share["note"]


def test_campaign_periods():
    data = load_year(year_dir(2022), SETTINGS)
    overview = REF["measurement_overview_2022"]
    first, last = survey.survey_period(data["survey"])
    assert (first.date(), last.date()) == tuple(overview["satisfaction_survey"]["period"])
    first, last = mystery_calls.call_period(data["mystery_results"])
    start, end = overview["mystery_calls"]["period"]
    assert start <= first.date() and last.date() <= end


def test_experience_and_mail_survey_splits(tables):
    assert value("experiences", "experiences_positive")(tables) == 1
    assert value("experiences", "experiences_negative")(tables) == 4
    for kind in ("satisfied", "neutral", "dissatisfied"):
        assert value("experiences", f"mail_survey_{kind}")(tables) == 1


def _numbers(node: Any, path: str = "") -> Iterator[str]:
    """Paths of every number in the yaml; list items are named by their id (or training title)."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _numbers(child, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            name = child.get("id") or slug(child.get("training", "")) or i if isinstance(child, dict) else i
            yield from _numbers(child, f"{path}.{name}")
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield path


EXPLAINED = {
    "meeting.quality_programme_timeline": "years of the quality labels (history, not figures)",
    "communication_2022.website.foreigners_share": "checked by test_foreigners_share_is_computed_not_copied",
}


def test_every_number_of_the_reference_is_checked():
    """No number of the yaml is left out of the cases above (or explained in EXPLAINED)."""
    checked = {c[0] for c in CASES}
    missing = [path for path in _numbers(REF)
               if path not in checked and not path.endswith(".decimals")  # precision, not a figure
               and not any(path.startswith(prefix) for prefix in EXPLAINED)]
    assert not missing, f"numbers of the reference not checked: {missing}"
