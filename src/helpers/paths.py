"""Project paths, resolved from the package location (never from the working directory)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
# The data folder; CLU_DATA_DIR points notebooks run by nbval or papermill at another copy.
DATA_DIR = Path(os.environ.get("CLU_DATA_DIR") or PROJECT_ROOT / "data").resolve()
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BUILD_DIR = PROJECT_ROOT / "build"
SETTINGS_FILE = PACKAGE_DIR / "config" / "settings.yaml"


def year_dir(year: int, data_dir: Path | None = None) -> Path:
    """Folder holding one year's raw exports, e.g. ``data/2022``."""
    return (data_dir or DATA_DIR) / str(year)
