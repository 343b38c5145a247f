"""Shared fixtures: settings, and tiny year folders written from inline rows."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from helpers.loading import YearData, check_year
from helpers.paths import DATA_DIR
from helpers.sample.generate import SEED, reference, rng_for, write_year_file
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


def generate_year(tmp_path: Path, year: int, source: str) -> YearData:
    """One source's sample for a year, written in ``tmp_path/<year>`` and loaded.

    Asserts that the source's own files pass validation (the other sources' files are absent).
    """
    ref = reference()
    folder = tmp_path / str(year)
    folder.mkdir(exist_ok=True)
    write_year_file(folder, year, ref)
    written = importlib.import_module(f"helpers.sample.{source}").write(year, folder, rng_for(SEED, year, source), ref)
    result = check_year(folder)
    names = {p.name for p in written}
    assert [str(p) for p in result.problems if Path(p.file).name in names] == []
    return result.data
