"""``{{< embed NOTEBOOK.ipynb#LABEL >}}``: the outputs of an executed notebook's labelled cell, as Markdown.

A cell's label and captions are its Quarto options, the ``#| key: value`` lines at the top of its
source. Outputs: ``text/markdown`` is inserted as is, followed by the table caption
(``: tbl-cap {#LABEL}``) after the first Markdown table; ``image/png`` is written to ``media/`` next
to the document and becomes a figure ``![fig-cap](media/LABEL.png){#LABEL alt="fig-alt"}``; printed
text becomes a plain code block. A cell without output is an error, as in Quarto: an embed of a part
that a scope may lack goes inside a ``when-meta`` condition.
"""

from __future__ import annotations

import base64
import logging
import re
from pathlib import Path
from typing import Any

import nbformat
import yaml

from helpers.report.render.metadata import RenderError

log = logging.getLogger("helpers.report.render")

OPTION_LINE = re.compile(r"^#\|\s?(.*)$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
MEDIA_DIR = "media"


def cell_options(source: str) -> dict[str, Any]:
    """The Quarto cell options (``#| key: value`` lines at the top of a cell) as a mapping."""
    lines = []
    for line in source.splitlines():
        match = OPTION_LINE.match(line)
        if not match:
            break
        lines.append(match.group(1))
    if not lines:
        return {}
    options = yaml.safe_load("\n".join(lines)) or {}
    return options if isinstance(options, dict) else {}


def find_cell(notebook: Path, label: str) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
    """The code cell of a notebook whose ``label`` option is ``label``, and its options."""
    if not notebook.is_file():
        raise RenderError(f"embed: notebook {notebook} not found")
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        options = cell_options(cell.source)
        if str(options.get("label", "")) == label:
            return cell, options
    raise RenderError(f"embed: no cell labelled {label!r} in notebook {notebook}")


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _escape_attribute(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _code_block(text: str) -> str:
    """Printed text as a code block whose fence no run of backticks in the text can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def embed_cell(notebook: Path, label: str, document_dir: Path) -> str:
    """The Markdown of a labelled cell's outputs; images are written to ``document_dir/media``."""
    cell, options = find_cell(notebook, label)
    blocks: list[str] = []
    table_caption = _one_line(str(options.get("tbl-cap", "")))
    figure_caption = _one_line(str(options.get("fig-cap", "")))
    alt = _one_line(str(options.get("fig-alt", "")))
    images = 0
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        data = output.get("data", {})
        if kind == "error":
            raise RenderError(f"embed: cell {label!r} of {notebook} ended with an error ({output.get('ename')})")
        if kind == "stream":
            if output.get("name") == "stdout":
                blocks.append(_code_block(_text(output.get("text", "")).rstrip("\n")))
        elif "image/png" in data:
            images += 1
            name = label if images == 1 else f"{label}-{images}"
            target = document_dir / MEDIA_DIR / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(_text(data["image/png"])))
            attrs = (f"#{label} " if images == 1 else "") + f'alt="{_escape_attribute(alt or figure_caption)}"'
            blocks.append(f"![{figure_caption}]({MEDIA_DIR}/{name}.png){{{attrs}}}")
        elif "text/markdown" in data:
            markdown = _text(data["text/markdown"]).strip("\n")
            if table_caption and TABLE_RULE.search(markdown):
                markdown += f"\n\n: {table_caption} {{#{label}}}"
                table_caption = ""
            blocks.append(markdown)
        elif kind == "execute_result" and "text/plain" in data:
            blocks.append(_code_block(_text(data["text/plain"]).rstrip("\n")))
        elif "text/html" in data:
            log.warning("embed %s#%s: HTML output skipped (display Markdown or PNG instead)", notebook.name, label)
    if not blocks:
        raise RenderError(f"embed: cell {label!r} of {notebook} has no output to embed (Quarto refuses it too): "
                          "put the embed inside a when-meta condition of the part it belongs to")
    log.debug("embed %s#%s: %d block(s)", notebook.name, label, len(blocks))
    return "\n\n" + "\n\n".join(blocks) + "\n\n"
