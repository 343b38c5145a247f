"""Large synthetic inputs in the contract's formats, grown from the committed sample.

``python benchmarks/large_inputs.py OUT_DIR`` writes ``OUT_DIR/2022/`` with a survey of
1,000,000 questionnaires and a complaints register of 100,000 entries (CSV, Windows-1252,
semicolons, as French Excel exports them), by repeating the 2022 sample's rows with new ids and
dates spread over the campaign. Deterministic (fixed seed).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.contract.complaints import REGISTER
from helpers.contract.reading import normalize_header, read_raw
from helpers.paths import DATA_DIR

SIZES = {"enquete_satisfaction": 1_000_000, "registre_reclamations": 100_000}
SEED = 20230124


def grow(sample: pd.DataFrame, rows: int, id_column: str, prefix: str, rng: np.random.Generator) -> pd.DataFrame:
    """``rows`` rows drawn from the sample's rows, each with a new unique id."""
    picked = sample.iloc[rng.integers(0, len(sample), rows)].reset_index(drop=True)
    picked[id_column] = [f"{prefix}{i:07d}" for i in range(1, rows + 1)]
    return picked


def write(out: Path) -> dict[str, Path]:
    """Write the large year folder; return the large files."""
    rng = np.random.default_rng(SEED)
    folder = out / "2022"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(DATA_DIR / "2022", folder)
    files = {}
    survey = read_raw(DATA_DIR / "2022" / "enquete_satisfaction.csv", "sample", set()).frame
    large = grow(survey, SIZES["enquete_satisfaction"], "id_questionnaire", "Q", rng)
    files["enquete_satisfaction"] = folder / "enquete_satisfaction.csv"
    large.to_csv(files["enquete_satisfaction"], sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    headers = {normalize_header(c.header) for c in REGISTER.columns}
    register = read_raw(DATA_DIR / "2022" / "registre_reclamations.xlsx", "sample", headers).frame
    large = grow(register, SIZES["registre_reclamations"], "id", "R", rng)
    (folder / "registre_reclamations.xlsx").unlink()
    files["registre_reclamations"] = folder / "registre_reclamations.csv"
    large.to_csv(files["registre_reclamations"], sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    return files


if __name__ == "__main__":
    for name, path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "build/large")).items():
        print(f"{name}: {path} ({path.stat().st_size / 1e6:.0f} Mo)")
