"""Every report of the sample (every year, every scope), staged once and rendered once per test session.

The tests that read rendered reports share these renders: the layout tests (PDF and HTML) read the
built-in renderer's report of every case, the conformance test compares them with Quarto's for the
cases of ``QUARTO_CASES``. Staging runs each year's notebooks once, with a cache shared by the years.
For a quick loop, ``CLU_TEST_CASES=2022-ATE,2022-DDT`` keeps only those cases.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers.build.pipeline import DOCUMENT, stage_reports
from helpers.config.settings import load_settings, scopes
from helpers.paths import DATA_DIR
from helpers.report.render import render
from tests.conftest import quarto_bin

Case = tuple[int, str]
YEARS = sorted(int(p.name) for p in DATA_DIR.iterdir() if p.is_dir() and p.name.isdigit())
ALL_CASES: list[Case] = [(year, scope) for year in YEARS for scope in scopes(load_settings())]
# Quarto renders the newest year's scopes and the oldest year's whole perimeter (one core each: slow).
QUARTO_CASES: list[Case] = [(YEARS[-1], scope) for scope in scopes(load_settings())] + [(YEARS[0], "ATE")]
if os.environ.get("CLU_TEST_CASES"):
    _kept = set(os.environ["CLU_TEST_CASES"].split(","))
    ALL_CASES = [c for c in ALL_CASES if f"{c[0]}-{c[1]}" in _kept]
    QUARTO_CASES = [c for c in QUARTO_CASES if f"{c[0]}-{c[1]}" in _kept]


def case_id(case: Case) -> str:
    return f"{case[0]}-{case[1]}"


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("rapports-echantillon")


@pytest.fixture(scope="session")
def staged_reports(sample_root) -> dict[Case, Path]:
    """Every case's staged Quarto project (``clu stage``), notebooks executed."""
    staged: dict[Case, Path] = {}
    for year in YEARS:
        wanted = [scope for y, scope in ALL_CASES if y == year]
        projects = stage_reports(year, wanted, load_settings(), dest=sample_root / "projets",
                                 progress=lambda _: None, cache_dir=sample_root / "cache")
        staged.update({(year, scope): path for scope, path in projects.items()})
    return staged


def _render_all(staged: dict[Case, Path], cases: list[Case], renderer: str, root: Path) -> dict[Case, dict[str, Path]]:
    """Render each case from its own copy of the staged project, two at a time (one per core)."""
    def one(case: Case) -> tuple[Case, dict[str, Path]]:
        copy = root / renderer / case_id(case)
        shutil.copytree(staged[case], copy)
        files = render(copy, DOCUMENT, root / "rendus" / renderer / case_id(case), case_id(case), renderer=renderer)
        return case, {**files, "staged": staged[case]}

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, cases))


@pytest.fixture(scope="session")
def builtin_reports(staged_reports, sample_root) -> dict[Case, dict[str, Path]]:
    """Every case rendered by the built-in renderer: ``{case: {"html": …, "pdf": …, "staged": …}}``."""
    return _render_all(staged_reports, ALL_CASES, "builtin", sample_root)


@pytest.fixture(scope="session")
def quarto_path() -> str:
    """The PATH with a Quarto in front of it, or the test skipped with the reason."""
    folder, why = quarto_bin()
    if folder is None:
        pytest.skip(f"rendu par Quarto non fait : {why}")
    return folder + os.pathsep + os.environ["PATH"]


@pytest.fixture(scope="session")
def quarto_reports(staged_reports, sample_root, quarto_path) -> dict[Case, dict[str, Path]]:
    """The cases of ``QUARTO_CASES`` rendered by Quarto, as ``builtin_reports``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", quarto_path)
        return _render_all(staged_reports, QUARTO_CASES, "quarto", sample_root)
