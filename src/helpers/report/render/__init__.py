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
from helpers.report.render.output import compile_typst

__all__ = ["RENDERERS", "RenderError", "quarto_available", "render"]

log = logging.getLogger("helpers.report.render")

QUARTO_TARGETS = {"html": "html", "pdf": "typst"}
# `auto`: Quarto when it is on the PATH, else the built-in renderer.
RENDERERS = ("auto", "quarto", "builtin")


def quarto_available() -> bool:
    """Whether the ``quarto`` command is on the PATH."""
    return shutil.which("quarto") is not None


def render(project_dir: Path, document: str, out_dir: Path, stem: str,
           formats: tuple[str, ...] = FORMATS, renderer: str = "auto") -> dict[str, Path]:
    """Render ``document`` (relative to ``project_dir``) to ``out_dir/<stem>.<format>``; the files by format."""
    if renderer not in RENDERERS:
        raise RenderError(f"moteur de rendu inconnu : {renderer!r} (auto, quarto ou builtin)")
    if renderer == "quarto" and shutil.which("quarto") is None:
        raise RenderError("quarto introuvable sur le PATH : l'installer, ou rendre avec --renderer builtin")
    if renderer == "quarto" or (renderer == "auto" and quarto_available()):
        log.info("Rendu avec Quarto (%s)", shutil.which("quarto"))
        return render_quarto(Path(project_dir), document, Path(out_dir), stem, formats)
    log.info("Rendu avec le moteur intégré (pandoc + Typst)%s",
             "" if renderer == "builtin" else " : Quarto n'est pas sur le PATH")
    return render_builtin(Path(project_dir), document, Path(out_dir), stem, formats)


def render_quarto(project_dir: Path, document: str, out_dir: Path, stem: str,
                  formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """``quarto render DOCUMENT --to html|typst`` in the project, outputs moved to ``out_dir``.

    For the PDF, Quarto writes the Typst source (``keep-typ``) and the project's Typst compiles it,
    as for the built-in renderer: the same compiler, fonts and tagged PDF whichever renderer ran.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    source = project_dir / document
    for fmt in formats:
        # Quarto wants the output folder inside the project.
        with tempfile.TemporaryDirectory(prefix="_render-", dir=project_dir) as tmp:
            command = ["quarto", "render", document, "--to", QUARTO_TARGETS[fmt], "--output-dir", Path(tmp).name]
            log.info("quarto %s", " ".join(command[1:]))
            result = subprocess.run(command, cwd=project_dir, capture_output=True, text=True, check=False)
            for line in result.stderr.splitlines():  # Quarto's progress at debug level, its warnings as warnings
                (log.warning if "WARN" in line else log.debug)("quarto: %s", line)
            if result.returncode != 0:
                raise RenderError(f"quarto render failed on {source} (exit {result.returncode}): "
                                  f"{result.stderr.strip()[-2000:]}")
            target = out_dir / f"{stem}.{fmt}"
            if fmt == "pdf":
                typ = source.with_suffix(".typ")
                if not typ.is_file():
                    raise RenderError(f"quarto render wrote no Typst file for {document} (keep-typ: true)")
                outputs[fmt] = compile_typst(typ, target, project_dir)
                continue
            found = sorted(Path(tmp).rglob(f"{source.stem}.{fmt}"))
            if not found:
                raise RenderError(f"quarto render wrote no {fmt} file for {document}")
            outputs[fmt] = Path(shutil.move(found[0], target))
    return outputs
