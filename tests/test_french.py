"""The French rules of helpers.report.french: agreements, articles, trends, typography, labels from data."""

import pandas as pd
import pytest
from pydantic import ValidationError

from helpers.config.schema import Issue, Settings, relations
from helpers.config.settings import load_settings
from helpers.report import french
from helpers.report.formatting import plural as formatting_plural
from helpers.report.tables import column_decimals, value_cells

NBSP = "\u00a0"


@pytest.mark.parametrize(("count", "expected"), [(0, "0 réclamation"), (1, "1 réclamation"), (1.4, "1 réclamation"),
                                                 (2, "2 réclamations"), (3, "3 réclamations")])
def test_plural_is_singular_below_two(count, expected):
    assert french.plural(count, "réclamation") == expected


def test_plural_of_a_noun_group_and_its_zero_form():
    assert french.plural(5, "expérience partagée") == "5 expériences partagées"
    assert french.plural(1, "expérience partagée") == "1 expérience partagée"
    assert french.plural(2, "journal") == "2 journaux" and french.plural(2, "bureau") == "2 bureaux"
    assert french.plural(3, "réclamation ou suggestion", "réclamations et suggestions") == \
        "3 réclamations et suggestions"
    assert french.plural(0, "réclamation", zero="aucune réclamation") == "aucune réclamation"
    assert french.plural(1, "réclamation", zero="aucune réclamation") == "1 réclamation"
    # Decimals: the count as shown decides (1,5 is singular, 2,0 plural).
    assert french.plural(1.5, "envoi", decimals=1) == "1,5 envoi"
    assert french.plural(1.96, "envoi", decimals=1) == "2,0 envois"
    assert formatting_plural(2, "formation") == "2 formations"  # the old home of the rule gives the same


def test_verbs_agree_with_their_count():
    assert french.agree(1, "était", "étaient") == "était"
    assert french.agree(2, "était", "étaient") == "étaient"
    assert french.agree(0, "a été suivie", "ont été suivies") == "a été suivie"


def test_enumeration():
    assert french.enumerate_fr(["a"]) == "a"
    assert french.enumerate_fr(["a", "b", "c"]) == "a, b et c"
    assert french.enumerate_fr(["a", "b"], "ou") == "a ou b"
    assert french.enumerate_fr([]) == ""


@pytest.mark.parametrize(("name", "article", "preposition", "expected"), [
    ("DDT", "la", "", "la DDT"), ("DDT", "la", "de", "de la DDT"), ("DDT", "la", "à", "à la DDT"),
    ("DDT", "la", "pour", "pour la DDT"), ("SGC-D", "le", "", "le SGC-D"), ("SGC-D", "le", "de", "du SGC-D"),
    ("SGC-D", "le", "à", "au SGC-D"), ("ensemble du périmètre", "l'", "", "l’ensemble du périmètre"),
    ("ensemble du périmètre", "l'", "de", "de l’ensemble du périmètre"), ("services", "les", "à", "aux services"),
    ("services", "les", "de", "des services"),
])
def test_articles_and_prepositions(name, article, preposition, expected):
    assert french.with_article(name, article, preposition) == expected


def test_an_unknown_article_is_refused():
    with pytest.raises(ValueError):
        french.with_article("DDT", "une")


def test_the_settings_name_every_scope_with_an_acronym_spelled_out_at_first_use():
    settings = load_settings()
    names = french.Names(settings["perimeter"]["names"])
    assert names.first("DDT") == "la direction départementale des territoires (DDT)"
    assert names.then("DDT", "pour") == "pour la DDT"
    assert names.then("Sous-préfecture de Montargis") == "la sous-préfecture de Montargis"
    assert names.then("SGC-D", "de") == "du SGC-D" and names.then("SGC-D", "à") == "au SGC-D"
    assert names.then("Préfecture") == "la préfecture"
    assert names.then("ATE") == "l’ensemble du périmètre"
    for scope in [settings["perimeter"]["whole_scope"], *settings["perimeter"]["services"]]:
        assert scope in settings["perimeter"]["names"]


def test_the_schema_wants_a_name_for_every_service():
    data = load_settings()
    assert not [i for i in relations(data) if "perimeter" in str(i)]
    del data["perimeter"]["names"]["DDT"]
    issues = [i for i in relations(data) if isinstance(i, Issue) and i.path == ("perimeter", "names")]
    assert len(issues) == 1 and "un nom pour chaque service" in issues[0].expected and "DDT" in issues[0].expected
    data = load_settings()
    data["perimeter"]["names"]["DDT"]["article"] = "une"
    with pytest.raises(ValidationError):
        Settings.model_validate(data)


@pytest.mark.parametrize(("unit", "value", "previous", "op", "target", "expected"), [
    ("jours", 6.0, 4.0, "<=", 5.0, "le délai s’allonge"),
    ("jours", 3.3, 18.0, "<=", 5.0, "le délai se réduit"),
    ("%", 90.0, 80.0, ">=", 85.0, "le taux progresse"),
    ("%", 80.0, 90.0, ">=", 85.0, "le taux recule"),
    ("%", 80.04, 79.96, ">=", 85.0, "le taux reste stable"),  # both show 80,0
    ("%", 97.4, 100.0, "=", 100.0, "le taux s’éloigne de la cible"),
    ("%", 99.0, 97.0, "=", 100.0, "le taux se rapproche de la cible"),
    ("nombre", 54.0, 14.0, None, None, "le nombre augmente"),
])
def test_change_is_told_in_the_figure_s_own_terms(unit, value, previous, op, target, expected):
    assert french.change(unit, value, previous, 1, op, target) == expected


def test_a_delay_that_rose_is_never_told_as_a_fall():
    words = french.change("jours", 6.0, 4.0, 1, "<=", 5.0)
    assert "baisse" not in words and "s’allonge" in words
    assert french.judgement(french.movement(6.0, 4.0), french.good_direction("<=")) == "se dégrade"
    assert french.judgement(french.movement(3.0, 4.0), french.good_direction("<=")) == "s’améliore"
    assert french.judgement(french.movement(90.0, 80.0), french.good_direction(">=")) == "s’améliore"
    assert french.judgement(french.movement(4.0, 4.0), None) == "reste stable"
    assert french.change("%", None, 80.0, 1, ">=", 85.0) is None


def test_typographic_apostrophes_and_quotes():
    assert french.typographic("l'accueil") == "l’accueil"
    assert french.typographic('le "SVI" de l\'accueil') == f"le «{NBSP}SVI{NBSP}» de l’accueil"
    assert french.typographic("« déjà »") == f"«{NBSP}déjà{NBSP}»"


@pytest.mark.parametrize(("label", "expected"), [
    ("Taux de satisfaction @ point numérique", "Taux de satisfaction au point numérique"),
    ("Taux de satisfaction @ accueil téléphonique", "Taux de satisfaction à l’accueil téléphonique"),
    ("Taux d'appels  aboutis", "Taux d’appels aboutis"),
    ("Écrit à usager001@exemple.invalid", "Écrit à usager001@exemple.invalid"),  # an address is not an artefact
])
def test_labels_are_cleaned_of_slide_artefacts(label, expected):
    assert french.clean_label(label) == expected


def test_clean_label_keeps_every_word_and_leaves_non_text_alone():
    label = "Délai moyen @ guichet (CNI, passeports)"
    cleaned = french.clean_label(label)
    assert [w for w in label.split() if w != "@"] == [w for w in cleaned.split() if w not in ("au",)]
    assert french.clean_label(None) is None and french.clean_label(3.0) == 3.0


def test_labels_from_data_are_cleaned_at_load(tmp_path):
    from helpers.data.contract import Context
    from helpers.data.contract.mystery_calls import GRID
    from helpers.data.contract.reading import read_raw
    from helpers.data.contract.validate import validate_table

    path = tmp_path / "appels_mysteres_grille.csv"
    path.write_text("id_critere;libelle;partie;poids\nC1;Accueil @ standard d'abord;standard;1\n", encoding="utf-8")
    typed, found = validate_table(GRID, read_raw(path, path.name, set()), path.name,
                                  Context(year=2022, settings=load_settings()))
    assert not found, [str(p) for p in found]
    assert typed["label"].tolist() == ["Accueil au standard d’abord"]


def test_one_precision_per_unit_in_a_table_column():
    frame = pd.DataFrame({"value": [100.0, 97.4, 165.0, None], "unit": ["%", "%", "nombre", "%"],
                          "decimals": [0, 1, 0, 2]})
    assert column_decimals(frame["unit"], frame["decimals"], frame["value"]) == [1, 1, 0, 2]
    assert value_cells(frame, missing="-") == [f"100,0{NBSP}%", f"97,4{NBSP}%", "165", "-"]


def test_a_figure_is_not_given_digits_its_status_was_not_judged_on():
    # 89.47 shown « 89 % » (its published precision) keeps it beside « 97,3 % »: « 89,5 % » would be a new figure.
    frame = pd.DataFrame({"value": [89.47, 97.3], "unit": ["%", "%"], "decimals": [0, 1]})
    assert value_cells(frame) == [f"89{NBSP}%", f"97,3{NBSP}%"]
