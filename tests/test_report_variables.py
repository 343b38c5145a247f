"""Every figure the report's prose quotes is defined wherever its paragraph is shown.

For each sample year and every scope, the variables and flags that ``clu render`` writes are
computed (no notebook runs), the report's conditional blocks are applied as the renderer does,
and each remaining ``{{< var … >}}`` must resolve. A scope without some data must hide the
paragraphs that quote it, never print a missing figure.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.config.settings import load_settings, scopes
from helpers.indicators.results import from_folder
from helpers.paths import DATA_DIR, PROJECT_ROOT
from helpers.report.render.conditions import apply_conditions
from helpers.report.variables import MISSING, flags, variables

SETTINGS = load_settings()
VAR = re.compile(r"\{\{<\s*var\s+([\w.]+)\s*>\}\}")
CHAPTERS = sorted((PROJECT_ROOT / "report").glob("_*.qmd"))


def lookup(data: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


@pytest.mark.parametrize("year", [2020, 2021, 2022])
@pytest.mark.parametrize("scope", scopes(SETTINGS))
def test_every_quoted_figure_is_defined_where_it_is_shown(year, scope):
    results = from_folder(DATA_DIR, year, scope, SETTINGS)
    values = variables(results, SETTINGS)
    meta = flags(results.table, year)
    for chapter in CHAPTERS:
        for target in ("html", "pdf"):
            shown = apply_conditions(chapter.read_text(encoding="utf-8"), target, meta)
            for key in VAR.findall(shown):
                value = lookup(values, key)
                assert isinstance(value, str), f"{chapter.name}: {key} undefined for {scope} {year}"
                assert value.strip() and not re.search(r"\b(nan|None|NaN|<NA>)\b", value), f"{key} = {value!r}"
                assert value == MISSING or not value.startswith(MISSING)


def test_the_targets_flag_needs_an_indicator_of_the_year_judged_against_a_target():
    """``has.targets`` hides the chart of met and missed targets of a scope that has none (SGC-D)."""
    rows = pd.DataFrame({"year": [2022, 2022, 2021], "source": ["training", "dashboard", "survey"],
                         "indicator": ["a", "b", "c"], "status": ["no target", "not tracked", "met"]})
    assert flags(rows, 2022)["has"]["targets"] is False
    rows.loc[1, "status"] = "not met"
    assert flags(rows, 2022)["has"]["targets"] is True
