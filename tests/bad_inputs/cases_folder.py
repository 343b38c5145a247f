"""The folder-level cases of the broken-input corpus: file names, unknown files, ``annee.yaml``.

Same ``Case`` objects as ``cases.py``, run by ``tests/test_bad_inputs.py`` on a copy of the 2022
sample. Each case here once passed while changing a figure without a word: a source saved under a
name close to the contract's was read as « non fournie », a date of ``annee.yaml`` was read month
first. Symbolic links are tested in ``tests/test_year_folder.py`` (not every system has them).
"""

from __future__ import annotations

from pathlib import Path

from tests.bad_inputs.cases import (
    DASHBOARD,
    EXPERIENCES,
    PERIODS,
    PLAN,
    PRESS,
    REGISTER,
    SURVEY,
    TRAINING,
    YEAR,
    Case,
    Expect,
)
from tests.bad_inputs.edits import Mutation, all_of, copy_as, csv_to_xlsx, remove, rename, write_bytes, write_text


def make_dir(name: str) -> Mutation:
    """Create an (empty) folder in the year's folder."""

    def mutate(folder: Path) -> None:
        (folder / name).mkdir()

    return mutate


def folder_instead(name: str) -> Mutation:
    """Replace a file by a folder of the same name."""
    return all_of(remove(name), make_dir(name))


def touch(*names: str) -> Mutation:
    """Create small files (``.DS_Store``, ``Thumbs.db``…) in the year's folder."""

    def mutate(folder: Path) -> None:
        for name in names:
            (folder / name).write_bytes(b"\x00\x00\x00\x01Bud1")

    return mutate


# annee.yaml in block style: « fin » of the survey on line 7 (a comment on line 1).
BLOCK_PERIODS = ("# Périodes des campagnes de mesure de l'année 2022.\n"
                 "annee: 2022\n"
                 "periodes:\n"
                 "  enquete_satisfaction:\n"
                 "    debut: 21/11/2022\n"
                 "    # jusqu'au dernier jour de la campagne\n"
                 "    fin: %s\n"
                 "  appels_mysteres:\n"
                 "    debut: 02/11/2022\n"
                 "    fin: 30/11/2022\n")
# « Billion laughs »: nine levels of nine aliases, a billion strings once expanded.
ALIAS_BOMB = "annee: 2022\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(10)
) + "periodes: *l9\n"
SURVEY_DEBUT = "periodes.enquete_satisfaction.debut"
SURVEY_FIN = "periodes.enquete_satisfaction.fin"

# Cases of cases.py replaced here (their message changed with the rules of this file): cases.py is
# being extended by a colleague, so the entry is dropped there later, not edited under them now.
FOLDER_CASES: tuple[Case, ...] = (
    # --- names: accepted ----------------------------------------------------------------------------
    Case("name_in_capitals_accepted", rename(SURVEY, "ENQUETE_SATISFACTION.CSV"), ok=True),
    Case("xlsx_name_in_capitals_accepted", rename(REGISTER, "Registre_Reclamations.XLSX"), ok=True),
    # --- names: probably a contract name written otherwise ------------------------------------------
    Case("name_with_accent", rename(SURVEY, "Enquête_satisfaction.csv"),
         (Expect("Enquête_satisfaction.csv", None, None, "accents", "« enquete_satisfaction.csv »"),),
         says=("source non fournie : enquete_satisfaction",)),
    Case("name_with_space", rename(SURVEY, "enquete satisfaction.csv"),
         (Expect("enquete satisfaction.csv", None, None, "espaces", "renommer le fichier"),)),
    Case("name_with_hyphens", rename(EXPERIENCES, "sp-plus-experiences.csv"),
         (Expect("sp-plus-experiences.csv", None, None, "tirets", "« sp_plus_experiences.csv »"),)),
    Case("name_in_capitals_with_accent", rename(SURVEY, "ENQUÊTE_SATISFACTION.CSV"),
         (Expect("ENQUÊTE_SATISFACTION.CSV", None, None, "accents", "« enquete_satisfaction.csv »"),)),
    Case("name_of_a_downloaded_copy", rename(SURVEY, "enquete_satisfaction (1).csv"),
         (Expect("enquete_satisfaction (1).csv", None, None, "copie", "renommer le fichier"),)),
    Case("name_of_a_windows_copy_xlsx",
         all_of(csv_to_xlsx(SURVEY), rename("enquete_satisfaction.xlsx", "enquete_satisfaction - Copie.xlsx")),
         (Expect("enquete_satisfaction - Copie.xlsx", None, None, "copie", "« enquete_satisfaction.xlsx »"),)),
    Case("copy_beside_the_original", copy_as(PRESS, "presse (1).csv"),
         (Expect("presse (1).csv", None, None, "copie", "presse.csv est déjà là"),)),
    Case("old_windows_copy_beside_the_original", copy_as(REGISTER, "Copie de registre_reclamations.xlsx"),
         (Expect("Copie de registre_reclamations.xlsx", None, None, "copie", "registre_reclamations.xlsx est déjà"),)),
    Case("name_with_a_year", rename(PRESS, "presse_2022.csv"),
         (Expect("presse_2022.csv", None, None, "année", "« presse.csv »"),)),
    Case("name_misspelt", rename(TRAINING, "formation.csv"),
         (Expect("formation.csv", None, None, "proche de formations", "« formations.csv »"),)),
    Case("required_source_misspelt", rename(REGISTER, "registre_reclammations.xlsx"),  # no « fichier absent » too
         (Expect("registre_reclammations.xlsx", None, None, "proche", "« registre_reclamations.csv »"),)),
    Case("misspelt_in_an_old_format", rename(PLAN, "plan_d_amelioration.xls"),
         (Expect("plan_d_amelioration.xls", None, None, "proche", "« plan_amelioration.xlsx »"),)),
    Case("required_copy_only", rename(DASHBOARD, "tableau_de_bord - Copie (2).xlsx"),
         (Expect("tableau_de_bord - Copie (2).xlsx", None, None, "copie", "« tableau_de_bord.csv »"),)),
    # --- annee.yaml's name --------------------------------------------------------------------------
    Case("year_file_with_accent", rename(YEAR, "année.yaml"),
         (Expect("année.yaml", None, None, "accents", "« annee.yaml »"),)),
    Case("year_file_in_capitals", rename(YEAR, "ANNEE.YAML"),
         (Expect("ANNEE.YAML", None, None, "majuscules", "« annee.yaml »"),)),
    Case("year_file_yml", rename(YEAR, "annee.yml"),
         (Expect("annee.yml", None, None, "extension « .yml »", "« annee.yaml »"),)),
    Case("year_file_saved_by_notepad", rename(YEAR, "annee.yaml.txt"),
         (Expect("annee.yaml.txt", None, None, "extension « .yaml.txt »", "« annee.yaml »"),)),
    Case("year_file_copy_beside_it", copy_as(YEAR, "annee (1).yaml"),
         (Expect("annee (1).yaml", None, None, "copie", "annee.yaml est déjà là"),)),
    # --- unknown, hidden and lock files: warnings, the folder is accepted ---------------------------
    Case("unknown_file_warned", write_text("notes de réunion.txt", "Relire les verbatims avant le comité.\n"),
         ok=True, says=("Avertissements (1,", "notes de réunion.txt : fichier hors contrat — non lu",
                        "conforme(s) au contrat de données (1 avertissement(s) ci-dessus)")),
    Case("unknown_folder_warned", make_dir("archives"), ok=True, says=("archives : dossier hors contrat",)),
    Case("document_named_like_a_source_warned", write_bytes("Enquête satisfaction 2022.pdf", b"%PDF-1.4\n"),
         ok=True, says=("Enquête satisfaction 2022.pdf : fichier hors contrat",)),
    Case("other_format_beside_the_source_warned", copy_as(SURVEY, "enquete_satisfaction.ods"),
         ok=True, says=("enquete_satisfaction.ods : autre format de enquete_satisfaction — non lu : "
                        "c’est enquete_satisfaction.csv qui est lu",)),
    Case("system_files_ignored", touch(".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", "~WRL0001.tmp",
                                       "._enquete_satisfaction.csv"), ok=True),
    Case("excel_lock_file_noted", touch("~$gistre_reclamations.xlsx"), ok=True,
         says=("~$gistre_reclamations.xlsx : fichier de verrou d’Excel ou de LibreOffice",
               "l’enregistrer et le fermer")),
    Case("libreoffice_lock_file_noted", touch(".~lock.plan_amelioration.xlsx#"), ok=True,
         says=(".~lock.plan_amelioration.xlsx# : fichier de verrou",)),
    # --- entries that are not files -----------------------------------------------------------------
    Case("source_is_a_folder", folder_instead(PRESS),
         (Expect(PRESS, None, None, "un dossier", "un fichier, ou un lien vers un fichier qui existe"),)),
    Case("year_file_is_a_folder", folder_instead(YEAR),
         (Expect(YEAR, None, None, "un dossier", "un fichier"),)),
    Case("folder_named_after_a_source", all_of(remove(SURVEY), make_dir("enquete_satisfaction")),
         (Expect("enquete_satisfaction", None, None, "enquete_satisfaction/", "l'un de ces formats"),)),
    # --- annee.yaml's dates: jj/mm/aaaa (day first) or aaaa-mm-jj, nothing else ---------------------
    Case("year_yaml_day_first_accepted", write_text(YEAR, PERIODS % ("21/11/2022", "21/12/2022")), ok=True),
    Case("year_yaml_block_day_first_accepted", write_text(YEAR, BLOCK_PERIODS % "21/12/2022"), ok=True),
    Case("year_yaml_single_digit_day_accepted", write_text(YEAR, (PERIODS % ("21/11/2022", "21/12/2022")).replace(
        "{debut: 2022-11-02, fin: 2022-11-30}", "{debut: 2/11/2022, fin: 30/11/2022}")), ok=True),
    Case("year_yaml_period_bad_date", write_text(YEAR, PERIODS % ("2022-11-31", "2022-12-21")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "2022-11-31", "une date qui existe, jj/mm/aaaa ou aaaa-mm-jj"),)),
    Case("year_yaml_impossible_day_first", write_text(YEAR, PERIODS % ("31/11/2022", "21/12/2022")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "31/11/2022", "une date qui existe"),)),
    Case("year_yaml_date_with_dashes_day_first", write_text(YEAR, PERIODS % ("21-11-2022", "21/12/2022")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "21-11-2022", "jj/mm/aaaa (02/11/2022 : le 2 novembre) ou aaaa-mm-jj"),)),
    Case("year_yaml_two_digit_year", write_text(YEAR, PERIODS % ("21/11/2022", "21/12/22")),
         (Expect(YEAR, 3, SURVEY_FIN, "21/12/22", "jj/mm/aaaa"),)),
    Case("year_yaml_year_first_with_slashes", write_text(YEAR, PERIODS % ("2022/11/21", "2022-12-21")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "2022/11/21", "jj/mm/aaaa"),)),
    Case("year_yaml_date_in_words", write_text(YEAR, PERIODS % ("21 novembre 2022", "2022-12-21")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "21 novembre 2022", "jj/mm/aaaa"),)),
    Case("year_yaml_date_with_time", write_text(YEAR, PERIODS % ("2022-11-21 08:30", "2022-12-21")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "2022-11-21 08:30", "aaaa-mm-jj"),)),
    Case("year_yaml_date_as_a_number", write_text(YEAR, PERIODS % ("20221121", "2022-12-21")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "20221121", "aaaa-mm-jj"),)),
    Case("year_yaml_both_dates_bad", write_text(YEAR, PERIODS % ("21.11.2022", "le 21")),
         (Expect(YEAR, 3, SURVEY_DEBUT, "21.11.2022", "jj/mm/aaaa"),
          Expect(YEAR, 3, SURVEY_FIN, "le 21", "jj/mm/aaaa"))),
    Case("year_yaml_bad_date_on_its_line", write_text(YEAR, BLOCK_PERIODS % "12/21/2022"),  # month first
         (Expect(YEAR, 7, SURVEY_FIN, "12/21/2022", "une date qui existe"),)),
    Case("year_yaml_empty_date", write_text(YEAR, BLOCK_PERIODS % ""),
         (Expect(YEAR, 7, SURVEY_FIN, "", "jj/mm/aaaa"),)),
    Case("year_yaml_period_without_end", write_text(YEAR, PERIODS.replace(", fin: %s", "") % "2022-11-21"),
         (Expect(YEAR, None, "periodes.enquete_satisfaction", "debut", "« fin: jj/mm/aaaa »"),)),
    Case("year_yaml_day_first_end_before_start", write_text(YEAR, PERIODS % ("21/12/2022", "21/11/2022")),
         (Expect(YEAR, None, "periodes.enquete_satisfaction", "2022-12-21 → 2022-11-21", "début précède la fin"),)),
    # --- annee.yaml's anchors and aliases: refused at once, never expanded ---------------------------
    Case("year_yaml_alias", write_text(YEAR, "annee: 2022\nperiodes:\n"
                                             "  enquete_satisfaction: &fenetre {debut: 2022-11-21, fin: 2022-12-21}\n"
                                             "  appels_mysteres: *fenetre\n"),
         (Expect(YEAR, 3, None, "&fenetre", "sans ancre « & » ni alias « * »"),)),
    Case("year_yaml_alias_bomb", write_text(YEAR, ALIAS_BOMB),
         (Expect(YEAR, 2, None, "&l0", "sans ancre"),)),
)
