"""Declarative description of an input table: its file name, columns and row rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

Kind = Literal["text", "integer", "decimal", "date", "month", "yesno", "category", "dashboard_value"]


@dataclass(frozen=True)
class Column:
    """One column of an input file.

    ``header`` is the name in the file (matched without regard to case, accents, spaces);
    ``field`` the name in code. ``allowed`` lists the accepted values of a category, or names
    a settings entry (``"counters"``, ``"perimeter.services"``) whose keys or items are.
    A ``personal`` column is accepted in the input and dropped at load, never parsed. A
    ``redacted`` column is free text typed by people that a reader may see: its personal data
    (names, phone numbers, addresses…) are masked at load (``helpers.data.redaction``), once its rules
    are checked on the text as written. A ``label`` column is a label typed for slides (an indicator, a
    criterion, a plan action): cleaned at load of slide artefacts and given French typography
    (``helpers.report.french.clean_label``: « @ point numérique » -> « au point numérique », ’ and « »),
    so that every output shows the same label.
    """

    header: str
    field: str
    kind: Kind
    description: str
    required: bool = True
    nullable: bool = False
    allowed: tuple[str, ...] | str | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False
    in_year: bool = False
    personal: bool = False
    redacted: bool = False
    label: bool = False


@dataclass(frozen=True)
class RowCheck:
    """A rule across columns: ``ok(frame, context)`` returns True for each valid row.

    ``column`` is the header reported for a failing row, ``expected`` what the analyst
    should find there instead.
    """

    name: str
    column: str
    expected: str
    ok: Callable[[pd.DataFrame, Context], pd.Series]


# Campaign periods ``annee.yaml`` may declare (``periodes:``), with what each one bounds.
PERIODS: dict[str, str] = {
    "enquete_satisfaction": "dates de passage de l'enquête de satisfaction",
    "appels_mysteres": "dates des appels mystères",
}


@dataclass(frozen=True)
class Context:
    """What a validation needs besides the file: the year of the folder and the settings.

    ``lookups`` holds values of tables already validated that a later table refers to
    (``"mystery_grid.item_id"``: the criteria of the grid); a rule whose lookup is absent passes.
    """

    year: int
    settings: dict[str, Any]
    periods: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=dict)
    lookups: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class TableSpec:
    """One input file of a year's folder: ``<stem>.csv`` or ``<stem>.xlsx``.

    ``extra_prefixes`` lists header prefixes accepted beyond the declared columns (the
    Services Publics+ export has a variable set of ``tags_…`` columns). ``needs`` names the
    tables read along with this one: those its rules look values up in, or checks it against.
    """

    stem: str
    table: str
    source: str
    title: str
    description: str
    columns: tuple[Column, ...]
    required: bool = False
    checks: tuple[RowCheck, ...] = ()
    extra_prefixes: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()

    def column(self, field_name: str) -> Column:
        """The column whose code name is ``field_name``."""
        for col in self.columns:
            if col.field == field_name:
                return col
        raise KeyError(field_name)


def resolve_allowed(allowed: tuple[str, ...] | str | None, settings: dict[str, Any]) -> list[str] | None:
    """Accepted values of a category column, reading a settings entry when one is named."""
    if allowed is None:
        return None
    if isinstance(allowed, tuple):
        return list(allowed)
    node: Any = settings
    for part in allowed.split("."):
        node = node[part]
    return list(node)


def in_lookup(values: pd.Series, ctx: Context, lookup: str) -> pd.Series:
    """True where a value is among those of another table (all True when that table was not read)."""
    if lookup not in ctx.lookups:
        return pd.Series(True, index=values.index)
    return values.isna() | values.isin(ctx.lookups[lookup])


def in_period(dates: pd.Series, ctx: Context, period: str) -> pd.Series:
    """True where a date lies in the period declared in ``annee.yaml`` (all True when none is)."""
    if period not in ctx.periods:
        return pd.Series(True, index=dates.index)
    start, end = ctx.periods[period]
    return dates.isna() | dates.between(start, end + pd.Timedelta(days=1), inclusive="left")


# How long after an entry its answer may come: a later date is taken for a slip of the year
# (2099 for 2022) rather than for an answer, and would make the mean delay years long.
ANSWER_WITHIN = pd.DateOffset(years=1)


def answered_within(answered: pd.Series, start: pd.Series) -> pd.Series:
    """True where an answer date is at most ``ANSWER_WITHIN`` after the day of ``start`` (or either is missing).

    No date is compared with today's: the same files give the same verdict whatever the day of the check.
    """
    limit = start.dt.normalize() + ANSWER_WITHIN
    return answered.isna() | start.isna() | (answered <= limit)


def same_text(values: pd.Series, text: str) -> pd.Series:
    """True where a cell is ``text`` regardless of case (False for an empty cell).

    Arrow compares the cells as they are, without making a lower-cased copy of a column that may
    hold millions of page views.
    """
    cells = pa.array(values, type=pa.large_string())
    same = pc.fill_null(pc.match_like(cells, text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),
                                      ignore_case=True), False)
    return pd.Series(same.to_numpy(zero_copy_only=False), index=values.index, copy=False)
