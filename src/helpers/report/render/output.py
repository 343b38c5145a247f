"""Pandoc and Typst calls of the built-in renderer: resolved Markdown to one HTML file, and to a PDF."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from helpers.report.render.metadata import RenderError

log = logging.getLogger("helpers.report.render")

HERE = Path(__file__).resolve().parent
LUA_FILTER = HERE / "quarto.lua"
HTML_TEMPLATE = HERE / "report.html"
TYPST_TEMPLATE = HERE / "report.typst"


def pandoc_path() -> str:
    """The pandoc binary: the one shipped with pypandoc-binary, else pandoc on the PATH."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        found = shutil.which("pandoc")
        if not found:
            raise RenderError("pandoc is needed to render the report (pip install pypandoc-binary)") from exc
        return found


def filter_args(filters: list[Path]) -> list[str]:
    """``--lua-filter`` options: the project's filters where ``quarto`` stands in the list (before it if absent,
    as Quarto runs a project's filters before its own), with the built-in Quarto features at that place."""
    names = [str(f) for f in filters]
    at = names.index("quarto") if "quarto" in names else len(names)
    ordered = [*filters[:at], LUA_FILTER, *filters[at + 1:]]
    return [f"--lua-filter={path}" for path in ordered]


def run_pandoc(source: Path, target: Path, args: list[str], meta: dict[str, Any], filters: list[Path]) -> None:
    """Convert ``source`` (Markdown) to ``target`` with pandoc, in the source's folder, with the Lua filters."""
    meta_file = source.with_suffix(".meta.json")
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    command = [pandoc_path(), source.name, "--from=markdown", f"--output={target}", "--standalone",
               f"--metadata-file={meta_file.name}", *filter_args(filters), *args]
    log.debug("pandoc %s", " ".join(command[1:]))
    result = subprocess.run(command, cwd=source.parent, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RenderError(f"pandoc failed on {source} (exit {result.returncode}): {result.stderr.strip()}")
    for line in result.stderr.splitlines():
        log.warning("pandoc: %s", line)


def to_html(source: Path, target: Path, meta: dict[str, Any], css: list[Path], resource_path: list[Path],
            filters: list[Path]) -> Path:
    """One self-contained HTML file (styles and images inlined), headings shifted as the metadata says."""
    shift = meta["shift-heading-level-by"]
    args = ["--to=html5", f"--template={HTML_TEMPLATE}", "--embed-resources", "--section-divs",
            f"--shift-heading-level-by={shift}",
            "--resource-path=" + os.pathsep.join(str(p) for p in resource_path)]
    if meta.get("toc"):  # as in Quarto, the depth counts the shifted levels: with a shift of 1, `##` is h3
        args += ["--toc", f"--toc-depth={meta['toc-depth']}"]
    args += [f"--css={path}" for path in css]  # after the page style that report.html writes in
    run_pandoc(source, target, args, meta, filters)
    return target


def to_pdf(source: Path, target: Path, meta: dict[str, Any], root: Path, filters: list[Path],
           headers: list[Path]) -> Path:
    """A PDF through Typst: pandoc writes ``.typ`` next to the source, Typst compiles it with ``root``."""
    typ = source.with_suffix(".typ")
    # No wrapping: a wrapped line starting with « = » or « - » would be read by Typst as a heading or a list.
    args = ["--to=typst", f"--template={TYPST_TEMPLATE}", "--wrap=none",
            *(f"--include-in-header={path}" for path in headers)]
    if meta.get("toc"):
        args.append(f"--toc-depth={meta['toc-depth']}")
    run_pandoc(source, typ, args, meta, filters)
    return compile_typst(typ, target, root)


def compile_typst(typ: Path, target: Path, root: Path) -> Path:
    """Compile a Typst file to ``target`` with the project's Typst (PyPI ``typst``), whichever renderer wrote
    it: the same compiler and embedded fonts for both, and a tagged PDF."""
    import typst

    log.debug("typst compile %s", typ)
    try:
        pdf = typst.compile(str(typ), root=str(root), ignore_system_fonts=True)
    except RuntimeError as exc:
        raise RenderError(f"typst failed on {typ}: {exc}") from exc
    target.write_bytes(pdf)
    return target
