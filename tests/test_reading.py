"""Unit tests of the raw readers: encodings, separators, xlsx title rows."""

import pandas as pd
import pytest

from helpers.data.contract.reading import UnreadableFile, normalize_header, read_raw
from helpers.data.sample.writers import write_xlsx
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


def test_utf16_without_bom_and_binary_files_are_named(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("a;b\r\n1;2\r\n".encode("utf-16-le"))
    with pytest.raises(UnreadableFile, match="UTF-16"):
        read_raw(path, "f.csv", set())
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableFile, match="image PNG"):
        read_raw(path, "f.csv", set())


def test_csv_title_line_skipped_and_short_rows_reported(tmp_path):
    raw = read_raw(write_text(tmp_path / "f.csv", "Presse 2022\na;b\n1;2\n"), "f.csv", {"a", "b"})
    assert raw.header_row == 2 and raw.frame.loc[3, "b"] == "2"
    with pytest.raises(UnreadableFile) as err:
        read_raw(write_text(tmp_path / "g.csv", "a;b;c\n1;2;3\n4;5\n6;7\n"), "g.csv", set())
    assert [(p.row, p.value) for p in err.value.problems] == [(3, "2 colonnes"), (4, "2 colonnes")]


def test_one_problem_per_place():
    from helpers.data.contract.problems import Problem, merge_same_place

    merged = merge_same_place([Problem("f", "A", 2, "c", "x"), Problem("f", "B", 2, "c", "x"),
                               Problem("f", "A", 3, "c", "x")])
    assert [(p.row, p.expected) for p in merged] == [(2, "A ; et B"), (3, "A")]


def _careful(data: bytes):
    from helpers.data.contract.reading import decode, read_csv_text

    text, encoding = decode(data, "x")
    frame, sep, header_row = read_csv_text(text, "x", ["a", "b", "id_questionnaire"])
    return frame, sep, header_row, encoding


def encode_every_column(monkeypatch) -> None:
    """Make the fast reader read every column dictionary-encoded, however small the file."""
    from helpers.data.contract import reading

    monkeypatch.setattr(reading, "REPEATED_SHARE", 0)
    monkeypatch.setattr(reading, "REPEATED_MIN_SAMPLE", 0)


@pytest.mark.parametrize("encoded", [False, True], ids=["strings", "dictionary"])
@pytest.mark.parametrize("year", ["2020", "2021", "2022"])
def test_fast_and_careful_csv_readers_agree_on_the_sample(year, encoded, monkeypatch):
    from helpers.data.contract.reading import read_regular_csv
    from helpers.paths import DATA_DIR

    if encoded:
        encode_every_column(monkeypatch)
    for path in sorted((DATA_DIR / year).glob("*.csv")):
        data = path.read_bytes()
        fast = read_regular_csv(path, path.name, ["id_questionnaire", "id", "mois"])
        assert fast is not None, path.name
        careful, sep, header_row, encoding = _careful(data)
        assert (fast.separator, fast.header_row, fast.encoding) == (sep, header_row, encoding), path.name
        pd.testing.assert_frame_equal(fast.frame.astype(object), careful.astype(object), check_index_type=False)


@pytest.mark.parametrize("data, rows", [
    (b"a;b\r\n1;2\r\n\r\n3;4\r\n", [2, 4]),  # a blank line counts
    (b"a;b\n1;2\n;\n 3 ;\xc2\xa04\n\n", [2, 4]),  # separators only; spaces, a non-breaking one, trimmed
    (b'a;b\n1;"deux\nlignes"\n3;4\n', [2, 3]),  # a quoted cell over two lines is one row, as in Excel
    (b"Titre\n\na;b\n1;2\n", [4]),  # title rows above the header
    (b"\xef\xbb\xbfa;b\n1;\xc3\xa9t\xc3\xa9\n", [2]),  # UTF-8 with a BOM
    (b"a;b\n1;\xe9t\xe9\n", [2]),  # Windows-1252
    (b"a;b\n" + b"1;2\n" * 30_000 + b"3;\xe9\n", [*range(2, 30_002), 30_002]),  # Windows-1252 far down the file
    (b"a;b\r1;2\r3;4\r", [2, 3]),  # old Mac line ends
])
@pytest.mark.parametrize("encoded", [False, True], ids=["strings", "dictionary"])
def test_fast_reader_keeps_the_row_numbers_of_the_careful_one(data, rows, encoded, tmp_path, monkeypatch):
    from helpers.data.contract.reading import read_regular_csv

    if encoded:
        encode_every_column(monkeypatch)
    (tmp_path / "x.csv").write_bytes(data)
    fast = read_regular_csv(tmp_path / "x.csv", "x", ["a", "b"])
    careful, sep, header_row, encoding = _careful(data)
    assert fast is not None
    assert list(fast.frame.index) == list(careful.index) == rows
    assert (fast.header_row, fast.encoding) == (header_row, encoding)
    assert fast.frame.astype(object).values.tolist() == careful.astype(object).values.tolist()


@pytest.mark.parametrize("end", [b"\r\n", b"\n", b"\r"], ids=["CRLF", "LF", "CR"])
@pytest.mark.parametrize("quoted", [False, True], ids=["no quote", "a cell over two lines"])
def test_row_numbers_hold_whatever_block_a_line_end_falls_in(end, quoted, tmp_path, monkeypatch):
    """Lines are not counted in a file without quotes: pyarrow's blocks must end on whole rows by themselves."""
    from helpers.data.contract import reading

    lines = [b"a;b", *(b"%d;v%d" % (i, i) for i in range(2, 400))]
    if quoted:
        lines[150] = b'150;"deux' + end + b'lignes"'
    data = end.join(lines) + end
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    careful, _, _, _ = _careful(data)
    for block in range(40, 140, 3):  # blocks ending at every place of a line end, and inside the quoted cell
        monkeypatch.setattr(reading, "BLOCK_BYTES", (block, block))
        fast = reading.read_regular_csv(path, "x", ["a", "b"])
        assert fast is not None
        assert list(fast.frame.index) == list(careful.index)
        assert fast.frame.astype(object).values.tolist() == careful.astype(object).values.tolist()


@pytest.mark.parametrize("data, reads", [
    (b"a;b\r\n1;2\r\n3;4\r\n", 1),
    (b'a;b\n1;"deux"\n3;4\n', 1),  # quoted, each cell on one line
    (b'a;b\n1;"deux\nlignes"\n3;4\n', 2),  # the first read's rows are not the lines: read again
])
def test_a_file_is_read_again_only_when_a_cell_spans_lines(data, reads, tmp_path, monkeypatch):
    from helpers.data.contract import reading

    calls, read_csv = [], reading.pacsv.read_csv
    monkeypatch.setattr(reading.pacsv, "read_csv", lambda *a, **k: calls.append(k) or read_csv(*a, **k))
    (tmp_path / "x.csv").write_bytes(data)
    assert reading.read_regular_csv(tmp_path / "x.csv", "x", ["a", "b"]) is not None
    assert len(calls) == reads


@pytest.mark.parametrize("data", [
    b"a;b\n1;2\n3;4;5\n",  # a row of another width: reported row by row by the careful reader
    b"a;b\n1;2\n   \n3;4\n",  # a line of spaces
    b"a;b;\n1;2;\n",  # trailing separators after the header
    "a;b\n1;2\n".encode("utf-16"),
    b"a;b\n1;\x81\x8d\n",  # neither UTF-8 nor Windows-1252
    b"a;b\n" + b"1;2\n" * 30_000 + b"3;\x00\n",  # a null byte far down the file
])
def test_fast_reader_leaves_irregular_files_to_the_careful_one(data, tmp_path):
    from helpers.data.contract.reading import read_regular_csv

    (tmp_path / "x.csv").write_bytes(data)
    assert read_regular_csv(tmp_path / "x.csv", "x", ["a", "b"]) is None


def test_repetitive_columns_of_a_large_file_are_read_dictionary_encoded(tmp_path):
    from helpers.data.contract.reading import read_regular_csv

    rows = [f"Q{i:06d};{[' 5', '5 ', '6', '5'][i % 4]};\u00a0oui" for i in range(40_000)]
    (tmp_path / "x.csv").write_text("id;note;avis\n" + "\n".join(rows) + "\n", encoding="utf-8")
    frame = read_regular_csv(tmp_path / "x.csv", "x", ["id", "note", "avis"]).frame
    assert frame["id"].dtype == "str"  # every id distinct: plain strings
    assert isinstance(frame["note"].dtype, pd.CategoricalDtype)
    assert sorted(frame["note"].cat.categories) == ["5", "6"]  # " 5" and "5 " trimmed, then merged
    assert frame["note"].iloc[:4].tolist() == ["5", "5", "6", "5"]
    assert frame["avis"].cat.categories.tolist() == ["oui"]
    assert frame.index[0] == 2 and len(frame) == 40_000


def test_a_percentage_cell_of_a_workbook_reads_as_the_percentage_shown(tmp_path):
    from openpyxl import Workbook

    from helpers.data.contract.reading import percent_format

    book = Workbook()
    book.active.append(["id", "taux", "texte"])
    book.active.append(["a", 0.9, "90 %"])
    book.active.append(["b", 0.974, 1])
    book.active.append(["c", 0.9, 0.5])
    for ref, shown in (("B2", "0%"), ("B3", "0.0 %"), ("C3", "0%"), ("B4", "General"), ("C4", '0.0"%"')):
        book.active[ref].number_format = shown
    book.save(tmp_path / "t.xlsx")
    frame = read_raw(tmp_path / "t.xlsx", "t.xlsx", {"id", "taux", "texte"}).frame
    assert frame["taux"].tolist() == ["90 %", "97,4 %", "0.9"]  # as Excel shows them; « General » is the number
    assert frame["texte"].tolist() == ["90 %", "100 %", "0.5"]  # a quoted « % » is only a sign
    assert [percent_format(f) for f in ("0%", "0.00%;[Red]-0.00%", "0\\%", '0" %"', "General", None)] == [
        True, True, False, False, False, False]


def test_a_cell_as_long_as_the_file_is_read_whole_by_both_readers(tmp_path):
    from helpers.data.contract.reading import read_regular_csv

    comment = "\n".join(["Récit très détaillé, guichet après guichet. " * 50] * 100)  # 220 KB, over csv's 128 KiB
    data = ('id;commentaire\r\n1;"' + comment + '"\r\n2;court\r\n').encode("utf-8")
    (tmp_path / "x.csv").write_bytes(data)
    careful, _, _, _ = _careful(data)
    fast = read_regular_csv(tmp_path / "x.csv", "x", ["id", "commentaire"])
    assert careful.loc[2, "commentaire"] == fast.frame.loc[2, "commentaire"] == comment.strip()
    assert list(careful.index) == list(fast.frame.index) == [2, 3]
    assert read_raw(tmp_path / "x.csv", "x", {"id", "commentaire"}).frame.loc[3, "commentaire"] == "court"


def test_an_error_of_the_csv_module_is_a_french_problem_at_its_row(tmp_path, monkeypatch):
    import csv

    from helpers.data.contract import reading

    path = write_text(tmp_path / "f.csv", "a;b\n1;2\n3;" + "x" * 5000 + "\n")
    before = csv.field_size_limit(1000)
    monkeypatch.setattr(reading, "FIELD_SIZE_MAX", 1000)
    try:
        with pytest.raises(UnreadableFile) as err:
            read_raw(path, "f.csv", {"a", "b"})
    finally:
        csv.field_size_limit(before)
    problem = err.value.problem
    assert (problem.row, problem.value) == (3, "cellule de plus de 1 000 caractères")
    assert "CSV UTF-8" in problem.expected and "Error" not in str(problem)


HEADER = "id;date;note;commentaire"


@pytest.mark.parametrize("reader", ["careful", "fast", "fast-dictionary"])
def test_a_quote_never_closed_is_reported_where_it_opens_by_every_reader(reader, tmp_path, monkeypatch):
    from helpers.data.contract import reading

    if reader != "careful":
        monkeypatch.setattr(reading, "FAST_PATH_CHARS", 0)
    if reader == "fast-dictionary":
        encode_every_column(monkeypatch)
    rows = [f"Q{i};21/11/2022;{i % 10};" for i in range(2, 40)]
    rows[3] += '"Très bien'  # row 5 opens a quote that nothing closes
    path = write_text(tmp_path / "f.csv", HEADER + "\r\n" + "\r\n".join(rows) + "\r\n")
    with pytest.raises(UnreadableFile) as err:
        read_raw(path, "f.csv", {"id", "date", "note", "commentaire"})
    [problem] = err.value.problems
    assert (problem.row, problem.column, problem.value) == (5, "commentaire", '"Très bien')
    assert "jamais refermé, et les 34 lignes suivantes" in problem.expected


@pytest.mark.parametrize("reader", ["careful", "fast"])
def test_a_quoted_cell_over_several_lines_is_no_open_quote(reader, tmp_path, monkeypatch):
    from helpers.data.contract import reading

    if reader == "fast":
        monkeypatch.setattr(reading, "FAST_PATH_CHARS", 0)
    # Paragraphs, with separators, but no line holding as many as a row (3 here).
    comment = '"Bonjour ;\r\nje suis venu ; deux fois.\r\n\r\nMerci ;; à vous"'
    text = HEADER + "\r\nQ1;21/11/2022;7;" + comment + "\r\nQ2;21/11/2022;8;\r\n"
    raw = read_raw(write_text(tmp_path / "f.csv", text), "f.csv", {"id", "date", "note", "commentaire"})
    assert list(raw.frame.index) == [2, 3]
    assert raw.frame.loc[2, "commentaire"].endswith("Merci ;; à vous")


def test_open_quotes_looks_at_the_cells_text_only():
    from helpers.data.contract.reading import open_quotes

    frame = pd.DataFrame({"a": ["1", "2"], "b": ["x", "y"], "c": ["ok", "début\n3;z;w\n4;v"]}, index=[2, 3])
    [problem] = open_quotes(frame, ";", "f.csv")
    assert (problem.row, problem.column, problem.value) == (3, "c", '"début')
    assert open_quotes(frame.astype("category"), ";", "f.csv") == [problem]
    assert open_quotes(frame, None, "f.xlsx") == []  # a workbook's cell may hold anything
    assert open_quotes(frame.replace({"début\n3;z;w\n4;v": "début\n3;z\n4"}), ";", "f.csv") == []


def test_a_line_with_a_row_of_separators_is_a_row_only_when_it_starts_like_one():
    from helpers.data.contract.reading import open_quotes

    # A section's name in three lines, the second with two commas (a row's worth in a three-column file).
    frame = pd.DataFrame({"annee": ["2022", "2022"], "rubrique": ["Accueil", "CNI,\npasseports, permis\nfin"],
                          "visiteurs": ["12", "3"]}, index=[2, 3])
    assert open_quotes(frame, ",", "f.csv") == []
    swallowed = frame.replace({"CNI,\npasseports, permis\nfin": "CNI\n2022,Accueil,7"})
    assert [p.row for p in open_quotes(swallowed, ",", "f.csv")] == [3]
