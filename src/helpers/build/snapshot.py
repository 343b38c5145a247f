"""The inputs of a build, copied once before any computation: the years it reads and its configuration.

A build reads the year's folder and the folders of the years it compares with. ``take`` copies
their bytes into the build's own folder and digests the copies, and writes the resolved
configuration beside them: every later stage (validation, figures, notebooks, cache keys) reads
the snapshot, never the live ``data/``, so a file edited or replaced during a build changes
nothing in it, and the cache is keyed on the bytes that were actually read.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.data.contract import TABLES_BY_NAME
from helpers.data.loading import YEAR_FILE, find_file
from helpers.paths import year_dir

DATA, CONFIG = "donnees", "reglages.yaml"


@dataclass
class Snapshot:
    """Where a build's copied inputs are, and the SHA-256 of each copied file (by path in the snapshot)."""

    root: Path
    years: list[int]
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.root / DATA

    @property
    def config(self) -> Path:
        return self.root / CONFIG

    def digest(self, path: Path) -> str:
        """The digest of a file of the snapshot."""
        return self.digests[path.relative_to(self.root).as_posix()]

    def files_of(self, year: int, tables: tuple[str, ...]) -> list[Path]:
        """The snapshot's files of some tables for a year, with the year's ``annee.yaml``."""
        folder = year_dir(year, self.data_dir)
        if not folder.is_dir():
            return []
        files = [p for table in tables for p in find_file(folder, TABLES_BY_NAME[table])]
        if (folder / YEAR_FILE).is_file():
            files.append(folder / YEAR_FILE)
        return sorted(set(files))


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def take(years: list[int], data_dir: Path, settings: dict[str, Any], dest: Path) -> Snapshot:
    """Copy the folders of ``years`` found in ``data_dir`` and the resolved settings into ``dest``.

    A year without a folder is left out (the report then has nothing to compare with). Symbolic
    links are copied as links, so that validation refuses them as it does in ``data/``.
    """
    snap = Snapshot(dest, [])
    for year in sorted(years):
        source = year_dir(year, data_dir)
        if source.is_dir():
            shutil.copytree(source, year_dir(year, snap.data_dir), symlinks=True)
            snap.years.append(year)
    snap.config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=True), encoding="utf-8")
    for path in sorted(p for p in dest.rglob("*") if p.is_file() and not p.is_symlink()):
        snap.digests[path.relative_to(dest).as_posix()] = _sha256(path)
    return snap
