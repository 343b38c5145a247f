"""Work on several threads gives what one thread gives, in the same order."""

from __future__ import annotations

import pandas as pd

from helpers.data import parallel
from helpers.data.contract import Context
from helpers.data.contract.reading import read_raw
from helpers.data.contract.survey import SURVEY
from helpers.data.contract.validate import validate_table
from helpers.paths import DATA_DIR


def test_results_keep_the_order_of_the_columns(monkeypatch):
    monkeypatch.setattr(parallel, "THREADED_MIN_CELLS", 0)
    columns = [list(range(n)) for n in range(40, 0, -1)]
    assert parallel.column_wise(sum, columns) == [sum(c) for c in columns]


def test_a_threaded_validation_equals_the_serial_one(monkeypatch, settings, tmp_path):
    """Columns parsed on every core, and the schema checked a column at a time: the same table and problems."""
    from helpers.data.contract import validate as validation

    path = tmp_path / "enquete_satisfaction.csv"
    lines = (DATA_DIR / "2022" / "enquete_satisfaction.csv").read_bytes().split(b"\r\n")
    lines[1] = lines[1].replace(b";21/11/2022;", b";31/02/2022;")  # an unreadable date
    lines[2] = lines[2].replace(b";DMI;", b";XYZ;").replace(b";PAN;", b";XYZ;")  # an unknown counter
    lines[3] = lines[3].replace(b";oui;", b";peut-etre;", 1)  # neither oui nor non
    cells = lines[4].replace(b"Q2022-0004;", b"Q2022-0001;").split(b";")  # a questionnaire id seen before,
    lines[4] = b";".join([*cells[:5], b"11", *cells[6:]])  # and a score out of 1-10 on the same row
    lines[6] = lines[6].replace(b";21/11/2022;", b";21/11/2021;")  # another year
    path.write_bytes(b"\r\n".join(lines))
    ctx = Context(2022, settings)

    def validate():
        raw = read_raw(path, path.name, [])
        return validate_table(SURVEY, raw, path.name, ctx)

    monkeypatch.setattr(parallel, "THREADED_MIN_CELLS", 10**12)
    serial, serial_problems = validate()  # the whole schema in one pandera call
    monkeypatch.setattr(parallel, "THREADED_MIN_CELLS", 0)
    monkeypatch.setattr(validation, "SPLIT_MIN_ROWS", 0)
    threaded, threaded_problems = validate()
    pd.testing.assert_frame_equal(threaded, serial)
    assert threaded_problems == serial_problems
    assert [p.row for p in serial_problems] == [2, 2, 3, 4, 5, 5, 7]  # row 2: its date, and its id used again


def test_slices_of_rows_cover_the_column_once(monkeypatch):
    monkeypatch.setattr(parallel, "THREADED_MIN_CELLS", 0)
    for length in (0, 1, 2, 7, 10):
        covered = [i for part in parallel.row_slices(length) for i in range(length)[part]]
        assert covered == list(range(length))


def test_factorize_on_every_core_is_pandas_factorize(monkeypatch):
    monkeypatch.setattr(parallel, "THREADED_MIN_CELLS", 0)
    column = pd.Series(["b", "a", None, "b", "c", "a", "é"] * 5, dtype="string")
    codes, distinct = parallel.factorize(column)
    expected_codes, expected = pd.factorize(column, use_na_sentinel=True)
    assert codes.tolist() == expected_codes.tolist()
    assert distinct.tolist() == expected.tolist()
