"""Report scopes: the whole perimeter (``ATE``) or one service of it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.config.settings import scopes


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
