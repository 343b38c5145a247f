"""Quarto shortcodes: ``include``, ``var``, ``meta``, ``embed``, ``pagebreak``; ``{{{< x >}}}`` stays literal.

Each file is resolved on its own: conditional content first (hidden content is never evaluated),
then its shortcodes, includes recursively. A missing variable, metadata key, file or cell label
raises :class:`RenderError` naming the key and the file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.report.render.conditions import apply_conditions
from helpers.report.render.embed import embed_cell
from helpers.report.render.metadata import RenderError, lookup

log = logging.getLogger("helpers.report.render")

SHORTCODE = re.compile(r"\{\{\{<\s*(?P<escaped>.*?)\s*>\}\}\}|\{\{<\s*(?P<name>[\w-]+)(?P<args>[^>]*?)\s*>\}\}")
PAGEBREAK = {"html": '\n```{=html}\n<div class="page-break" aria-hidden="true"></div>\n```\n',
             "pdf": "\n```{=typst}\n#pagebreak()\n```\n"}


@dataclass
class Context:
    """What shortcodes read: target format, metadata, variables, the document's folder."""

    target: str
    meta: dict[str, Any]
    variables: dict[str, Any]
    document_dir: Path
    stack: list[Path] = field(default_factory=list)


def _value(data: dict[str, Any], key: str, kind: str, source: Path | str, origin: str) -> str:
    try:
        value = lookup(data, key)
    except KeyError:
        raise RenderError(f"{source}: {kind} {key!r} is not defined in {origin}") from None
    if isinstance(value, dict | list) or value is None:
        raise RenderError(f"{source}: {kind} {key!r} is not a single value in {origin}")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def resolve_text(text: str, source: Path, ctx: Context) -> str:
    """A file's text with its conditional content and shortcodes resolved (``source`` names it in errors)."""
    text = apply_conditions(text, ctx.target, ctx.meta)

    def replace(match: re.Match[str]) -> str:
        if match.group("escaped") is not None:
            return "{{< " + match.group("escaped") + " >}}"
        name, args = match.group("name"), match.group("args").strip()
        if name == "include":
            return include(source.parent / args, ctx)
        if name == "var":
            return _value(ctx.variables, args, "variable", source, "_variables.yml")
        if name == "meta":
            return _value(ctx.meta, args, "metadata key", source, "the merged metadata")
        if name == "embed":
            path, _, label = args.partition("#")
            if not label:
                raise RenderError(f"{source}: embed {args!r} needs a cell label (NOTEBOOK.ipynb#LABEL)")
            return embed_cell((ctx.document_dir / path.strip()).resolve(), label.strip(), ctx.document_dir)
        if name == "pagebreak":
            return PAGEBREAK[ctx.target]
        raise RenderError(f"{source}: unsupported shortcode {name!r}")

    return SHORTCODE.sub(replace, text)


def resolve_metadata(meta: dict[str, Any], variables: dict[str, Any], source: Path) -> dict[str, Any]:
    """The metadata with the ``var`` and ``meta`` shortcodes of its texts resolved (``title: "… {{< var year >}}"``)."""
    where = f"metadata of {source}"

    def resolve(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if not isinstance(value, str) or "{{<" not in value:
            return value

        def replace(match: re.Match[str]) -> str:
            if match.group("escaped") is not None:
                return "{{< " + match.group("escaped") + " >}}"
            name, args = match.group("name"), match.group("args").strip()
            if name == "var":
                return _value(variables, args, "variable", where, "_variables.yml")
            if name == "meta":
                return _value(meta, args, "metadata key", where, "the merged metadata")
            raise RenderError(f"{where}: shortcode {name!r} is not allowed in metadata")

        return SHORTCODE.sub(replace, value)

    return resolve(meta)


def include(path: Path, ctx: Context) -> str:
    """The resolved text of an included file (relative to the including file); cycles are refused."""
    path = path.resolve()
    if not path.is_file():
        where = ctx.stack[-1] if ctx.stack else path.parent
        raise RenderError(f"{where}: included file {path} not found")
    if path in ctx.stack:
        raise RenderError(f"{path}: included from itself ({' -> '.join(p.name for p in ctx.stack)})")
    log.debug("include %s", path)
    ctx.stack.append(path)
    try:
        return resolve_text(path.read_text(encoding="utf-8"), path, ctx)
    finally:
        ctx.stack.pop()
