"""Shared fixtures: settings, tiny year folders written from inline rows, and where Quarto is."""

from __future__ import annotations

import functools
import importlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.config.settings import load_settings
from helpers.data.loading import YearData, check_year
from helpers.data.sample.generate import SEED, reference, rng_for, write_year_file
from helpers.paths import DATA_DIR, PROJECT_ROOT

# Session fixtures of the rendered sample reports, shared by the layout and conformance tests.
pytest_plugins = ["tests.sample_reports"]

# A real Quarto for the tests, beside the project (not part of it): its setup prints its bin folder.
QUARTO_SETUP = PROJECT_ROOT.parent / "shared" / "tools" / "quarto" / "setup.sh"


@functools.cache
def quarto_bin() -> tuple[str | None, str]:
    """The folder of a ``quarto`` command and how it was found, or None and why there is none.

    The PATH's Quarto first; else the shared test Quarto, installed by its ``setup.sh`` (from npm
    and PyPI, once per machine), so that CI runs the Quarto path too.
    """
    found = shutil.which("quarto")
    if found:
        return str(Path(found).parent), "quarto du PATH"
    if not QUARTO_SETUP.is_file():
        return None, f"pas de quarto sur le PATH ni de {QUARTO_SETUP}"
    done = subprocess.run(["bash", str(QUARTO_SETUP)], capture_output=True, text=True, timeout=900, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines and (Path(lines[-1]) / "quarto").is_file():
        return lines[-1], f"quarto installé par {QUARTO_SETUP}"
    return None, f"{QUARTO_SETUP} a échoué : {done.stderr.strip()[-300:]}"


@pytest.fixture(scope="session", autouse=True)
def builtin_renderer_by_default() -> Iterator[None]:
    """Builds render with the built-in renderer whatever the PATH holds (CI puts a Quarto on it): ``auto``
    finds no Quarto; a test of the Quarto path asks for it (``renderer="quarto"``). Session-wide, so that
    the builds of module fixtures are covered too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("helpers.report.render.quarto_available", lambda: False)
        yield


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
    module = importlib.import_module(f"helpers.data.sample.{source}")
    written = module.write(year, folder, rng_for(SEED, year, source), ref)
    result = check_year(folder)
    names = {p.name for p in written}
    assert [str(p) for p in result.problems if Path(p.file).name in names] == []
    return result.data


# --- Markers (kernel, browser, render, slow) from the table of tests/markers.py ----------------------

_ITEM_MARKS: dict[str, set[str]] = {}  # test id -> its markers, for the note on long unmarked tests
_LONG_CALLS: list[tuple[float, str]] = []  # (CPU seconds, test id) of the calls over the threshold
_STALE_ROWS: list[str] = []  # rows of the table that match no collected test


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    from tests import markers

    stale = markers.apply(items)
    if not any("::" in arg for arg in config.args):  # whole modules collected: a row matching nothing is stale
        _STALE_ROWS.extend(stale)
    _ITEM_MARKS.update({item.nodeid: {m.name for m in item.iter_markers()} for item in items})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Time each test's call in CPU seconds, its finished child processes' included (a kernel, pandoc, a
    subprocess): a machine busy with other work does not make a test look slow."""
    import os

    from tests.markers import SLOW_NOTE_SECONDS

    def cpu() -> float:
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    start = cpu()
    try:
        return (yield)
    finally:
        spent = cpu() - start
        if spent > SLOW_NOTE_SECONDS:
            _LONG_CALLS.append((spent, item.nodeid))


def pytest_terminal_summary(terminalreporter):
    from tests.markers import SLOW_NOTE_SECONDS, long_unmarked

    if _STALE_ROWS:
        terminalreporter.write_sep("-", "rows of tests/markers.py that match no test (renamed?)", yellow=True)
        for row in _STALE_ROWS:
            terminalreporter.write_line(row)
    found = long_unmarked(_LONG_CALLS, _ITEM_MARKS)
    if found:
        title = f"unmarked tests over {SLOW_NOTE_SECONDS:g} CPU s: add them to tests/markers.py?"
        terminalreporter.write_sep("-", title, yellow=True)
        for seconds, nodeid in found[:20]:
            terminalreporter.write_line(f"{seconds:6.2f}s {nodeid}")
