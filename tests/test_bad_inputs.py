"""``clu validate`` on the broken-input corpus (``tests/bad_inputs/cases.py``).

Every case is a copy of the 2022 sample with one declared change, read once by the careful reader
and, for the cell-level cases, again with every CSV through the pyarrow fast path that large
files take. The command must exit
non-zero and list each expected problem exactly once, naming the file, the row, the column,
the value read and what was expected in French; accepted cases must exit 0. No Python
traceback ever reaches the analyst unless ``--debug`` is given.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.config.settings import load_settings
from helpers.data import loading
from helpers.data.contract import reading
from helpers.paths import DATA_DIR
from tests.bad_inputs.cases import CASES as CELL_CASES
from tests.bad_inputs.cases import Case
from tests.bad_inputs.cases_folder import FOLDER_CASES

# The whole corpus: the cell-level cases of cases.py and the folder-level ones of cases_folder.py.
CASES: tuple[Case, ...] = (*CELL_CASES, *FOLDER_CASES)

# A problem line: "<file>, ligne <n>, colonne « <c> » : valeur « <v> » — attendu : <e>".
PROBLEM = re.compile(
    r"^(?P<file>[^,]+?)(?:, ligne (?P<row>\d+))?(?:, colonne « (?P<column>.+?) »)?"
    r"(?: : valeur « (?P<value>.*) »)? — attendu : (?P<expected>.+)$"
)
# Words of Python or pandera that must never reach the analyst.
NOT_FOR_ANALYSTS = re.compile(
    r"Traceback|Error\b|Exception|dtype|\bNone\b|\bnan\b|\bNaT\b|<NA>|isin|in_range|greater_than|"
    r"field_uniqueness|not_nullable|lambda|Unnamed|\bCheck\b|\bline \d"
)
CAP = load_settings()["validation"]["max_problems_per_file"]


@pytest.fixture
def year_copy(tmp_path) -> Path:
    folder = tmp_path / "2022"
    shutil.copytree(DATA_DIR / "2022", folder)
    return folder


def parse(out: str) -> list[dict]:
    """The problem lines of ``clu validate``'s output, as dicts (file reduced to its name)."""
    problems = []
    for line in out.splitlines():
        found = PROBLEM.match(line)
        if found:
            problem = found.groupdict()
            problem["file"] = Path(problem["file"]).name
            problem["row"] = int(problem["row"]) if problem["row"] else None
            problem["line"] = line
            problems.append(problem)
    return problems


def matches(problem: dict, expect) -> bool:
    return (problem["file"] == expect.file and problem["row"] == expect.row and problem["column"] == expect.column
            and expect.value in (problem["value"] or "") and expect.expected in problem["expected"])


def test_the_corpus_is_broad():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len([c for c in CASES if not c.ok]) >= 40
    stems = {p.stem for p in (DATA_DIR / "2022").iterdir()}
    named = {Path(e.file).stem for c in CASES for e in c.expect}
    assert stems <= named, f"sources without a broken case: {stems - named}"


# Cell-level cases through each way a CSV is read; the folder-level ones (names, links, annee.yaml)
# do not depend on the reader and are read once.
RUNS = [pytest.param(case, reader, id=f"{case.name}-{reader}") for case in CELL_CASES
        for reader in ("careful", "fast", "fast-dictionary")]
RUNS += [pytest.param(case, "careful", id=f"{case.name}-careful") for case in FOLDER_CASES]


@pytest.mark.parametrize(("case", "reader"), RUNS)
def test_bad_input(case: Case, reader: str, year_copy, capsys, monkeypatch):
    if reader.startswith("fast"):  # every CSV read by pyarrow, as a large export would be
        monkeypatch.setattr(reading, "FAST_PATH_CHARS", 0)
    if reader == "fast-dictionary":  # every column dictionary-encoded, as a large export's repetitive ones
        monkeypatch.setattr(reading, "REPEATED_SHARE", 0)
        monkeypatch.setattr(reading, "REPEATED_MIN_SAMPLE", 0)
    case.mutate(year_copy)
    code = main(["validate", str(year_copy)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err == "", err
    problems = parse(out)
    report = f"--- output ---\n{out}"
    if case.ok:
        assert code == 0, report
        assert problems == [], report
        assert "conforme" in out
    else:
        assert code == 1, report
        assert problems, report
        for expect in case.expect:
            found = [p for p in problems if matches(p, expect)]
            assert len(found) == 1, f"{expect} listed {len(found)} time(s)\n{report}"
        if case.exact:
            assert len(problems) == len(case.expect), f"unexpected problems\n{report}"
    for text in case.says:
        assert text in out, report
    # Each cell, column or file is reported on one line, in words an analyst understands.
    places = [(p["file"], p["row"], p["column"]) for p in problems]
    assert len(places) == len(set(places)), report
    for problem in problems:
        assert problem["expected"].strip() and not NOT_FOR_ANALYSTS.search(problem["line"]), problem["line"]
    per_file = {p["file"]: 0 for p in problems}
    for problem in problems:
        per_file[problem["file"]] += 1
    assert max(per_file.values(), default=0) <= CAP


def test_problems_are_capped_per_file_with_the_count_of_the_others(year_copy, capsys):
    next(c for c in CASES if c.name == "many_bad_scores_capped").mutate(year_copy)
    assert main(["validate", str(year_copy)]) == 1
    out = capsys.readouterr().out
    survey = [p for p in parse(out) if p["file"] == "enquete_satisfaction.csv"]
    assert len(survey) == CAP
    assert "enquete_satisfaction.csv : … et 115 autre(s) problème(s) non affiché(s)" in out
    assert f"{CAP + 115} problème(s) dans 1 fichier(s)" in out


def _broken_reader(*args, **kwargs):
    raise RuntimeError("reader exploded")


def test_an_internal_error_is_one_french_line(year_copy, monkeypatch, capsys):
    monkeypatch.setattr(loading, "read_raw", _broken_reader)
    assert main(["validate", str(year_copy)]) != 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("erreur") and "--debug" in lines[0]


def test_debug_shows_the_traceback(year_copy, monkeypatch, capsys):
    monkeypatch.setattr(loading, "read_raw", _broken_reader)
    assert main(["--debug", "validate", str(year_copy)]) != 0
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError: reader exploded" in err
