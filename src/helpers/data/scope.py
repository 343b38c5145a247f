"""Report scopes: the whole perimeter (``ATE``) or one service of it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.config.settings import scopes
from helpers.data.loading import YearData


def check_scope(scope: str, settings: dict[str, Any]) -> str:
    """Return ``scope`` if valid, else raise a ValueError listing the valid ones."""
    valid = scopes(settings)
    if scope not in valid:
        raise ValueError(f"périmètre inconnu « {scope} » ; attendu : {', '.join(valid)}")
    return scope


def is_whole(scope: str, settings: dict[str, Any]) -> bool:
    """True for the whole perimeter."""
    return scope == settings["perimeter"]["whole_scope"]


def in_scope(frame: pd.DataFrame, scope: str, settings: dict[str, Any], column: str = "service") -> pd.DataFrame:
    """Rows of ``frame`` that belong to the scope (all rows for the whole perimeter)."""
    if is_whole(scope, settings):
        return frame
    return frame[frame[column] == scope]


# Tables that hold the committee's or the organisation's references, not one service's activity:
# the same in every scope (the mystery-call grid, the committee's decisions and plan).
REFERENCE_TABLES = {"mystery_grid", "plan", "published"}


def scoped(data: YearData, table: str, scope: str, settings: dict[str, Any]) -> pd.DataFrame | None:
    """A table restricted to the scope; None when not provided, or when empty for the scope.

    A table without a ``service`` column describes the whole perimeter, so it has no rows for
    a service's scope; the platform export names structures, mapped to services by the settings.
    """
    if not data.has(table):
        return None
    frame = data[table]
    if table in REFERENCE_TABLES:
        return frame
    if "service" not in frame.columns and "structure" in frame.columns:
        frame = frame.assign(service=frame["structure"].map(settings["perimeter"]["platform_structures"]))
    if "service" in frame.columns:
        frame = in_scope(frame, scope, settings)
    elif not is_whole(scope, settings):
        return None
    return frame if len(frame) else None
