"""Validation of input files: every problem names the file, row, column, value and what is expected."""

from pathlib import Path

import pandas as pd
import pytest

from helpers.data.contract import Context, ValidationFailed
from helpers.data.contract.complaints import REGISTER
from helpers.data.contract.reading import read_raw
from helpers.data.contract.survey import SURVEY
from helpers.data.contract.validate import validate_table
from helpers.data.contract.web_hits import WEB_HITS
from helpers.data.loading import check_year, load_year
from tests.conftest import write_text

REGISTER_HEADER = "id;date_reception;date_reponse;canal;nature;service;objet;nom;courriel"


def check(spec, path: Path, settings, year=2022):
    raw = read_raw(path, path.name, set())
    return validate_table(spec, raw, path.name, Context(year=year, settings=settings))


def test_valid_register_is_typed_and_personal_columns_dropped(tmp_path, settings):
    path = write_text(tmp_path / "registre_reclamations.csv", REGISTER_HEADER + "\n"
                      "R1;03/01/2022;05/01/2022;Courriel;reclamation;Préfecture;Accueil;Jean Dupont;j.d@example.org\n")
    typed, problems = check(REGISTER, path, settings)
    assert problems == []
    assert "personal_nom" not in typed and "personal_courriel" not in typed
    assert typed.loc[2, "channel"] == "courriel" and typed.loc[2, "kind"] == "réclamation"
    assert str(typed["received"].dtype).startswith("datetime64")


def test_each_column_has_its_kinds_type_and_a_parser_that_breaks_it_is_a_bug(tmp_path, settings, monkeypatch):
    from helpers.data.contract import parsing

    path = write_text(tmp_path / "registre_reclamations.csv", REGISTER_HEADER + "\n"
                      "R1;03/01/2022;;courriel;réclamation;Préfecture;Accueil;;\n")
    typed, _ = check(REGISTER, path, settings)
    assert typed.dtypes.astype(str).to_dict() == {
        "entry_id": "string", "received": "datetime64[ns]", "answered": "datetime64[ns]", "channel": "string",
        "kind": "string", "service": "string", "topic": "string"}
    monkeypatch.setattr(parsing, "parse_dates", lambda text, *a: (text, text == ""))  # dates left as text
    with pytest.raises(TypeError, match="received"):
        check(REGISTER, path, settings)


def test_every_problem_names_row_column_value_and_expectation(tmp_path, settings):
    path = write_text(tmp_path / "registre_reclamations.csv", REGISTER_HEADER + "\n"
                      # row 2: answered before received; row 3: duplicate id, bad date, bad channel;
                      # row 4: wrong year, unknown kind and service, empty topic
                      "R1;03/01/2022;02/01/2022;courriel;réclamation;Préfecture;Accueil;;\n"
                      "R1;31/02/2022;;fax;réclamation;Préfecture;Accueil;;\n"
                      "R3;03/01/2021;;urne;plainte;Mairie;;;\n")
    _, problems = check(REGISTER, path, settings)
    found = {(p.row, p.column, p.value) for p in problems}
    assert (2, "date_reponse", "02/01/2022") in found
    assert (3, "date_reception", "31/02/2022") in found
    assert (3, "canal", "fax") in found
    assert (4, "date_reception", "03/01/2021") in found
    assert (4, "nature", "plainte") in found
    assert (4, "service", "Mairie") in found
    assert (4, "objet", "") in found
    assert any(p.column == "id" and p.value == "R1" and "unique" in p.expected for p in problems)
    assert all(p.file == "registre_reclamations.csv" and p.expected for p in problems)
    channel = next(p for p in problems if p.column == "canal")
    assert "courriel" in channel.expected and "ligne 3" in str(channel)


def test_missing_misspelt_and_unknown_columns(tmp_path, settings):
    path = write_text(tmp_path / "registre_reclamations.csv",
                      "id;date_recption;canal;nature;service;objet;couleur\nR1;03/01/2022;courriel;réclamation;DDT;x;bleu\n")
    _, problems = check(REGISTER, path, settings)
    text = "\n".join(str(p) for p in problems)
    assert "« date_recption » : valeur « colonne inconnue »" in text and "« date_reception » ?" in text
    assert "« couleur » : valeur « colonne inconnue »" in text
    assert "« date_reponse » : valeur « colonne absente »" in text


def test_score_outside_scale(tmp_path, settings):
    header = ";".join(c.header for c in SURVEY.columns if c.required)
    cells = {c.header: "" for c in SURVEY.columns if c.required}
    cells.update(id_questionnaire="Q1", date="21/11/2022", service="Préfecture", site="Orléans", guichet="DMI",
                 note_courtoisie="11", note_generale="7,5")
    path = write_text(tmp_path / "enquete_satisfaction.csv", header + "\n" + ";".join(cells.values()) + "\n")
    _, problems = check(SURVEY, path, settings)
    by_column = {p.column: p for p in problems}
    assert by_column["note_courtoisie"].value == "11" and "de 1 à 10" in by_column["note_courtoisie"].expected
    assert by_column["note_generale"].value == "7,5" and "entier" in by_column["note_generale"].expected
    assert len(problems) == 2


def test_header_only_file(tmp_path, settings):
    path = write_text(tmp_path / "registre_reclamations.csv", REGISTER_HEADER + "\n")
    _, problems = check(REGISTER, path, settings)
    assert any("au moins une ligne" in p.expected for p in problems)


def test_folder_check_reports_missing_required_sources_and_caps(tmp_path, settings):
    folder = tmp_path / "2022"
    rows = "".join(f"R{i};03/01/2022;;fax;réclamation;Préfecture;x;;\n" for i in range(80))
    write_text(folder / "registre_reclamations.csv", REGISTER_HEADER + "\n" + rows)
    result = check_year(folder, settings)
    assert any("tableau_de_bord" in p.file and p.value == "fichier absent" for p in result.problems)
    register = [p for p in result.problems if "registre" in p.file]
    assert len(register) == settings["validation"]["max_problems_per_file"]
    assert result.omitted == 80 - len(register)
    assert "survey" in result.data.missing
    with pytest.raises(ValidationFailed) as err:
        load_year(folder, settings)
    assert "autre(s) problème(s)" in err.value.report()


def test_folder_must_be_named_by_its_year(tmp_path, settings):
    result = check_year(tmp_path, settings)
    assert result.problems and "nommé par l'année" in result.problems[0].expected


HITS_HEADER = "date;id_visiteur;rubrique;url;adresse_ip"
HITS = (HITS_HEADER + "\n03/01/2022 10:00:00;a1f3;Eau;/eau;192.0.2.1\n04/01/2022 11:30:00;a1f3;Armes;/armes;\n"
        "05/01/2022 09:15:00;b2e4;Eau;;192.0.2.2\n")


def test_page_views_stand_for_the_website_counts(tmp_path, settings):
    folder = tmp_path / "2022"
    path = write_text(folder / "site_internet_pages_vues.csv", HITS)
    typed, problems = check(WEB_HITS, path, settings)
    assert problems == [] and list(typed.columns) == ["date", "visitor_id", "section", "url"]  # no IP address
    assert typed.loc[3, "date"] == pd.Timestamp("2022-01-04 11:30") and pd.isna(typed.loc[4, "url"])
    result = check_year(folder, settings)
    assert [p for p in result.problems if "site_internet" in p.file] == []
    data = result.data
    web = data["web_visitors"]
    assert list(zip(web["section"], web["visitors"], strict=True)) == [("Eau", 2), ("Armes", 1),
                                                                        ("Ensemble du site", 2)]
    assert data.derived == {"web_visitors": "site_internet_pages_vues.csv"}
    assert "web_hits" not in data.tables, "the page views are counted, then dropped"
    assert "web_visitors" not in data.missing and "web_hits" not in data.missing


def test_page_views_and_website_counts_must_agree(tmp_path, settings):
    folder = tmp_path / "2022"
    write_text(folder / "site_internet_pages_vues.csv", HITS)
    write_text(folder / "site_internet.csv", "annee;rubrique;visiteurs_uniques\n2022;Eau;2\n2022;Armes;3\n"
                                             "2022;Élections;1\n2022;Ensemble du site;1 234\n")
    result = check_year(folder, settings)
    website = [p for p in result.problems if p.file.endswith("site_internet.csv")]
    assert [(p.row, p.column, p.value) for p in website] == [
        (3, "visiteurs_uniques", "3"), (4, "visiteurs_uniques", "1"), (5, "visiteurs_uniques", "1234")]
    assert website[0].expected == "1, le nombre de visiteurs uniques compté dans site_internet_pages_vues.csv"
    assert website[2].expected.startswith("2, ")
    assert "web_hits" not in result.data.tables


def test_a_section_counted_in_the_page_views_must_be_listed(tmp_path, settings):
    folder = tmp_path / "2022"
    write_text(folder / "site_internet_pages_vues.csv", HITS)
    write_text(folder / "site_internet.csv", "annee;rubrique;visiteurs_uniques\n2022;Eau;2\n"
                                             "2022;Ensemble du site;2\n")
    website = [p for p in check_year(folder, settings).problems if p.file.endswith("site_internet.csv")]
    assert len(website) == 1 and (website[0].row, website[0].column, website[0].value) == (
        None, "rubrique", "rubrique absente")
    assert "« Armes »" in website[0].expected and "site_internet_pages_vues.csv" in website[0].expected
    write_text(folder / "site_internet.csv", "annee;rubrique;visiteurs_uniques\n2022;Eau;2\n2022;Armes;1\n"
                                             "2022;Ensemble du site;2\n")
    result = check_year(folder, settings)
    assert [p for p in result.problems if "site_internet" in p.file] == []
    assert result.data.derived == {} and "web_visitors" in result.data.tables


def test_a_notebook_loads_only_its_tables_and_those_they_need(tmp_path, settings):
    import shutil

    from helpers.data.loading import with_needs
    from helpers.paths import DATA_DIR

    assert with_needs(["mystery_results"]) == {"mystery_results", "mystery_grid"}
    assert with_needs(["web_visitors"]) == {"web_visitors", "web_hits"}
    folder = tmp_path / "2022"
    shutil.copytree(DATA_DIR / "2022", folder)
    (folder / "formations.csv").write_text("pas un fichier de formations", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        load_year(folder, settings)
    data = load_year(folder, settings, tables=["mystery_results"])  # the broken training file is not read
    assert sorted(data.tables) == ["mystery_grid", "mystery_results"]
    assert data.missing == []


def test_same_text_ignores_case_only():
    from helpers.data.contract.spec import same_text

    cells = pd.Series(["Ensemble du site", "ENSEMBLE DU SITE", "Ensemble du site ", None, "Ensemble_du%site"],
                      dtype="string", index=[2, 3, 4, 5, 6])
    assert same_text(cells, "ensemble du site").tolist() == [True, True, False, False, False]
    assert same_text(cells, "ensemble_du%site").tolist() == [False, False, False, False, True]


def test_a_percentage_formatted_dashboard_cell_gives_the_rate_shown(tmp_path, settings):
    import shutil

    from helpers.paths import DATA_DIR
    from tests.bad_inputs.edits import xlsx_number

    folder = tmp_path / "2022"
    shutil.copytree(DATA_DIR / "2022", folder)
    xlsx_number("tableau_de_bord.xlsx", 8, "2022", 0.9, "0%")(folder)  # shows 90 %, holds 0.9
    xlsx_number("tableau_de_bord.xlsx", 4, "2022", 0.974, "0.0%")(folder)
    dashboard = load_year(folder, settings, tables=["dashboard"])["dashboard"]
    value = dashboard.set_index(["indicator", "year"])["value"]
    assert value[("calls_answered", 2022)] == 90
    assert value[("web_update_3d", 2022)] == 97.4


def test_an_answer_may_come_up_to_a_year_after_the_entry(tmp_path, settings):
    path = write_text(tmp_path / "registre_reclamations.csv", REGISTER_HEADER + "\n"
                      "R1;03/01/2022;03/01/2023;courriel;réclamation;Préfecture;Accueil;;\n"
                      "R2;03/01/2022;04/01/2023;courriel;réclamation;Préfecture;Accueil;;\n"
                      "R3;31/12/2022;31/12/2099;courriel;réclamation;Préfecture;Accueil;;\n")
    _, problems = check(REGISTER, path, settings)
    assert [(p.row, p.column, p.value) for p in problems] == [(3, "date_reponse", "04/01/2023"),
                                                                (4, "date_reponse", "31/12/2099")]
    assert all("au plus un an après la date de réception" in p.expected for p in problems)


def test_a_cell_in_the_wrong_encoding_is_reported_once_as_such(tmp_path, settings):
    text = (REGISTER_HEADER + "\n" "R1;03/01/2022;;courriel;réclamation;Préfecture;Accueil;;\n"
            "R2;03/01/2022;;courriel;réclamation;PrÃ©fecture;AccÃ¨s au guichet;;\n")
    path = write_text(tmp_path / "registre_reclamations.csv", text)
    _, problems = check(REGISTER, path, settings)
    assert [(p.row, p.column, p.value) for p in problems] == [(3, "service", "PrÃ©fecture"),
                                                                (3, "objet", "AccÃ¨s au guichet")]
    assert "« Ã© » est un « é »" in problems[0].expected  # not also « une des valeurs : Préfecture… »
    assert "« Ã¨ » est un « è »" in problems[1].expected and "réenregistrer" in problems[1].expected


# Text columns a reader never sees as written: identifiers and codes, figures, and the survey's
# comments (many and long; the few quoted are masked when chosen, ``indicators.survey.verbatims``).
NOT_REDACTED_AT_LOAD = {
    ("registre_reclamations", "id"), ("tableau_de_bord", "id_indicateur"), ("tableau_de_bord", "engagements"),
    ("tableau_de_bord", "cible_operateur"), ("sp_plus_experiences", "id_experience"),
    ("appels_mysteres_grille", "id_critere"), ("appels_mysteres_resultats", "id_appel"),
    ("appels_mysteres_resultats", "ligne_appelee"), ("appels_mysteres_resultats", "id_critere"),
    ("plan_amelioration", "id"), ("plan_amelioration", "indicateur_lie"), ("chiffres_publies", "source"),
    ("chiffres_publies", "indicateur"), ("chiffres_publies", "valeur_imprimee"),
    ("enquete_satisfaction", "id_questionnaire"), ("enquete_satisfaction", "commentaire"),
    ("formations", "id_agent"), ("site_internet_pages_vues", "id_visiteur"), ("site_internet_pages_vues", "url"),
}


def test_every_free_text_a_reader_may_see_is_redacted_at_load():
    from helpers.data.contract import TABLES

    text = {(spec.stem, col.header): col.redacted for spec in TABLES for col in spec.columns
            if col.kind == "text" and not col.personal}
    assert NOT_REDACTED_AT_LOAD <= set(text)
    assert {key for key, redacted in text.items() if not redacted} == NOT_REDACTED_AT_LOAD


def test_a_redacted_column_is_masked_after_its_rules_are_checked(tmp_path, settings):
    path = write_text(tmp_path / "registre_reclamations.csv", REGISTER_HEADER + "\n"
                      "R1;03/01/2022;05/01/2022;Courriel;reclamation;Préfecture;Rappel de Mme Durand au 06 12 34 56 78;"
                      "Jean Dupont;j.d@example.org\n"
                      "R2;03/01/2022;05/01/2022;Courriel;reclamation;Préfecture;Accueil;;\n")
    typed, problems = check(REGISTER, path, settings)
    assert problems == []
    assert typed["topic"].tolist() == ["Rappel de Mme [nom masqué] au [téléphone masqué]", "Accueil"]
    assert str(typed["topic"].dtype) == "string"
