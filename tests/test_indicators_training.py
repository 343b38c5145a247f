"""Unit tests of the staff training indicators, and the 2022 sample against the published figures."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers.data.sample import training as sample
from helpers.data.sample.generate import REFERENCE_FILE, SEED, rng_for
from helpers.indicators import training
from helpers.indicators.records import indicator_table
from tests.conftest import generate_year


def frame(rows, tutoring=None) -> pd.DataFrame:
    """A training frame from (agent, title) pairs; ``tutoring`` as a list, or an empty column."""
    out = pd.DataFrame(rows, columns=["agent_id", "training"]).astype("string")
    out["service"] = "Préfecture"
    out["date"] = pd.Timestamp("2022-03-01")
    out["tutoring"] = pd.array(tutoring if tutoring is not None else [None] * len(rows), dtype="boolean")
    return out


ROWS = [("AG-1", "Gestion des conflits"), ("AG-2", "gestion des conflits"), ("AG-1", "Webmestre"),
        ("AG-3", "PAN : accueil du public"), ("AG-2", "Gestion des Conflits")]


def test_slug_is_ascii_lowercase_underscores():
    assert training.slug("PAN : accueil du public et gestion des conflits") == \
        "pan_accueil_du_public_et_gestion_des_conflits"
    assert training.slug("Initiation à la langue des signes") == "initiation_a_la_langue_des_signes"


def test_total_counts_participations_and_distinct_counts_agents():
    f = frame(ROWS)
    # AG-2 twice in the same training (two spellings) counts once: 4 participations, 3 agents.
    assert training.participations(f) == 4
    assert training.distinct_agents(f) == 3


def test_trained_per_training_groups_spellings_in_order_of_appearance():
    table = training.trained_per_training(frame(ROWS))
    assert list(table["training"]) == ["Gestion des conflits", "Webmestre", "PAN : accueil du public"]
    assert list(table["agents"]) == [2, 1, 1]
    assert list(table["slug"]) == ["gestion_des_conflits", "webmestre", "pan_accueil_du_public"]


def test_tutoring_only_when_the_column_is_filled():
    assert training.tutoring_count(frame(ROWS)) is None
    assert training.tutoring_count(frame(ROWS, tutoring=[True, False, None, True, False])) == 2
    ids = [r.indicator for r in training.indicators(frame(ROWS))]
    assert "tutoring_total" not in ids


def test_indicator_records():
    records = {r.indicator: r for r in training.indicators(frame(ROWS, tutoring=[True] + [False] * 4))}
    assert records["agents_trained_total"].value == 4
    assert records["agents_distinct"].value == 3
    assert records["trained_gestion_des_conflits"].value == 2
    assert records["trained_pan_accueil_du_public"].label == "PAN : accueil du public"
    assert records["trained_webmestre"].label == "Webmestre"
    assert records["tutoring_total"].value == 1
    assert all(r.unit == "nombre" and r.decimals == 0 for r in records.values())


@pytest.fixture(scope="module")
def ref() -> dict:
    return yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))


def generate_and_load(tmp_path: Path, year: int, ref: dict) -> pd.DataFrame:
    return generate_year(tmp_path, year, "training")["training"]


@pytest.mark.parametrize("year", [2021, 2022])
def test_sample_reproduces_published_training(tmp_path, ref, year):
    table = generate_and_load(tmp_path, year, ref)
    records = {r.indicator: r for r in training.indicators(table)}
    assert records["agents_trained_total"].value == ref["staff_training"]["totals"][str(year)]
    for row in ref["staff_training"]["rows"]:
        expected = row.get(str(year))
        rec = records.get(f"trained_{training.slug(row['training'])}")
        assert (rec.value if rec else None) == expected, row["training"]
    assert table["agent_id"].str.fullmatch(r"AG-\d{4}").all()
    header = (tmp_path / str(year) / "formations.csv").read_bytes().decode("cp1252").splitlines()[0]
    assert header == "id_agent;service;formation;date_formation;tutorat"  # French Excel CSV, no names
    assert records["agents_distinct"].value <= records["agents_trained_total"].value


def test_no_training_file_for_a_year_without_published_figures(tmp_path, ref):
    assert sample.write(2020, tmp_path, rng_for(SEED, 2020, "training"), ref) == []


def test_display_title_capitalises_the_first_letter_only():
    assert training.display_title("accueil public anglophone") == "Accueil public anglophone"
    assert training.display_title("PAN : accueil") == "PAN : accueil"


def tidy(by_year: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """The tidy table of each year's training records, as ``Results.table`` holds them (years in increasing order)."""
    return pd.concat([indicator_table(training.indicators(f), y, "ATE") for y, f in sorted(by_year.items())],
                     ignore_index=True)


def test_by_year_table_matches_trainings_across_years_and_leaves_gaps_empty():
    earlier = frame([("AG-1", "webmestre"), ("AG-2", "Gestion des conflits")])
    later = frame([("AG-3", "gestion des conflits"), ("AG-4", "Gestion des conflits"), ("AG-5", "Référent qualité"),
                   ("AG-3", "Référent qualité")])
    table = training.by_year_table(tidy({2022: later, 2021: earlier}))
    assert list(table.columns) == ["training", 2021, 2022]
    assert list(table["training"]) == ["Webmestre", "Gestion des conflits", "Référent qualité",
                                       "Total des formations suivies", "Agents différents formés"]
    assert list(table[2022].astype(object)) == [pd.NA, 2, 2, 4, 3]  # no webmestre training in 2022: not a zero
    assert list(table[2021].astype(object)) == [1, 1, pd.NA, 2, 2]
    assert str(table[2021].dtype) == "Int64"


def test_by_year_table_reads_the_records_not_the_data():
    table = tidy({2022: frame(ROWS)})
    table.loc[table["indicator"] == "agents_distinct", "value"] = 99.0
    table = pd.concat([table, table.assign(source="survey", year=2021)], ignore_index=True)  # another source
    out = training.by_year_table(table).set_index("training")
    assert list(out.columns) == [2022]
    assert out.loc["Agents différents formés", 2022] == 99
    assert out.loc["Total des formations suivies", 2022] == 4


def test_training_records_most_followed_first_ties_in_order():
    rows = ROWS + [("AG-4", "Webmestre"), ("AG-5", "Référent qualité")]
    figures = indicator_table(training.indicators(frame(rows, tutoring=[True] * len(rows))), 2022,
                              "ATE").set_index("indicator")
    records = training.training_records(figures)
    assert records.index.tolist() == ["trained_gestion_des_conflits", "trained_webmestre",
                                      "trained_pan_accueil_du_public", "trained_referent_qualite"]
    assert records["value"].tolist() == [2, 2, 1, 1]
    assert records.loc["trained_webmestre", "label"] == "Webmestre"
