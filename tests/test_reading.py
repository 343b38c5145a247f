"""Unit tests of the raw readers: encodings, separators, xlsx title rows."""

import pandas as pd
import pytest

from helpers.contract.reading import UnreadableFile, normalize_header, read_raw
from helpers.sample.writers import write_xlsx
from tests.conftest import write_text


def test_normalize_header():
    assert normalize_header("\ufeffNote Générale ") == "note_generale"
    assert normalize_header("date-de-réception") == "date_de_reception"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_encodings_and_separators(tmp_path, encoding, sep):
    text = sep.join(["objet", "service"]) + "\r\n" + sep.join(["Accès à l'accueil", "Préfecture"]) + "\r\n"
    path = write_text(tmp_path / "f.csv", text, encoding)
    raw = read_raw(path, "f.csv", set())
    assert raw.separator == sep
    assert raw.frame.loc[2, "objet"] == "Accès à l'accueil"
    assert raw.frame.loc[2, "service"] == "Préfecture"


def test_blank_rows_are_dropped_but_row_numbers_kept(tmp_path):
    path = write_text(tmp_path / "f.csv", "a;b\n1;2\n;\n3;4\n")
    raw = read_raw(path, "f.csv", set())
    assert raw.frame.index.tolist() == [2, 4]


def test_ragged_rows_are_reported(tmp_path):
    path = write_text(tmp_path / "f.csv", "a;b\n1;2\n3;4;5;6\n")
    with pytest.raises(UnreadableFile) as err:
        read_raw(path, "f.csv", set())
    problem = err.value.problem
    assert (problem.file, problem.row, problem.value) == ("f.csv", 3, "4 colonnes")
    assert "2 colonnes" in problem.expected


def test_empty_file(tmp_path):
    with pytest.raises(UnreadableFile, match="non vide"):
        read_raw(write_text(tmp_path / "f.csv", "  \n"), "f.csv", set())


def test_xlsx_renamed_csv_is_reported(tmp_path):
    xlsx = write_xlsx(pd.DataFrame({"a": [1]}), tmp_path / "f.xlsx")
    fake = tmp_path / "g.csv"
    fake.write_bytes(xlsx.read_bytes())
    with pytest.raises(UnreadableFile, match="classeur Excel"):
        read_raw(fake, "g.csv", set())


def test_xlsx_title_rows_skipped_and_excel_row_numbers(tmp_path):
    days = [pd.Timestamp("2022-03-01"), pd.Timestamp("2022-03-02")]
    frame = pd.DataFrame({"id": ["R1", "R2"], "date_reception": days})
    path = write_xlsx(frame, tmp_path / "r.xlsx", title="Registre 2022")
    raw = read_raw(path, "r.xlsx", {"id", "date_reception"})
    assert raw.frame.columns.tolist() == ["id", "date_reception"]
    assert raw.frame.index.tolist() == [4, 5]  # title row 1, blank row 2, header row 3
    assert raw.frame.loc[4, "date_reception"] == "01/03/2022"
