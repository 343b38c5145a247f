"""Cache of executed notebooks, keyed on everything that can change their outputs.

jupyter-cache alone keys a notebook on its code cells, so a changed data file or setting would
silently reuse stale outputs. Here each run's key covers its year and scope, the digests of the
snapshot's files the notebook reads (``helpers.build.snapshot``, ``helpers.notebooks.inputs``), the
resolved configuration, the build's figures it shows, the source of ``src/helpers`` and the pinned
dependencies. The key replaces the injected parameters cell in the copy that jupyter-cache hashes
and stores, so the build's temporary paths never enter it. A hit restores the executed notebook
without starting a kernel; an entry that cannot be read back is discarded with a warning.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from helpers.build.snapshot import Snapshot
from helpers.notebooks.inputs import sources_shown, tables_read
from helpers.paths import PACKAGE_DIR, PROJECT_ROOT

log = logging.getLogger(__name__)
INJECTED = "injected-parameters"


def code_digest() -> str:
    """Digest of the helpers package's source and default settings, and of the pinned dependencies."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in [*files, PROJECT_ROOT / "requirements.lock"]:
        if path.exists():
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def input_files(notebook: str, snapshot: Snapshot) -> list[Path]:
    """The snapshot's files a notebook reads: its tables' files and ``annee.yaml``, for every year copied."""
    return [p for year in snapshot.years for p in snapshot.files_of(year, tables_read(notebook))]


def results_digest(notebook: str, table: Any) -> str:
    """Digest of the build's figures a notebook shows (the tidy table's rows of its sources)."""
    shown = sources_shown(notebook)
    rows = table if shown is None else table[table["source"].isin(shown)]
    return hashlib.sha256(rows.to_csv(index=False).encode()).hexdigest()


def run_key(notebook: str, year: int, scope: str, snapshot: Snapshot, figures: str, code: str) -> str:
    """The key of one notebook run: year and scope, digests of its inputs, configuration, figures and code."""
    inputs = {p.relative_to(snapshot.root).as_posix(): snapshot.digest(p) for p in input_files(notebook, snapshot)}
    payload = json.dumps({"notebook": notebook, "year": year, "scope": scope, "inputs": inputs,
                          "config": snapshot.digest(snapshot.config), "figures": figures, "code": code},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class Prepared:
    """A notebook ready to run: parameters injected; ``keyed`` is the copy jupyter-cache hashes."""

    source: Path
    notebook: nbformat.NotebookNode
    key: str

    @property
    def keyed(self) -> nbformat.NotebookNode:
        return keyed_view(self.notebook, self.key)


def keyed_view(nb: nbformat.NotebookNode, key: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose injected parameters cell holds the key only (no build paths)."""
    view = copy.deepcopy(nb)
    for cell in view.cells:
        if INJECTED in cell.metadata.get("tags", []):
            cell.source = f"# Paramètres injectés par le rendu ; clé de cache (paramètres, données, code) : {key}"
    return view


def prepare(source: Path, parameters: dict[str, Any], key: str) -> Prepared:
    """Inject the parameters as papermill does; the injected cell gets a fixed id (runs stay byte-identical)."""
    nb = load_notebook_node(str(source))  # as papermill reads it (every cell gets a tags list)
    nb = parameterize_notebook(nb, parameters, report_mode=False, kernel_name="python3", language="python")
    for cell in nb.cells:
        if INJECTED in cell.metadata.get("tags", []):
            cell.id = INJECTED  # papermill draws a random id
    return Prepared(source, nb, key)


class NotebookCache:
    """A jupyter-cache store of executed notebooks."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.store = get_cache(str(path))

    def restore(self, run: Prepared, target: Path) -> bool:
        """On a hit, write the cached executed notebook to ``target``; an unreadable entry is discarded."""
        try:
            record = self.store.match_cache_notebook(run.keyed)
        except KeyError:
            return False
        try:
            nb = self.store.get_cache_bundle(record.pk).nb
            nbformat.validate(nb)
        except Exception as err:  # a truncated or damaged entry (disk full, killed build): run again
            log.warning("cache : entrée illisible pour %s, ignorée et supprimée (%s)", run.source.name,
                        type(err).__name__)
            self.discard(record.pk)
            return False
        temporary = target.with_name(f".{target.name}.tmp")
        nbformat.write(nb, temporary)
        temporary.replace(target)
        return True

    def discard(self, pk: int) -> None:
        """Remove an entry, whatever state its files are in."""
        try:
            self.store.remove_cache(pk)
        except Exception as err:  # the entry's files may be gone already
            log.debug("cache : suppression de l'entrée %s incomplète (%s)", pk, err)

    def save(self, run: Prepared, executed: Path) -> None:
        """Store an executed notebook, then read it back: an entry that does not read back whole is removed."""
        nb = keyed_view(nbformat.read(str(executed), as_version=4), run.key)
        record = self.store.cache_notebook_bundle(CacheBundleIn(nb, str(run.source)), check_validity=False,
                                                  overwrite=True)
        try:
            stored = self.store.get_cache_bundle(record.pk).nb
            intact = len(stored.cells) == sum(cell.cell_type == "code" for cell in nb.cells)  # it keeps code cells
        except Exception:
            intact = False
        if not intact:
            log.warning("cache : l'enregistrement de %s a échoué, il n'est pas gardé", run.source.name)
            self.discard(record.pk)


def normalise(run: Prepared, executed: Path) -> None:
    """Give the executed notebook the prepared cells' metadata, without run times, durations or build paths.

    jupyter-cache hashes cell metadata: papermill's timings would make every run a miss; and
    without them and the temporary paths two runs of the same inputs give the same executed
    notebook, whether executed or restored from the cache.
    """
    nb = nbformat.read(str(executed), as_version=4)
    for cell, prepared in zip(nb.cells, run.notebook.cells, strict=True):
        cell.metadata = copy.deepcopy(prepared.metadata)
    nb.metadata.pop("papermill", None)
    nbformat.write(keyed_view(nb, run.key), str(executed))  # the build's temporary paths left out, as in the cache


def write_prepared(run: Prepared, folder: Path) -> Path:
    """Save the prepared notebook (for papermill to execute) in a temporary folder."""
    path = Path(tempfile.mkdtemp(dir=folder)) / run.source.name
    nbformat.write(run.notebook, path)
    return path
