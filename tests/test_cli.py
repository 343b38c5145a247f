"""The ``clu`` command on the sample data and on a broken copy of it."""

import shutil

import pandas as pd
import pytest

from helpers.cli import main
from helpers.paths import DATA_DIR


@pytest.fixture
def broken_year(tmp_path):
    """A copy of the 2022 sample whose survey has a score of 11 on its 5th questionnaire."""
    folder = tmp_path / "2022"
    shutil.copytree(DATA_DIR / "2022", folder)
    path = folder / "enquete_satisfaction.csv"
    lines = path.read_bytes().decode("cp1252").splitlines()
    header = lines[0].split(";")
    cells = lines[5].split(";")
    cells[header.index("note_courtoisie")] = "11"
    lines[5] = ";".join(cells)
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return folder


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_validate_passes_on_the_sample(year, capsys):
    assert main(["validate", str(DATA_DIR / str(year))]) == 0
    assert "conforme" in capsys.readouterr().out


def test_validate_names_file_row_column_and_value(broken_year, capsys):
    assert main(["validate", str(broken_year)]) == 1
    out = capsys.readouterr().out
    assert "enquete_satisfaction.csv, ligne 6, colonne « note_courtoisie » : valeur « 11 »" in out
    assert "une valeur de 1 à 10" in out
    assert "1 problème(s) dans 1 fichier(s)" in out


def test_indicators_refuses_a_folder_that_fails_validation(broken_year, tmp_path, capsys):
    out = tmp_path / "out.csv"
    code = main(["indicators", "--year", "2022", "--data", str(broken_year.parent), "--out", str(out)])
    assert code == 1 and not out.exists()
    assert "note_courtoisie" in capsys.readouterr().err


def test_indicators_writes_the_tidy_table(tmp_path):
    out = tmp_path / "indicateurs.csv"
    assert main(["indicators", "--year", "2022", "--scope", "ATE", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns[:4]) == ["year", "scope", "source", "indicator"]
    assert set(table["status"]) <= {"met", "not met", "no target", "not tracked", "no value"}
    assert {"survey", "mystery_calls", "complaints", "dashboard"} <= set(table["source"])


def test_unknown_scope_is_a_clear_error(capsys):
    assert main(["indicators", "--year", "2022", "--scope", "Mairie"]) == 1
    assert "périmètre inconnu « Mairie »" in capsys.readouterr().err


def test_scope_restricts_the_figures(tmp_path):
    out = tmp_path / "ddt.csv"
    assert main(["indicators", "--year", "2022", "--scope", "DDT", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert (table["scope"] == "DDT").all()
    assert "survey" not in set(table["source"])  # the 2022 survey covered the Préfecture only
