"""Shared fixtures: settings, and tiny year folders written from inline rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.paths import DATA_DIR
from helpers.settings import load_settings


@pytest.fixture(scope="session")
def settings() -> dict:
    return load_settings()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The committed sample dataset."""
    return DATA_DIR


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a small input file for a test (creates the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path
