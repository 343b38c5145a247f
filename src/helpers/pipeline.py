"""The report build: validate, compute, execute the notebooks, render. ``clu render`` runs it.

Stages, each shown as it runs:
  1. validate the year's folder and compute the tidy indicators table (``helpers.collect``);
  2. execute every notebook with papermill for the year and scope (Quarto's embeds never
     execute notebooks, so their outputs are made here);
  3. assemble a staging copy of the Quarto project with the executed notebooks, the figures of
     the prose (``_variables.yml``) and the title and ``has.<source>`` flags (``_metadata.yml``);
  4. render it with Quarto when installed, else with the built-in renderer (``helpers.render``).
Everything is written in a temporary staging folder; the outputs are moved into
``build/rapport/`` only when every stage has succeeded.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import papermill
import yaml

from helpers.collect import indicators_for_year, write_indicators
from helpers.loading import load_year
from helpers.notebook_refs import notebooks
from helpers.paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, year_dir
from helpers.report_variables import flags, variables
from helpers.scope import check_scope

log = logging.getLogger(__name__)

DOCUMENT = "report/rapport.qmd"
REPORT_DIR = BUILD_DIR / "rapport"
TITLE = "Comité local des usagers et de l'amélioration continue"


def slug(text: str) -> str:
    """A file-name-safe form of a scope: ``Sous-préfecture de Montargis`` -> ``sous-prefecture-de-montargis``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def execute_notebooks(year: int, scope: str, data_dir: Path, stage: Path, step: Callable[[str], None]) -> None:
    """Run every notebook with the year's parameters; executed copies go to ``stage/notebooks``."""
    target = stage / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    for path in notebooks():
        step(f"exécution de {path.name}")
        papermill.execute_notebook(
            str(path), str(target / path.name), cwd=str(NOTEBOOKS_DIR), progress_bar=False, kernel_name="python3",
            parameters={"year": year, "scope": scope, "data_dir": str(data_dir), "output_dir": str(stage / "sorties")},
        )


def assemble(stage: Path, values: dict[str, Any], metadata: dict[str, Any]) -> None:
    """Copy the Quarto project into the staging folder with the year's variables and metadata."""
    shutil.copy2(PROJECT_ROOT / "_quarto.yml", stage / "_quarto.yml")
    shutil.copytree(PROJECT_ROOT / "report", stage / "report", dirs_exist_ok=True)
    (stage / "_variables.yml").write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=True),
                                          encoding="utf-8")
    (stage / "report" / "_metadata.yml").write_text(yaml.safe_dump(metadata, allow_unicode=True, sort_keys=True),
                                                    encoding="utf-8")


def build_report(year: int, scope: str, settings: dict[str, Any], data_dir: Path = DATA_DIR,
                 out_dir: Path = REPORT_DIR, formats: tuple[str, ...] = ("html", "pdf"),
                 progress: Callable[[str], None] = print) -> dict[str, Path]:
    """Build the report of a year and scope; return the output files (HTML, PDF, indicators CSV)."""
    from helpers.render import render

    check_scope(scope, settings)
    stem = f"rapport-{year}-{slug(scope)}"
    steps = 4
    progress(f"[1/{steps}] Vérification des données et calcul des indicateurs ({year}, {scope})")
    data = load_year(year_dir(year, data_dir), settings)
    table = indicators_for_year(year, scope, settings, data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{stem}-", dir=out_dir) as tmp:
        stage = Path(tmp)
        csv = write_indicators(table, stage / "sorties" / f"indicateurs-{year}-{slug(scope)}.csv")
        progress(f"[2/{steps}] Exécution des notebooks")
        execute_notebooks(year, scope, data_dir, stage, lambda text: progress(f"      {text}"))
        progress(f"[3/{steps}] Assemblage du projet Quarto")
        values = variables(table, data, scope, settings)
        metadata = {"title": TITLE,
                    "subtitle": f"Bilan {year} et plan d'amélioration {year + 1} — {values['meta']['scope_label']}",
                    **flags(table, year)}
        assemble(stage, values, metadata)
        progress(f"[4/{steps}] Rendu du rapport ({', '.join(formats)})")
        rendered = render(stage, DOCUMENT, stage / "rendu", stem, formats)
        outputs = {}
        for kind, path in {**rendered, "csv": csv}.items():
            final = out_dir / path.name
            path.replace(final)  # same file system: an atomic move, once everything has succeeded
            outputs[kind] = final
    for kind, path in outputs.items():
        progress(f"  {kind.upper():4} {path}")
    return outputs
