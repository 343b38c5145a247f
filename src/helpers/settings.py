"""Methodology settings: loaded from ``settings.yaml`` in one place, optionally overridden."""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from helpers.paths import SETTINGS_FILE


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``override`` into a copy of ``base`` (override wins on leaves)."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=8)
def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


SETTINGS_ENV = "CLU_SETTINGS"  # an override file for the notebooks that `clu render` executes


def load_settings(override: Path | str | None = None) -> dict[str, Any]:
    """Return the settings: the package defaults, deep-merged with an optional override file.

    Without an argument, the file named by the CLU_SETTINGS environment variable, if any, is
    the override: `clu --settings FILE render` sets it for the notebooks it executes.
    """
    settings = copy.deepcopy(_read(SETTINGS_FILE))
    override = override or os.environ.get(SETTINGS_ENV) or None
    if override is not None:
        settings = merge(settings, _read(Path(override).resolve()))
    return settings


def scopes(settings: dict[str, Any]) -> list[str]:
    """Valid report scopes: the whole perimeter first, then each service."""
    perimeter = settings["perimeter"]
    return [perimeter["whole_scope"], *perimeter["services"]]
