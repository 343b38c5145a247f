"""The built-in renderer: the Quarto features the report uses, with pandoc and Typst, without Quarto.

Steps, for each output format: read the merged metadata (``_quarto.yml`` < ``_metadata.yml`` < front
matter), resolve conditional content and shortcodes (``include``, ``var``, ``meta``, ``embed``,
``pagebreak``) into one Markdown file in the staging folder, then convert it with pandoc and a Lua
filter (callouts, numbered captions, ``@fig-``/``@tbl-`` references): a self-contained HTML file, and
a PDF through Typst. Nothing reads the clock, so the same sources give the same report.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from helpers.report.render.metadata import (
    RenderError,
    for_target,
    load_metadata,
    lookup,
    pandoc_metadata,
    project_files,
    read_yaml,
)
from helpers.report.render.output import to_html, to_pdf
from helpers.report.render.shortcodes import Context, resolve_metadata, resolve_text

log = logging.getLogger("helpers.report.render")

FORMATS = ("html", "pdf")


def resolve_document(project_dir: Path, document: Path, target: str) -> tuple[str, dict]:
    """The document's Markdown for one target (``html`` or ``pdf``) with everything Quarto-specific resolved,
    and its merged metadata."""
    meta, body = load_metadata(project_dir, document)
    variables = read_yaml(project_dir / "_variables.yml")
    meta = resolve_metadata(meta, variables, document)
    ctx = Context(target=target, meta=meta, variables=variables, document_dir=document.parent, stack=[document])
    return resolve_text(body, document, ctx), meta


def render_builtin(project_dir: Path, document: str, out_dir: Path, stem: str,
                   formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """Render ``document`` (relative to the staging ``project_dir``) to ``out_dir/<stem>.html`` / ``.pdf``."""
    project_dir = Path(project_dir).resolve()
    source = (project_dir / document).resolve()
    if not source.is_file():
        raise RenderError(f"document {source} not found")
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise RenderError(f"unsupported output format(s): {', '.join(sorted(unknown))} (html, pdf)")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    for target in formats:
        log.info("Rendu %s de %s (moteur intégré)", target.upper(), document)
        markdown, meta = resolve_document(project_dir, source, target)
        resolved = source.with_name(f".{source.stem}-{target}.md")
        resolved.write_text(markdown, encoding="utf-8")
        options = pandoc_metadata(meta, target)
        filters = project_files(meta, "filters", project_dir)
        if target == "html":
            css = lookup(meta, "format.html.css", None) or []
            css_paths = [Path(c) for c in (css if isinstance(css, list) else [css])]
            for path in css_paths:
                if not path.is_file():
                    raise RenderError(f"format.html.css: {path} not found")
            built = to_html(resolved, resolved.with_suffix(".html"), options, css_paths,
                            [source.parent, project_dir], filters)
        else:
            headers = project_files(for_target(meta, target), "include-in-header", project_dir)
            if not headers:  # the template calls the page frame `report` that the project defines
                raise RenderError("format.typst.include-in-header: name the Typst file that defines the page "
                                  "frame `report` (report/style.typ)")
            built = to_pdf(resolved, resolved.with_suffix(".pdf"), options, project_dir, filters, headers)
        final = out_dir / f"{stem}.{target}"
        shutil.move(built, final)
        outputs[target] = final
        log.info("Écrit : %s", final)
    return outputs
