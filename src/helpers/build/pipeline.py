"""The report build: snapshot, compute, execute the notebooks, render, publish. ``clu render`` runs it.

Stages, each shown as it runs:
  1. copy the inputs once (``helpers.build.snapshot``): the year's folder, the folders of the years
     it is compared with, and the resolved configuration; nothing later reads ``data/``;
  2. validate every copied year and compute each scope's figures once (``helpers.indicators.results``);
  3. execute every notebook with papermill on the snapshot and those figures (Quarto's embeds never
     execute notebooks), in parallel, reusing from the cache (``helpers.build.cache``) every run
     whose inputs, configuration, figures and code have not changed;
  4. assemble a staging copy of the Quarto project with the executed notebooks, the prose's
     figures (``_variables.yml``) and the ``has.<source>`` flags (``helpers.build.staging``), and
     render it with Quarto when installed, else with the built-in renderer (``helpers.report.render``);
     ``clu stage`` stops before rendering and leaves the staged project for ``quarto preview``;
  5. publish each scope's files together (``helpers.build.publish``), once every scope succeeded.
A lock per year and scope stops a second build of the same report while one runs.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import nbformat
import papermill
from traitlets.config import Config

from helpers.build import snapshot as snapshots
from helpers.build.cache import (
    NotebookCache,
    Prepared,
    code_digest,
    normalise,
    prepare,
    results_digest,
    run_key,
    write_prepared,
)
from helpers.build.errors import NotebookFailed
from helpers.build.publish import build_lock, publish
from helpers.build.staging import DOCUMENT, assemble
from helpers.data.contract import ValidationFailed
from helpers.data.loading import YearData, load_year, path_label
from helpers.data.scope import check_scope
from helpers.indicators import results as computed
from helpers.indicators.survey import quoting_enabled
from helpers.notebooks.refs import notebooks
from helpers.paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, year_dir
from helpers.report.export import write_indicators
from helpers.report.variables import flags, variables

log = logging.getLogger(__name__)

REPORT_DIR = BUILD_DIR / "rapport"
CACHE_DIR = BUILD_DIR / "cache"
STAGE_DIR = BUILD_DIR / "projet"  # `clu stage`: staged Quarto projects, for `quarto preview`
TITLE = "Comité local des usagers et de l'amélioration continue"
# Years a build copies and validates: its own and the three before it (evolution tables, dashboard).
YEARS_READ = 4
KINDS = {"html": "HTML", "pdf": "PDF", "csv": "CSV", "watch": "Vigilance"}  # each output, as the log names it
WORK_PREFIX, WORK_NAMES = ".rendu-", "rapports.txt"  # a build's working folder, and the reports it builds
# Exceptions whose message is written for the analyst, in French.
FRENCH_ERRORS = {"UnknownParameter", "ValidationFailed", "SettingsError", "FileNotFoundError"}


def slug(text: str) -> str:
    """A file-name-safe form of a scope: ``Sous-préfecture de Montargis`` -> ``sous-prefecture-de-montargis``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def report_name(year: int, scope: str) -> str:
    """The name of a report's files and folders: ``rapport-2022-sous-prefecture-de-montargis``."""
    return f"rapport-{year}-{slug(scope)}"


@dataclass
class Job:
    """One notebook to run for one scope."""

    scope: str
    run: Prepared
    target: Path

    @property
    def name(self) -> str:
        return f"{self.run.source.name} ({self.scope})"


@dataclass
class BuildResult:
    """What a build published, per scope, and which notebook runs were executed or came from the cache."""

    outputs: dict[str, dict[str, Path]] = field(default_factory=dict)
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def kernel_config(folder: Path) -> Config:
    """How a notebook's kernel is reached: through Unix sockets in ``folder``, where the system has them.

    Over TCP, jupyter_client picks free ports before the kernel binds them, so kernels started
    at the same moment can pick the same port and one dies at start (papermill issue 511).
    A socket file in the job's own folder cannot be taken by another kernel. Windows keeps TCP.
    """
    if os.name == "nt":
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": str(folder / "kernel")}})


def failure_lines(job: Job, err: papermill.PapermillExecutionError, executed: Path) -> list[str]:
    """A notebook's error as the analyst reads it: the notebook, the scope, the cell's label, the message."""
    where = f"cellule {err.exec_count}"
    try:
        cell = nbformat.read(executed, as_version=4).cells[err.cell_index]
        label = re.search(r"^#\| label: (\S+)", cell.source, re.M)
        where = f"cellule « {label.group(1)} »" if label else f"cellule n° {err.cell_index + 1}"
    except (OSError, IndexError, ValueError):
        pass
    message = (str(err.evalue).strip() or err.ename).splitlines()
    kind = "" if err.ename in FRENCH_ERRORS else f"{err.ename} : "  # the project's own errors are already French
    return [f"{job.run.source.name} ({job.scope}), {where} : {kind}{message[0]}", *message[1:]]


def execute_all(jobs: list[Job], cache: NotebookCache | None, force: bool, workers: int,
                progress: Callable[[str], None], result: BuildResult) -> None:
    """Restore cache hits, execute the rest in parallel with papermill, cache what was executed."""
    todo = []
    for job in jobs:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        if cache is not None and not force and cache.restore(job.run, job.target):
            result.cached.append(job.name)
        else:
            todo.append(job)
    progress(f"      {len(todo)} à exécuter, {len(result.cached)} repris du cache, {workers} en parallèle")

    def execute(job: Job) -> Job:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                papermill.execute_notebook(str(write_prepared(job.run, Path(tmp))), str(job.target),
                                           cwd=str(NOTEBOOKS_DIR), progress_bar=False, kernel_name="python3",
                                           config=kernel_config(Path(tmp)))
            except papermill.PapermillExecutionError as err:
                raise NotebookFailed(failure_lines(job, err, job.target)) from err
        normalise(job.run, job.target)
        return job

    failures: list[str] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in as_completed([pool.submit(execute, job) for job in todo]):
            try:
                job = done.result()
            except NotebookFailed as err:
                failures += err.lines
                continue
            progress(f"      exécuté : {job.name}")
            result.executed.append(job.name)
            if cache is not None:
                cache.save(job.run, job.target)
    if failures:
        raise NotebookFailed(failures)
    for name in result.cached:
        progress(f"      repris du cache : {name}")


def load_snapshot(snap: snapshots.Snapshot, year: int, data_dir: Path, settings: dict[str, Any]) -> dict[int, YearData]:
    """Validate every copied year; the problems of all of them at once, named after the files in ``data_dir``."""
    if year not in snap.years:
        raise FileNotFoundError(f"dossier de l'année introuvable : {year_dir(year, data_dir)}")
    loaded: dict[int, YearData] = {}
    problems = []
    omitted = 0
    for y in snap.years:
        try:
            loaded[y] = load_year(year_dir(y, snap.data_dir), settings)
        except ValidationFailed as err:
            problems += err.problems
            omitted += err.omitted
    if problems:
        copied, original = path_label(snap.data_dir), path_label(data_dir)
        raise ValidationFailed([replace(p, file=str(p.file).replace(copied, original)) for p in problems], omitted)
    return loaded


def build_reports(year: int, scopes: list[str], settings: dict[str, Any], data_dir: Path = DATA_DIR,
                  out_dir: Path = REPORT_DIR, formats: tuple[str, ...] = ("html", "pdf"),
                  progress: Callable[[str], None] = print, cache_dir: Path | None = CACHE_DIR,
                  force: bool = False, workers: int | None = None, keep_stage: Path | None = None,
                  renderer: str = "auto") -> BuildResult:
    """Build the reports of a year for several scopes in one run (inputs, validation and figures shared).

    ``settings`` is the resolved configuration (``helpers.config.settings.resolve``); ``keep_stage``:
    a folder where the executed notebooks of each scope are copied (for checks); ``renderer``: ``auto``
    (Quarto when installed), ``quarto`` or ``builtin``.
    """
    for scope in scopes:
        check_scope(scope, settings)
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    workers = workers or os.cpu_count() or 1
    result = BuildResult()
    stems = {scope: report_name(year, scope) for scope in scopes}
    out_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir, sorted(stems.values())):
        remove_stale_work(out_dir, set(stems.values()))
        with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=out_dir) as work_name:
            work = Path(work_name)
            (work / WORK_NAMES).write_text("\n".join(sorted(stems.values())), encoding="utf-8")
            run_build(work, year, scopes, stems, settings, data_dir, out_dir, formats, progress, cache_dir, force,
                      workers, keep_stage, result, renderer)
    for files in result.outputs.values():
        for kind, path in files.items():
            progress(f"  {KINDS.get(kind, kind):9} {path}")
    return result


def remove_stale_work(out_dir: Path, locked: set[str]) -> None:
    """Remove the working folders that killed builds left, for reports whose locks this build holds."""
    for folder in out_dir.glob(f"{WORK_PREFIX}*"):
        try:
            names = set((folder / WORK_NAMES).read_text(encoding="utf-8").split())
        except OSError:
            names = set()
        if names and names <= locked:
            shutil.rmtree(folder, ignore_errors=True)


def run_build(work: Path, year: int, scopes: list[str], stems: dict[str, str], settings: dict[str, Any],
              data_dir: Path, out_dir: Path, formats: tuple[str, ...], progress: Callable[[str], None],
              cache_dir: Path | None, force: bool, workers: int, keep_stage: Path | None,
              result: BuildResult, renderer: str = "auto") -> None:
    """The five stages of a build, in its working folder ``work``; ``result`` gets what was published."""
    from helpers.report.render import render

    projects = {scope: work / "projet" / slug(scope) for scope in scopes}
    figures = prepare_projects(work, projects, year, settings, data_dir, progress, cache_dir, force, workers,
                               keep_stage, result)
    progress(f"[4/5] Rendu des rapports ({', '.join(formats)})")
    staged: dict[str, dict[str, Path]] = {}
    for scope, stage in projects.items():
        exports, results = stage / "sorties", figures[scope]
        staged[scope] = {
            **render(stage, DOCUMENT, stage / "rendu", stems[scope], formats, renderer),
            "csv": write_indicators(results.table, exports / f"indicateurs-{year}-{slug(scope)}.csv"),
            "watch": write_indicators(results.watch, exports / f"vigilance-{year}-{slug(scope)}.csv"),
        }
    progress("[5/5] Publication")
    for scope, files in staged.items():  # published only once every scope has succeeded
        result.outputs[scope] = publish(files, out_dir, stems[scope])


def prepare_projects(work: Path, projects: dict[str, Path], year: int, settings: dict[str, Any], data_dir: Path,
                     progress: Callable[[str], None], cache_dir: Path | None, force: bool, workers: int,
                     keep_stage: Path | None, result: BuildResult) -> dict[str, computed.Results]:
    """Stages 1 to 3 and the assembly: each scope's staged Quarto project in ``projects[scope]``, ready to render.

    The snapshot and the computed figures are written in ``work``; the figures are returned by scope.
    """
    scopes = list(projects)
    progress(f"[1/5] Copie des données ({year} et les {YEARS_READ - 1} années précédentes) et des réglages")
    snap = snapshots.take(list(range(year - YEARS_READ + 1, year + 1)), data_dir, settings, work / "entrees")
    progress(f"[2/5] Vérification des données et calcul des indicateurs ({year} : {', '.join(scopes)})")
    years = load_snapshot(snap, year, data_dir, settings)
    for y, loaded in years.items():
        progress(f"      {year_dir(y, data_dir)} : {len(loaded.tables)} tables conformes au contrat")
    figures = {scope: computed.compute(years, year, scope, settings) for scope in scopes}
    folders = {scope: computed.save(figures[scope], work / "resultats" / slug(scope)) for scope in scopes}
    progress("[3/5] Exécution des notebooks")
    code = code_digest()
    jobs = []
    for scope in scopes:
        for path in notebooks():
            parameters = {"year": year, "scope": scope, "data_dir": str(snap.data_dir),
                          "config": str(snap.config), "results": str(folders[scope])}
            key = run_key(path.stem, year, scope, snap, results_digest(path.stem, figures[scope].table), code)
            jobs.append(Job(scope, prepare(path, parameters, key), projects[scope] / "notebooks" / path.name))
    cache = NotebookCache(cache_dir) if cache_dir is not None else None
    execute_all(jobs, cache, force, workers, progress, result)
    if keep_stage is not None:
        for scope in scopes:
            shutil.copytree(projects[scope] / "notebooks", keep_stage / slug(scope), dirs_exist_ok=True)
    for scope in scopes:
        results = figures[scope]
        values = variables(results, settings, years[year])  # the year's plan file: the plan's priorities
        metadata = {"title": TITLE,
                    "subtitle": f"Bilan {year} et plan d’amélioration {year + 1} {values['meta']['scope_for']}",
                    **flags(results.table, year)}
        metadata["has"]["quotes"] = quoting_enabled(settings)
        assemble(projects[scope], values, metadata)
    return figures


def stage_reports(year: int, scopes: list[str], settings: dict[str, Any], data_dir: Path = DATA_DIR,
                  dest: Path = STAGE_DIR, progress: Callable[[str], None] = print,
                  cache_dir: Path | None = CACHE_DIR, force: bool = False,
                  workers: int | None = None) -> dict[str, Path]:
    """Leave each scope's staged Quarto project in ``dest/rapport-<year>-<scope>`` (``clu stage``).

    The folder holds what the build renders: ``_quarto.yml``, ``_variables.yml``, ``report/`` with the
    scope's sources and metadata, and the executed notebooks; ``quarto preview report/rapport.qmd`` or
    ``quarto render`` run in it as they run in a build. Staging a report again replaces its folder.
    """
    for scope in scopes:
        check_scope(scope, settings)
    data_dir, dest = Path(data_dir).resolve(), Path(dest).resolve()
    stems = {scope: report_name(year, scope) for scope in scopes}
    dest.mkdir(parents=True, exist_ok=True)
    with build_lock(dest, sorted(stems.values())):
        for stem in stems.values():
            shutil.rmtree(dest / stem, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=dest) as work_name:
            projects = {scope: dest / stems[scope] for scope in scopes}
            prepare_projects(Path(work_name), projects, year, settings, data_dir, progress, cache_dir, force,
                             workers or os.cpu_count() or 1, None, BuildResult())
    return projects


def build_report(year: int, scope: str, settings: dict[str, Any], data_dir: Path = DATA_DIR,
                 out_dir: Path = REPORT_DIR, formats: tuple[str, ...] = ("html", "pdf"),
                 progress: Callable[[str], None] = print, **options: Any) -> dict[str, Path]:
    """Build the report of one year and scope; return its published files (HTML, PDF, CSVs)."""
    return build_reports(year, [scope], settings, data_dir, out_dir, formats, progress, **options).outputs[scope]
