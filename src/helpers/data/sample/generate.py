"""Write the whole sample dataset: ``data/2020``, ``data/2021``, ``data/2022``.

Deterministic: every source module draws from its own generator seeded by (seed, year,
source), so the files are byte-identical from one run to the next and a change in one source
does not shift the others. Figures published in 2022 are read from the reference yaml, never
typed here: the generator searches for raw data that reproduces them.
"""

from __future__ import annotations

import importlib
import logging
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from helpers.paths import DATA_DIR, PROJECT_ROOT

log = logging.getLogger(__name__)

SEED = 20230124
YEARS = (2020, 2021, 2022)
REFERENCE_FILE = PROJECT_ROOT / "tests" / "reference" / "published-figures-2022.yaml"
SOURCE_MODULES = ("survey", "mystery_calls", "complaints", "experiences", "training", "communication",
                  "dashboard", "plan", "published")


class Figure(float):
    """A published number that remembers how many decimals the slide printed (``81.50`` -> 2)."""

    decimals: int


class _ReferenceLoader(yaml.SafeLoader):
    """Safe YAML loader whose floats are ``Figure`` values keeping their printed precision."""


def _figure(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Figure:
    text = loader.construct_scalar(node)
    figure = Figure(float(text))
    figure.decimals = len(text.split(".")[1]) if "." in text else 0
    return figure


_ReferenceLoader.add_constructor("tag:yaml.org,2002:float", _figure)


def decimals_of(value: float) -> int:
    """Decimals a published number was printed with (0 for a whole number)."""
    return value.decimals if isinstance(value, Figure) else 0


def reference(path: Path = REFERENCE_FILE) -> dict[str, Any]:
    """The published figures of the 2022 committee (the generator's targets), precision kept."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ReferenceLoader)  # noqa: S506 - a SafeLoader subclass


def rng_for(seed: int, year: int, source: str) -> np.random.Generator:
    """An independent random generator per (seed, year, source)."""
    return np.random.default_rng([seed, year, zlib.crc32(source.encode())])


# Windows of the earlier years' campaigns (2022's are read from the reference).
_EARLIER_PERIODS = {
    2020: {"enquete_satisfaction": ("2020-11-16", "2020-12-11"), "appels_mysteres": ("2020-11-02", "2020-11-27")},
    2021: {"enquete_satisfaction": ("2021-11-15", "2021-12-17"), "appels_mysteres": ("2021-11-03", "2021-11-30")},
}


def periods(year: int, ref: dict[str, Any]) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """Campaign windows of a sample year: the satisfaction survey and the mystery calls."""
    if year == 2022:
        overview = ref["measurement_overview_2022"]
        spans = {"enquete_satisfaction": overview["satisfaction_survey"]["period"],
                 "appels_mysteres": overview["mystery_calls"]["period"]}
    else:
        spans = _EARLIER_PERIODS[year]
    return {name: (pd.Timestamp(a), pd.Timestamp(b)) for name, (a, b) in spans.items()}


def write_year_file(folder: Path, year: int, ref: dict[str, Any]) -> Path:
    """``annee.yaml``: the year's campaign windows, as the analyst declares them."""
    spans = {name: {"debut": a.date(), "fin": b.date()} for name, (a, b) in periods(year, ref).items()}
    path = folder / "annee.yaml"
    header = f"# Périodes des campagnes de mesure de l'année {year}.\n"
    path.write_text(header + yaml.safe_dump({"annee": year, "periodes": spans}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def generate(out_dir: Path = DATA_DIR, seed: int = SEED, years: tuple[int, ...] = YEARS,
             sources: tuple[str, ...] = SOURCE_MODULES) -> list[Path]:
    """Write the sample files of every year and source; return the paths written."""
    ref = reference()
    written: list[Path] = []
    for year in years:
        folder = Path(out_dir) / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        written.append(write_year_file(folder, year, ref))
        for source in sources:
            module = importlib.import_module(f"helpers.data.sample.{source}")
            paths = module.write(year, folder, rng_for(seed, year, source), ref)
            written += paths
            log.info("sample %s %d: %s", source, year, ", ".join(p.name for p in paths) or "no file")
    return written
