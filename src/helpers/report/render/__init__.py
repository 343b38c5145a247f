"""Render the report of a staging Quarto project: with Quarto when installed, else with the built-in renderer.

``render(project_dir, "report/rapport.qmd", out_dir, "rapport-2022-ATE")`` writes
``out_dir/rapport-2022-ATE.html`` (self-contained) and ``.pdf`` (Typst) and returns them by format.
The built-in renderer (:mod:`helpers.report.render.builtin`) supports the Quarto features the report uses.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from helpers.report.render.builtin import FORMATS, render_builtin
from helpers.report.render.metadata import RenderError

__all__ = ["RenderError", "quarto_available", "render"]

log = logging.getLogger("helpers.report.render")

QUARTO_TARGETS = {"html": "html", "pdf": "typst"}


def quarto_available() -> bool:
    """Whether the ``quarto`` command is on the PATH."""
    return shutil.which("quarto") is not None


def render(project_dir: Path, document: str, out_dir: Path, stem: str,
           formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """Render ``document`` (relative to ``project_dir``) to ``out_dir/<stem>.<format>``; the files by format."""
    if quarto_available():
        return render_quarto(Path(project_dir), document, Path(out_dir), stem, formats)
    log.info("Quarto introuvable : rendu avec le moteur intégré (pandoc + Typst)")
    return render_builtin(Path(project_dir), document, Path(out_dir), stem, formats)


def render_quarto(project_dir: Path, document: str, out_dir: Path, stem: str,
                  formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """``quarto render DOCUMENT --to html|typst`` in the project, outputs moved to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    for fmt in formats:
        # Quarto wants the output folder inside the project.
        with tempfile.TemporaryDirectory(prefix="_render-", dir=project_dir) as tmp:
            command = ["quarto", "render", document, "--to", QUARTO_TARGETS[fmt], "--output-dir", Path(tmp).name]
            if fmt == "html":
                command += ["-M", "embed-resources:true"]
            log.info("quarto %s", " ".join(command[1:]))
            subprocess.run(command, cwd=project_dir, check=True)
            found = sorted(Path(tmp).rglob(f"{Path(document).stem}.{fmt}"))
            if not found:
                raise RenderError(f"quarto render wrote no {fmt} file for {document}")
            outputs[fmt] = Path(shutil.move(found[0], out_dir / f"{stem}.{fmt}"))
    return outputs
