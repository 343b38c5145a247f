"""A year's folder: ``annee.yaml``'s dates and aliases, and the example of data/README.md.

What the broken-input corpus (``tests/bad_inputs/cases_folder.py``) cannot say in its style: the
day a date of ``annee.yaml`` stands for, and how fast an alias bomb is refused.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers.loading import check_year, period_day, read_periods
from helpers.paths import DATA_DIR
from tests.bad_inputs.cases_folder import ALIAS_BOMB

README = DATA_DIR / "README.md"


@pytest.fixture
def year_copy(tmp_path) -> Path:
    folder = tmp_path / "2022"
    shutil.copytree(DATA_DIR / "2022", folder)
    return folder


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
