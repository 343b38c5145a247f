"""The staged Quarto project of one scope: the sources that both renderers read, the same for both.

``assemble`` copies ``_quarto.yml`` and ``report/`` into the scope's staging folder, beside the
executed notebooks, with the year's figures (``_variables.yml``) and metadata (``report/_metadata.yml``).
Two things are settled there rather than left to the renderer:
- the metadata conditions (``when-meta``: the ``has.<source>`` flags of the scope) are resolved in the
  staged ``.qmd`` files, so a hidden block holds no ``{{< embed >}}`` (Quarto resolves every embed
  before it applies conditions, and a notebook cell of a source the scope lacks has no output);
- the notebooks keep no cell metadata (papermill's, tags): Quarto turns it into attributes whose
  order changes from one render to the next.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import nbformat
import yaml

from helpers.paths import PROJECT_ROOT
from helpers.report.escaping import markdown_values
from helpers.report.render.conditions import apply_conditions
from helpers.report.render.metadata import load_metadata

DOCUMENT = "report/rapport.qmd"


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
    resolve_scope_conditions(stage)
    for notebook in sorted((stage / "notebooks").glob("*.ipynb")):
        drop_cell_metadata(notebook)


def resolve_scope_conditions(stage: Path) -> None:
    """Resolve the ``when-meta`` / ``unless-meta`` blocks of every staged ``.qmd`` with the document's metadata."""
    meta, _ = load_metadata(stage, stage / DOCUMENT)
    for source in sorted((stage / "report").rglob("*.qmd")):
        text = source.read_text(encoding="utf-8")
        source.write_text(apply_conditions(text, None, meta), encoding="utf-8")


def drop_cell_metadata(notebook: Path) -> None:
    """The executed notebook without cell metadata: what the report embeds is outputs and ``#|`` options."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        cell.metadata = {}
    nbformat.write(nb, notebook)
