"""Project paths, resolved from the package location (never from the working directory)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = PROJECT_ROOT / "data"
BUILD_DIR = PROJECT_ROOT / "build"
SETTINGS_FILE = PACKAGE_DIR / "settings.yaml"


def year_dir(year: int, data_dir: Path | None = None) -> Path:
    """Folder holding one year's raw exports, e.g. ``data/2022``."""
    return (data_dir or DATA_DIR) / str(year)
