"""The report build: validate, compute, execute the notebooks, render. ``clu render`` runs it.

Stages, each shown as it runs:
  1. validate the year's folder and compute the tidy indicators table (``helpers.indicators.registry``);
  2. execute every notebook with papermill for the year and scope (Quarto's embeds never
     execute notebooks, so their outputs are made here), in parallel, reusing from the cache
     (``helpers.build.cache``) every run whose parameters, input data and code have not changed;
  3. assemble a staging copy of the Quarto project with the executed notebooks, the figures of
     the prose (``_variables.yml``) and the title and ``has.<source>`` flags (``_metadata.yml``);
  4. render it with Quarto when installed, else with the built-in renderer (``helpers.report.render``).
Everything is written in a temporary staging folder; the outputs are moved into
``build/rapport/`` only when every stage has succeeded.
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
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import papermill
import yaml
from traitlets.config import Config

from helpers.build.cache import NotebookCache, Prepared, code_digest, normalise, prepare, write_prepared
from helpers.indicators.registry import indicators_of, write_indicators
from helpers.report.escaping import markdown_values
from helpers.indicators.survey import quoting_enabled
from helpers.data.loading import load_year
from helpers.notebooks.refs import notebooks
from helpers.paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, year_dir
from helpers.report.variables import flags, variables
from helpers.data.scope import check_scope

log = logging.getLogger(__name__)

DOCUMENT = "report/rapport.qmd"
REPORT_DIR = BUILD_DIR / "rapport"
CACHE_DIR = BUILD_DIR / "cache"
WORK_DIR = BUILD_DIR / "sorties"  # what each notebook writes (its indicators), by year, scope and notebook
TITLE = "Comité local des usagers et de l'amélioration continue"


def slug(text: str) -> str:
    """A file-name-safe form of a scope: ``Sous-préfecture de Montargis`` -> ``sous-prefecture-de-montargis``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


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
    """What a build wrote, per scope, and which notebook runs were executed or came from the cache."""

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
            papermill.execute_notebook(str(write_prepared(job.run, Path(tmp))), str(job.target),
                                       cwd=str(NOTEBOOKS_DIR), progress_bar=False, kernel_name="python3",
                                       config=kernel_config(Path(tmp)))
        normalise(job.run, job.target)
        return job

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in as_completed([pool.submit(execute, job) for job in todo]):
            job = done.result()
            progress(f"      exécuté : {job.name}")
            result.executed.append(job.name)
            if cache is not None:
                cache.save(job.run, job.target)
    for name in result.cached:
        progress(f"      repris du cache : {name}")


def assemble(stage: Path, values: dict[str, Any], metadata: dict[str, Any]) -> None:
    """Copy the Quarto project into the staging folder with the year's variables and metadata.

    Quarto and the built-in renderer read both files' texts as Markdown: they are written escaped,
    so that a service's name or a figure (« > 85 % ») reads as it is.
    """
    shutil.copy2(PROJECT_ROOT / "_quarto.yml", stage / "_quarto.yml")
    shutil.copytree(PROJECT_ROOT / "report", stage / "report", dirs_exist_ok=True)
    for path, content in ((stage / "_variables.yml", values), (stage / "report" / "_metadata.yml", metadata)):
        path.write_text(yaml.safe_dump(markdown_values(content), allow_unicode=True, sort_keys=True),
                        encoding="utf-8")


def build_reports(year: int, scopes: list[str], settings: dict[str, Any], data_dir: Path = DATA_DIR,
                  out_dir: Path = REPORT_DIR, formats: tuple[str, ...] = ("html", "pdf"),
                  progress: Callable[[str], None] = print, cache_dir: Path | None = CACHE_DIR,
                  force: bool = False, workers: int | None = None, keep_stage: Path | None = None) -> BuildResult:
    """Build the reports of a year for several scopes in one run (validation and execution shared).

    ``keep_stage``: a folder where the executed notebooks of each scope are copied (for checks).
    """
    from helpers.report.render import render

    for scope in scopes:
        check_scope(scope, settings)
    workers = workers or os.cpu_count() or 1
    result = BuildResult()
    steps = 4
    progress(f"[1/{steps}] Vérification des données et calcul des indicateurs ({year} : {', '.join(scopes)})")
    data = load_year(year_dir(year, data_dir), settings)
    tables = {scope: indicators_of(data, scope, settings) for scope in scopes}  # the year is read once
    out_dir.mkdir(parents=True, exist_ok=True)
    stems = {scope: f"rapport-{year}-{slug(scope)}" for scope in scopes}
    for stem in stems.values():
        for stale in out_dir.glob(f".{stem}-*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
    with ExitStack() as stack:
        stages = {scope: Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f".{stems[scope]}-",
                                                                               dir=out_dir)))
                  for scope in scopes}
        progress(f"[2/{steps}] Exécution des notebooks")
        code = code_digest()
        jobs = []
        for scope, stage in stages.items():
            for path in notebooks():
                # A stable output folder (not the temporary stage): it is part of the notebook's code.
                parameters = {"year": year, "scope": scope, "data_dir": str(data_dir),
                              "output_dir": str(WORK_DIR / f"{year}-{slug(scope)}" / path.stem)}
                jobs.append(Job(scope, prepare(path, parameters, data_dir, code), stage / "notebooks" / path.name))
        cache = NotebookCache(cache_dir) if cache_dir is not None else None
        execute_all(jobs, cache, force, workers, progress, result)
        if keep_stage is not None:
            for scope, stage in stages.items():
                shutil.copytree(stage / "notebooks", keep_stage / slug(scope), dirs_exist_ok=True)
        progress(f"[3/{steps}] Assemblage du projet Quarto")
        for scope, stage in stages.items():
            values = variables(tables[scope], data, scope, settings)
            metadata = {"title": TITLE,
                        "subtitle": f"Bilan {year} et plan d'amélioration {year + 1} — {values['meta']['scope_label']}",
                        **flags(tables[scope], year)}
            metadata["has"]["quotes"] = quoting_enabled(settings)
            assemble(stage, values, metadata)
        progress(f"[4/{steps}] Rendu des rapports ({', '.join(formats)})")
        staged: dict[str, dict[str, Path]] = {}
        for scope, stage in stages.items():
            csv = write_indicators(tables[scope], stage / "sorties" / f"indicateurs-{year}-{slug(scope)}.csv")
            staged[scope] = {**render(stage, DOCUMENT, stage / "rendu", stems[scope], formats), "csv": csv}
        for scope, files in staged.items():  # moved only once every scope has succeeded
            result.outputs[scope] = {}
            for kind, path in files.items():
                final = out_dir / path.name
                path.replace(final)  # same file system: an atomic move
                result.outputs[scope][kind] = final
    for files in result.outputs.values():
        for kind, path in files.items():
            progress(f"  {kind.upper():4} {path}")
    return result


def build_report(year: int, scope: str, settings: dict[str, Any], data_dir: Path = DATA_DIR,
                 out_dir: Path = REPORT_DIR, formats: tuple[str, ...] = ("html", "pdf"),
                 progress: Callable[[str], None] = print, **options: Any) -> dict[str, Path]:
    """Build the report of one year and scope; return its output files (HTML, PDF, indicators CSV)."""
    return build_reports(year, [scope], settings, data_dir, out_dir, formats, progress, **options).outputs[scope]
