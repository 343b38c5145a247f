"""The tidy indicators table: one row per year x scope x indicator, with its target and status.

Each source's module in ``helpers.indicators`` returns a list of ``Indicator`` records;
``indicator_table`` turns them into the table that notebooks, the report and the open-data
export share.
"""

from __future__ import annotations

import math
import operator
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from helpers.report.formatting import round_half_up

MET, NOT_MET, NO_TARGET, NOT_TRACKED, NO_VALUE = "met", "not met", "no target", "not tracked", "no value"

_OPERATORS = {"=": operator.eq, ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}

COLUMNS = ["year", "scope", "source", "indicator", "label", "value", "unit", "numerator", "denominator",
           "decimals", "target_op", "target_value", "status", "note"]


@dataclass(frozen=True)
class Indicator:
    """One computed figure. ``value`` is None when there is none (``tracked=False``: not tracked).

    ``decimals`` is the precision the report shows; ``numerator``/``denominator`` say what the
    value was computed from (for a rate averaged over counters, the pooled counts).
    """

    source: str
    indicator: str
    label: str
    value: float | None
    unit: str
    numerator: float | None = None
    denominator: float | None = None
    decimals: int = 1
    target_op: str | None = None
    target_value: float | None = None
    tracked: bool = True
    note: str | None = None
    year: int | None = None  # set for a past year's figure (dashboard history); else the run's year

    @property
    def status(self) -> str:
        """met / not met / no target / not tracked / no value."""
        return status(self.value, self.target_op, self.target_value, self.tracked, self.decimals)


def status(value: float | None, target_op: str | None, target_value: float | None,
           tracked: bool = True, decimals: int | None = None) -> str:
    """Status of a value against its target, compared at the precision the report shows.

    ``not tracked``: the indicator was not followed that year ("non suivi"); ``no value``: it is
    followed but has no value that year ("-"); neither is ever read as zero.
    """
    if not tracked:
        return NOT_TRACKED
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if target_op is None or target_value is None or (isinstance(target_value, float) and math.isnan(target_value)):
        return NO_TARGET
    shown = round_half_up(value, decimals) if decimals is not None else float(value)
    return MET if _OPERATORS[target_op](shown, float(target_value)) else NOT_MET


def rate(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator`` in percent, or None when the denominator is zero."""
    return None if not denominator else 100.0 * numerator / denominator


def target_from(settings: dict[str, Any], source: str) -> tuple[str | None, float | None]:
    """The (operator, value) target of a source in the settings, or (None, None)."""
    target = settings.get("targets", {}).get(source)
    return (target["op"], float(target["value"])) if target else (None, None)


def indicator_table(records: list[Indicator], year: int, scope: str) -> pd.DataFrame:
    """The tidy table of a list of records, with status computed against each target."""
    rows = [{**asdict(r), "status": r.status, "year": r.year or year, "scope": scope} for r in records]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "tracked"]).drop(columns="tracked")
    for col in ("value", "numerator", "denominator", "target_value"):
        frame[col] = frame[col].astype("Float64")
    frame["decimals"] = frame["decimals"].astype("Int64")
    return frame.reset_index(drop=True)
