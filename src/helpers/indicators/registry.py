"""The registry of sources, and every source's indicators of one year and scope gathered into the tidy table.

This is where the report's figures come from: each source's records are computed by its
module in ``helpers.indicators`` on the year's validated tables, restricted to the scope.
A source not provided for the year (or without data for the scope) contributes no row.
"""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

import pandas as pd

from helpers.data.loading import YearData
from helpers.data.scope import is_whole, scoped
from helpers.indicators import (
    communication,
    complaints,
    dashboard,
    disclosure,
    experiences,
    mystery_calls,
    plan,
    published,
    survey,
    training,
)
from helpers.indicators.records import Indicator, indicator_table
from helpers.indicators.synthesis import targets_from_dashboard

log = logging.getLogger(__name__)


# Every source, in the report's order: each module has ``TABLES`` and ``records(tables, settings, year)``.
SOURCES: tuple[ModuleType, ...] = (survey, mystery_calls, complaints, experiences, training, communication,
                                   dashboard, plan)


def source_records(data: YearData, scope: str, settings: dict[str, Any]) -> list[Indicator]:
    """Every source's records for the year and scope (a source without data adds none)."""
    records: list[Indicator] = []
    for source in SOURCES:
        found = source.records({t: scoped(data, t, scope, settings) for t in source.TABLES}, settings, data.year)
        if not found:
            log.debug("%s : pas de données pour %s en %d", source.SOURCE, scope, data.year)
        records += found
    return records


def indicators_of(data: YearData, scope: str, settings: dict[str, Any]) -> pd.DataFrame:
    """The tidy indicators table of a year already loaded, for a scope."""
    year = data.year
    table = targets_from_dashboard(indicator_table(source_records(data, scope, settings), year, scope))
    if data.has("published") and is_whole(scope, settings):
        table = published.with_notes(table, data["published"])
    return disclosure.apply(table, scope, settings)
