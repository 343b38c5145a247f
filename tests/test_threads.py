"""Column-wise work on several threads gives what one thread gives, in the same order."""

from __future__ import annotations

import pandas as pd

from helpers.contract import Context, threads
from helpers.contract.reading import read_raw
from helpers.contract.survey import SURVEY
from helpers.contract.validate import validate_table
from helpers.paths import DATA_DIR


def test_results_keep_the_order_of_the_columns(monkeypatch):
    monkeypatch.setattr(threads, "THREADED_MIN_CELLS", 0)
    columns = [list(range(n)) for n in range(40, 0, -1)]
    assert threads.column_wise(sum, columns) == [sum(c) for c in columns]


def test_a_threaded_validation_equals_the_serial_one(monkeypatch, settings, tmp_path):
    path = tmp_path / "enquete_satisfaction.csv"
    lines = (DATA_DIR / "2022" / "enquete_satisfaction.csv").read_bytes().split(b"\r\n")
    lines[1] = lines[1].replace(b";21/11/2022;", b";31/02/2022;")  # an unreadable date
    lines[2] = lines[2].replace(b";DMI;", b";XYZ;").replace(b";PAN;", b";XYZ;")  # an unknown counter
    lines[3] = lines[3].replace(b";oui;", b";peut-etre;", 1)  # neither oui nor non
    path.write_bytes(b"\r\n".join(lines))
    ctx = Context(2022, settings)

    def validate():
        raw = read_raw(path, path.name, [])
        return validate_table(SURVEY, raw, path.name, ctx)

    monkeypatch.setattr(threads, "THREADED_MIN_CELLS", 10**12)
    serial, serial_problems = validate()
    monkeypatch.setattr(threads, "THREADED_MIN_CELLS", 0)
    threaded, threaded_problems = validate()
    pd.testing.assert_frame_equal(threaded, serial)
    assert threaded_problems == serial_problems
    assert len(serial_problems) == 3
