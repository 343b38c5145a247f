"""Cache of executed notebooks, keyed on everything that can change their outputs.

jupyter-cache alone keys a notebook on its code cells, so a changed data file or parameter
would silently reuse stale outputs. Here each run's key also covers its parameters, a digest
of the input files the notebook reads (``helpers.notebooks.inputs``), the source of ``src/helpers`` and
the pinned dependencies: the key is written as a comment into the injected parameters cell,
so that jupyter-cache's own hash of the code covers it. A hit restores the executed notebook
and the files it wrote (its indicators) without starting a kernel.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.cache.main import NbArtifacts
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from helpers.data.contract import TABLES_BY_NAME
from helpers.data.loading import YEAR_FILE, find_file
from helpers.notebooks.inputs import tables_read
from helpers.paths import PACKAGE_DIR, PROJECT_ROOT, year_dir
from helpers.config.settings import SETTINGS_ENV

log = logging.getLogger(__name__)

# Years a notebook reads: its own and up to three before it.
YEARS_READ = 4


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (a raw page-view export may weigh a gigabyte).

    Remembered for the process while the file keeps its size and modification time, so that the
    notebooks (and scopes) of one build reading the same large file digest it once.
    """
    stat = path.stat()
    return _digest(path.resolve(), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _digest(path: Path, size: int, mtime_ns: int) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def code_digest() -> str:
    """Digest of the helpers package's source and settings, and of the pinned dependencies."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    lock = PROJECT_ROOT / "requirements.lock"
    override = os.environ.get(SETTINGS_ENV)  # a settings override changes the figures too
    digest = hashlib.sha256()
    for path in [*files, lock, *([Path(override)] if override else [])]:
        if path.exists():
            name = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
            digest.update(str(name).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def input_files(notebook: str, year: int, data_dir: Path) -> list[Path]:
    """The data files a notebook reads for a year: its tables' files and the years' ``annee.yaml``."""
    files: list[Path] = []
    for y in range(year - YEARS_READ + 1, year + 1):
        folder = year_dir(y, data_dir)
        if not folder.is_dir():
            continue
        for table in tables_read(notebook):
            files += find_file(folder, TABLES_BY_NAME[table])
        if (folder / YEAR_FILE).exists():
            files.append(folder / YEAR_FILE)
    return sorted(set(files))


def run_key(notebook: str, parameters: dict[str, Any], data_dir: Path, code: str) -> str:
    """The key of one notebook run: parameters, input files' digests, code digest."""
    year = int(parameters["year"])
    inputs = {str(p.relative_to(data_dir)): file_digest(p) for p in input_files(notebook, year, data_dir)}
    keyed = {k: v for k, v in parameters.items() if k not in ("output_dir", "data_dir")}
    payload = json.dumps({"parameters": keyed, "inputs": inputs, "code": code}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class Prepared:
    """A notebook ready to run: parameters injected, key stamped."""

    source: Path
    notebook: nbformat.NotebookNode
    key: str
    output_dir: Path


def prepare(source: Path, parameters: dict[str, Any], data_dir: Path, code: str) -> Prepared:
    """Inject the parameters as papermill does, and stamp the run's key into the injected cell."""
    nb = load_notebook_node(str(source))  # as papermill reads it (every cell gets a tags list)
    nb = parameterize_notebook(nb, parameters, report_mode=False, kernel_name="python3", language="python")
    key = run_key(source.stem, parameters, data_dir, code)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill draws a random id: keep runs byte-identical
            cell.source += f"\n# clé de cache (paramètres, données, code) : {key}\n"
    return Prepared(source, nb, key, Path(parameters["output_dir"]))


class NotebookCache:
    """A jupyter-cache store of executed notebooks and the files they wrote."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.store = get_cache(str(path))

    def restore(self, run: Prepared, target: Path) -> bool:
        """On a hit, write the cached executed notebook to ``target`` and its files to the output dir."""
        try:
            record = self.store.match_cache_notebook(run.notebook)
        except KeyError:
            return False
        bundle = self.store.get_cache_bundle(record.pk)
        nbformat.write(bundle.nb, target)
        with self.store.cache_artefacts_temppath(record.pk) as folder:
            if Path(folder).is_dir():
                shutil.copytree(folder, run.output_dir, dirs_exist_ok=True)
        return True

    def save(self, run: Prepared, executed: Path) -> None:
        """Store an executed notebook with the files it wrote in its output dir."""
        nb = nbformat.read(str(executed), as_version=4)
        files = sorted(str(p) for p in run.output_dir.rglob("*") if p.is_file()) if run.output_dir.exists() else []
        artifacts = NbArtifacts(files, in_folder=run.output_dir) if files else None
        self.store.cache_notebook_bundle(CacheBundleIn(nb, str(run.source), artifacts=artifacts),
                                         check_validity=False, overwrite=True)


def normalise(run: Prepared, executed: Path) -> None:
    """Give the executed notebook the prepared cells' metadata, without run times or durations.

    jupyter-cache hashes cell metadata: papermill's timings would make every run a miss; and
    without them two runs of the same inputs give the same executed notebook.
    """
    nb = nbformat.read(str(executed), as_version=4)
    for cell, prepared in zip(nb.cells, run.notebook.cells, strict=True):
        cell.metadata = copy.deepcopy(prepared.metadata)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, str(executed))


def write_prepared(run: Prepared, folder: Path) -> Path:
    """Save the prepared notebook (for papermill to execute) in a temporary folder."""
    path = Path(tempfile.mkdtemp(dir=folder)) / run.source.name
    nbformat.write(run.notebook, path)
    return path
