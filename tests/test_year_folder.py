"""A year's folder looked over as a whole: symbolic links, names, warnings, ``annee.yaml``'s dates.

What the broken-input corpus (``tests/bad_inputs/cases_folder.py``) cannot say in its style:
symbolic links (skipped where the system has none), what is *not* printed, what builds log, and
the day a date of ``annee.yaml`` stands for.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers.cli import main
from helpers.data.contract import TABLES_BY_NAME, ValidationFailed
from helpers.data.loading import check_year, find_file, load_year, period_day, read_periods, warning_text
from helpers.paths import DATA_DIR
from tests.bad_inputs.cases_folder import ALIAS_BOMB

needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
README = DATA_DIR / "README.md"


@pytest.fixture
def year_copy(tmp_path) -> Path:
    folder = tmp_path / "2022"
    shutil.copytree(DATA_DIR / "2022", folder)
    return folder


def _problems(folder: Path, **kwargs) -> list[tuple[str, str]]:
    return [(Path(p.file).name, p.value or "") for p in check_year(folder, **kwargs).problems]


# --- the sample years ---------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_the_sample_years_give_no_problem_and_no_warning(year):
    result = check_year(DATA_DIR / str(year))
    assert result.problems == [] and result.warnings == []
    assert "annee.yaml" in {p.name for p in (DATA_DIR / str(year)).iterdir()}


# --- symbolic links -----------------------------------------------------------------------------------

@needs_symlinks
def test_a_link_to_a_real_file_is_read_as_that_file(year_copy, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    original = check_year(year_copy).data["survey"]
    (year_copy / "enquete_satisfaction.csv").rename(exports / "export_enquete.csv")
    (year_copy / "enquete_satisfaction.csv").symlink_to(exports / "export_enquete.csv")
    result = check_year(year_copy)
    assert result.problems == [] and result.warnings == []
    pd.testing.assert_frame_equal(result.data["survey"], original)
    assert find_file(year_copy, TABLES_BY_NAME["survey"]) == [year_copy / "enquete_satisfaction.csv"]


@needs_symlinks
def test_a_dangling_link_is_an_error_naming_the_file(year_copy):
    (year_copy / "presse.csv").unlink()
    (year_copy / "presse.csv").symlink_to(year_copy.parent / "disparu.csv")
    result = check_year(year_copy)
    assert [(Path(p.file).name, p.value) for p in result.problems] == [
        ("presse.csv", "lien symbolique vers un fichier absent (" + str(year_copy.parent / "disparu.csv") + ")")]
    assert "un fichier, ou un lien vers un fichier qui existe" in result.problems[0].expected
    assert "press" in result.data.missing


@needs_symlinks
def test_a_dangling_link_of_a_required_source_is_one_error(year_copy):
    (year_copy / "tableau_de_bord.xlsx").unlink()
    (year_copy / "tableau_de_bord.xlsx").symlink_to("tableau_de_bord_v2.xlsx")
    assert _problems(year_copy) == [("tableau_de_bord.xlsx", "lien symbolique vers un fichier absent "
                                                             "(tableau_de_bord_v2.xlsx)")]


@needs_symlinks
@pytest.mark.parametrize("loop", ["itself", "two links"])
def test_a_looping_link_is_an_error_naming_the_file(year_copy, loop):
    (year_copy / "formations.csv").unlink()
    if loop == "itself":
        (year_copy / "formations.csv").symlink_to("formations.csv")
    else:
        (year_copy / "formations.csv").symlink_to("autre.csv")
        (year_copy / "autre.csv").symlink_to("formations.csv")
    problems = _problems(year_copy)
    assert ("formations.csv", "lien symbolique qui boucle (il mène à lui-même)") in problems
    assert len(problems) == 1  # « autre.csv » is a warning: not a contract name
    if loop == "two links":
        warnings = check_year(year_copy).warnings
        assert [Path(w.file).name for w in warnings] == ["autre.csv"]
        assert "lien symbolique qui boucle" in warnings[0].value


@needs_symlinks
def test_a_dangling_year_file_is_an_error_not_a_year_without_periods(year_copy):
    (year_copy / "annee.yaml").unlink()
    (year_copy / "annee.yaml").symlink_to("../commun/annee.yaml")
    assert _problems(year_copy) == [("annee.yaml", "lien symbolique vers un fichier absent (../commun/annee.yaml)")]


@needs_symlinks
def test_a_dangling_link_under_another_name_is_a_warning(year_copy, capsys):
    (year_copy / "vieux_export.csv").symlink_to("/nulle/part.csv")
    assert main(["validate", str(year_copy)]) == 0
    out = capsys.readouterr().out
    assert "vieux_export.csv : hors contrat, lien symbolique vers un fichier absent (/nulle/part.csv)" in out


@needs_symlinks
def test_a_linked_year_folder_takes_the_year_of_the_link(year_copy, tmp_path):
    shared = tmp_path / "partage" / "annee_en_cours"
    shared.parent.mkdir()
    year_copy.rename(shared)
    link = tmp_path / "data" / "2022"
    link.parent.mkdir()
    link.symlink_to(shared, target_is_directory=True)
    result = check_year(link)
    assert result.problems == [] and result.data.year == 2022


@needs_symlinks
def test_a_looping_year_folder_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "2022").symlink_to(tmp_path / "2022")
    problems = check_year(tmp_path / "2022").problems
    assert len(problems) == 1 and "un dossier d'année existant" in problems[0].expected


# --- names ----------------------------------------------------------------------------------------------

def _case_sensitive(folder: Path) -> bool:
    probe = folder / "Sonde_Casse.txt"
    probe.write_text("x")
    try:
        return not (folder / "sonde_casse.txt").exists()
    finally:
        probe.unlink()


def test_two_files_differing_by_case_are_two_files_for_one_source(year_copy):
    if not _case_sensitive(year_copy):
        pytest.skip("this file system does not tell « A » from « a »")
    shutil.copy(year_copy / "presse.csv", year_copy / "Presse.csv")
    problems = check_year(year_copy).problems
    assert [(Path(p.file).name, p.value) for p in problems] == [("presse", "Presse.csv, presse.csv")]
    assert "un seul fichier par source" in problems[0].expected


def test_hidden_and_system_files_give_no_warning(year_copy, capsys):
    for name in (".DS_Store", "Thumbs.db", "DESKTOP.INI", ".gitkeep", "~WRL0001.tmp", "._presse.csv"):
        (year_copy / name).write_bytes(b"\x00")
    (year_copy / "__MACOSX").mkdir()
    (year_copy / ".ipynb_checkpoints").mkdir()
    assert check_year(year_copy).warnings == []
    assert main(["validate", str(year_copy)]) == 0
    assert "Avertissements" not in capsys.readouterr().out


def test_only_warnings_keep_the_exit_status_at_zero_and_problems_still_fail(year_copy, capsys):
    (year_copy / "notes.txt").write_text("à relire", encoding="utf-8")
    assert main(["validate", str(year_copy)]) == 0
    (year_copy / "presse.csv").rename(year_copy / "presse - Copie.csv")
    assert main(["validate", str(year_copy)]) == 1
    out = capsys.readouterr().out
    assert out.count("Avertissements (1, sans effet sur la vérification) :") == 2
    assert "presse - Copie.csv : valeur « nom d’une copie" in out


def test_a_build_logs_the_warnings_once(year_copy, caplog):
    (year_copy / "notes.txt").write_text("à relire", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="helpers.data.loading"):
        load_year(year_copy)
        load_year(year_copy, tables=["press"])  # a notebook's read: not logged as a warning again
    warned = [r for r in caplog.records if "notes.txt" in r.getMessage()]
    assert [r.levelno for r in warned] == [logging.WARNING, logging.DEBUG]
    assert warned[0].getMessage().startswith("avertissement : ") and "fichier hors contrat" in warned[0].getMessage()


def test_a_near_miss_fails_the_reads_of_its_table_only(year_copy):
    (year_copy / "presse.csv").rename(year_copy / "Presse 2022.csv")
    with pytest.raises(ValidationFailed, match="Presse 2022.csv"):
        load_year(year_copy, tables=["press"])
    assert load_year(year_copy, tables=["social_networks"]).has("social_networks")  # another notebook's table is read


def test_warnings_read_as_one_line_each(year_copy):
    (year_copy / "archives").mkdir()
    (year_copy / "~$quete_satisfaction.xlsx").write_bytes(b"\x00")
    lines = [warning_text(w) for w in check_year(year_copy).warnings]
    assert len(lines) == 2 and all(" — " in line and "attendu" not in line for line in lines)
    assert not any(re.search(r"Error|None|\bnan\b|'", line) for line in lines)


# --- annee.yaml ---------------------------------------------------------------------------------------

def test_a_day_first_date_is_read_day_first():
    assert pd.Timestamp("02/11/2022") == pd.Timestamp("2022-02-11")  # why the dates are not left to pandas
    assert period_day("02/11/2022") == (pd.Timestamp("2022-11-02"), "")
    assert period_day("2/11/2022") == (pd.Timestamp("2022-11-02"), "")
    assert period_day("2022-11-02") == (pd.Timestamp("2022-11-02"), "")
    for refused in ("11/02/22", "02-11-2022", "2022/11/02", "2022-11-02 00:00", "2 novembre 2022", 20221102, None):
        day, expected = period_day(refused)
        assert day is None and "jj/mm/aaaa" in expected, refused
    assert period_day("29/02/2022") == (None, "une date qui existe, jj/mm/aaaa ou aaaa-mm-jj")


def test_the_periods_read_from_a_day_first_year_file(tmp_path):
    folder = tmp_path / "2022"
    folder.mkdir()
    (folder / "annee.yaml").write_text("annee: 2022\nperiodes:\n  appels_mysteres: {debut: 02/11/2022, "
                                       "fin: 30/11/2022}\n", encoding="utf-8")
    periods, problems = read_periods(folder, 2022)
    assert problems == []
    assert periods == {"appels_mysteres": (pd.Timestamp("2022-11-02"), pd.Timestamp("2022-11-30"))}


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    folder = tmp_path / "2022"
    folder.mkdir()
    (folder / "annee.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    start = time.perf_counter()
    periods, problems = read_periods(folder, 2022)
    assert time.perf_counter() - start < 1
    assert periods == {} and [(p.row, p.value) for p in problems] == [(2, "&l0")]


def _readme_year_file() -> str:
    section = README.read_text(encoding="utf-8").split("## Ajouter une nouvelle année", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block, "data/README.md: no annee.yaml example"
    return "\n".join(line.strip() if not line.startswith("   ") else line[3:] for line in
                     block.group(1).splitlines()) + "\n"


def test_the_readme_example_is_the_2022_sample_and_keeps_the_questionnaires_of_21_12(year_copy):
    example = _readme_year_file()
    (year_copy / "annee.yaml").write_text(example, encoding="utf-8")
    result = check_year(year_copy)
    assert result.problems == []
    assert result.data.periods == check_year(DATA_DIR / "2022").data.periods
    survey = result.data["survey"]
    assert (survey["date"] == pd.Timestamp("2022-12-21")).any()  # the window's last day is inside it


def test_year_file_with_a_bom_or_crlf_lines_is_read(year_copy):
    text = (year_copy / "annee.yaml").read_text(encoding="utf-8")
    (year_copy / "annee.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = check_year(year_copy)
    assert result.problems == [] and result.data.periods == check_year(DATA_DIR / "2022").data.periods
