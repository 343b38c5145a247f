"""Unit tests of the decisions and improvement plan tables, and the 2022 sample against the minutes."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers.data.contract import Context
from helpers.data.contract.plan import PLAN as PLAN_SPEC
from helpers.data.contract.plan import STATUSES
from helpers.data.contract.reading import read_raw
from helpers.data.contract.validate import validate_table
from helpers.data.sample import plan as sample
from helpers.data.sample.generate import REFERENCE_FILE, SEED, rng_for
from helpers.indicators import plan
from helpers.report.french import clean_label
from tests.conftest import generate_year, write_text

COLUMNS = ["entry_id", "entry_type", "theme", "action", "requested_by", "owner", "due", "status", "detail",
           "linked_indicator"]


def frame(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["due"] = pd.to_datetime(out["due"])
    return out


PLAN = frame([
    ("D1", "décision", "Comité", "Relayer les informations", "CCI", None, None, "accepté", None, None),
    ("A1", "action", "Accueil", "Renforcer l'accueil téléphonique", None, "Préfecture", "2023-06-01", "prévu", None,
     "calls_answered"),
    ("E1", "échéance", "Échéances", "Référentiel", None, "Préfecture", None, "prévu", "à l'horizon 2023", None),
    ("E2", "échéance", "Échéances", "Audit de suivi", None, "Préfecture", "2023-12-01", "prévu", None, None),
    ("D2", "décision", "Comité", "Audit d'accessibilité", "APF", None, None, "non réalisé", "mention légale", None),
])


def test_decisions_are_attributed_to_organisations():
    table = plan.decisions(PLAN)
    assert list(table["entry_id"]) == ["D1", "D2"]
    assert list(table["requested_by"]) == ["CCI", "APF"]
    assert "owner" not in table and table.loc[1, "detail"] == "mention légale"


def test_actions_carry_owner_due_and_linked_indicator():
    table = plan.actions(PLAN)
    assert list(table["entry_id"]) == ["A1"]
    row = table.iloc[0]
    assert (row["owner"], row["due"], row["linked_indicator"]) == ("Préfecture", pd.Timestamp("2023-06-01"),
                                                                   "calls_answered")
    assert "requested_by" not in table


def test_deadlines_soonest_first_and_undated_last():
    assert list(plan.deadlines(PLAN)["entry_id"]) == ["E2", "E1"]


def test_counts():
    assert {r.indicator: r.value for r in plan.indicators(PLAN)} == {"decisions": 2, "actions": 1, "deadlines": 2}
    assert {r.indicator: r.value for r in plan.indicators(PLAN.iloc[:0])} == {"decisions": 0, "actions": 0,
                                                                             "deadlines": 0}


PLAN_HEADER = "id;type;theme;libelle;demande_par;pilote;echeance;statut;precision;indicateur_lie"
PERSONAL = "\n".join([
    PLAN_HEADER,
    "D1;décision;Comité du 24/01/2023;Rappeler M. Quintard au 06/12/34/56/78;Mme Lhermitte (APF);;;accepté;"
    "réponse envoyée à zebulon.quintard at gmail dot com;",
    "A1;action;Accueil de Mme quintard;Accueil au 12 r. des Lilas;;Préfecture - M Durandeau;06/2023;prévu;;"
    "calls_answered",
    "E1;échéance;Échéances;Audit de Je suis Fatima Zahra El Idrissi;;Préfecture;;prévu;"
    "passeport 12AB34567, né le 12/03/1985;",
]) + "\n"


def test_plan_and_decision_texts_are_redacted_at_load(tmp_path, settings):
    path = write_text(tmp_path / "plan_amelioration.csv", PERSONAL)
    typed, problems = validate_table(PLAN_SPEC, read_raw(path, path.name, set()), path.name,
                                     Context(year=2022, settings=settings))
    assert problems == []
    decision = plan.decisions(typed).iloc[0]
    assert decision["theme"] == "Comité du 24/01/2023"  # a committee's date is not personal
    assert decision["action"] == "Rappeler M. [nom masqué] au [téléphone masqué]"
    assert decision["requested_by"] == "Mme [nom masqué] (APF)"
    assert decision["detail"] == "réponse envoyée à [courriel masqué]"
    action = plan.actions(typed).iloc[0]
    assert (action["theme"], action["action"], action["owner"]) == (
        "Accueil de Mme [nom masqué]", "Accueil au [adresse masquée]", "Préfecture - M [nom masqué]")
    assert action["linked_indicator"] == "calls_answered"
    deadline = plan.deadlines(typed).iloc[0]
    assert deadline["action"] == "Audit de Je suis [nom masqué]"
    assert deadline["detail"] == "passeport [numéro masqué], né le [date masquée]"
    text = " ".join(str(v) for v in typed.to_numpy().ravel())
    for personal in ("Quintard", "quintard", "06/12", "Lhermitte", "Lilas", "Durandeau", "Idrissi", "12AB", "1985"):
        assert personal not in text


def test_the_tables_keep_their_shape_and_empty_cells():
    table = plan.decisions(PLAN)
    assert table.loc[0, "detail"] is None or pd.isna(table.loc[0, "detail"])
    assert list(table.columns) == ["entry_id", "theme", "requested_by", "action", "status", "detail"]
    assert plan.decisions(PLAN.iloc[:0]).empty


@pytest.mark.parametrize(("text", "expected"), [
    ("accepté", ("accepté", None)),
    ("non réalisé ; mention légale en pied de page", ("non réalisé", "mention légale en pied de page")),
    ("réponse : identique", ("répondu", "identique")),
])
def test_published_status_split_onto_the_contract(text, expected):
    assert sample.split_status(text) == expected


def test_unknown_status_is_an_error():
    with pytest.raises(ValueError):
        sample.split_status("peut-être")


@pytest.fixture(scope="module")
def ref() -> dict:
    return yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))


def generate_and_load(tmp_path: Path, year: int, ref: dict) -> pd.DataFrame:
    return generate_year(tmp_path, year, "plan")["plan"]


def test_sample_2022_holds_the_published_decisions_actions_and_deadlines(tmp_path, ref):
    table = generate_and_load(tmp_path, 2022, ref)
    published = ref["improvement_plan_2023"]
    counts = {r.indicator: r.value for r in plan.indicators(table)}
    assert counts == {"decisions": len(ref["committee_decisions"]),
                      "actions": sum(len(t["actions"]) for t in published["themes"]),
                      "deadlines": len(published["deadlines"])}
    decisions = plan.decisions(table)
    # The published texts, as cleaned at load (typographic apostrophes: helpers.report.french.clean_label).
    assert list(decisions["requested_by"]) == [clean_label(d["by"]) for d in ref["committee_decisions"]]
    assert list(decisions["action"]) == [clean_label(d["topic"]) for d in ref["committee_decisions"]]
    assert set(decisions["status"]) <= set(STATUSES)
    actions = plan.actions(table)
    assert list(actions["action"]) == [clean_label(a) for t in published["themes"] for a in t["actions"]]
    assert (actions["due"].dt.year == 2023).all() and actions["owner"].notna().all()
    assert set(actions["status"]) == {"prévu"}
    phone = actions[actions["action"].str.contains("accueil téléphonique")]
    assert list(phone["linked_indicator"]) == ["calls_answered"]
    assert set(plan.deadlines(table)["action"]) == {clean_label(d["what"]) for d in published["deadlines"]}


@pytest.mark.parametrize("year", [2020, 2021])
def test_no_plan_file_before_2022(tmp_path, ref, year):
    assert sample.write(year, tmp_path, rng_for(SEED, year, "plan"), ref) == []
