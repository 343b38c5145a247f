"""Report metadata as Quarto merges it: project ``_quarto.yml`` < directory ``_metadata.yml`` < front matter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from helpers.config.settings import merge

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
# Quarto date keywords that depend on the clock: refused, the report must not change with the day it is rendered.
CLOCK_DATES = {"today", "now", "last-modified"}
_MISSING = object()


class RenderError(Exception):
    """A problem in the report sources (missing key, unknown label, bad file): the message says where."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a Markdown/Quarto text (empty if none) and the body after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    data = yaml.safe_load(match.group(1) or "") or {}
    if not isinstance(data, dict):
        raise RenderError("the front matter is not a YAML mapping")
    return data, text[match.end():]


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping file (empty when absent)."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise RenderError(f"{path}: not a YAML mapping")
    return data


def lookup(data: dict[str, Any], dotted: str, default: Any = _MISSING) -> Any:
    """The value at a dotted key (``a.b.c``) of nested mappings; ``default`` or KeyError when absent."""
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            if default is _MISSING:
                raise KeyError(dotted)
            return default
        value = value[part]
    return value


def truthy(value: Any) -> bool:
    """Whether a metadata value counts as true for ``when-meta`` (``false``, ``no``, empty: false)."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "false", "no", "0"}
    return bool(value)


def _absolute_css(layer: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The layer with ``format.html.css`` paths made absolute (they are relative to the file declaring them)."""
    html = lookup(layer, "format.html", None)
    if not isinstance(html, dict) or not html.get("css"):
        return layer
    css = html["css"] if isinstance(html["css"], list) else [html["css"]]
    absolute = [str((folder / c).resolve()) for c in css]
    return merge(layer, {"format": {"html": {"css": absolute}}})


def load_metadata(project_dir: Path, document: Path) -> tuple[dict[str, Any], str]:
    """Merged metadata of a document of the project, and the document's body (front matter removed)."""
    project = read_yaml(project_dir / "_quarto.yml")
    project.pop("project", None)
    directory = read_yaml(document.parent / "_metadata.yml")
    try:
        front, body = split_front_matter(document.read_text(encoding="utf-8"))
    except (RenderError, yaml.YAMLError) as exc:
        raise RenderError(f"{document}: bad front matter: {exc}") from exc
    merged: dict[str, Any] = {}
    for layer, folder in ((project, project_dir), (directory, document.parent), (front, document.parent)):
        merged = merge(merged, _absolute_css(layer, folder))
    return merged, body


def format_date(value: Any) -> str:
    """A date as French readers write it (``24 janvier 2023``); other text as is. Clock keywords are refused."""
    if isinstance(value, str) and value.strip().lower() in CLOCK_DATES:
        raise RenderError(f"date: {value!r} depends on the day of rendering; give a fixed date (AAAA-MM-JJ)")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"
    return str(value)


def authors(value: Any) -> list[str]:
    """Author names from a string, a list of strings or a list of ``{name: ...}`` mappings."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, dict):  # Quarto's {name: {given, family}} form
            name = " ".join(str(name[k]) for k in ("given", "family") if name.get(k))
        if name:
            names.append(str(name))
    return names


def for_target(meta: dict[str, Any], target: str) -> dict[str, Any]:
    """The metadata with the options of the target's format (``format.html``; ``format.typst``) on top."""
    options: dict[str, Any] = {}
    for key in ("html",) if target == "html" else ("typst", "pdf"):
        section = lookup(meta, f"format.{key}", None)
        if isinstance(section, dict):
            options = merge(options, section)
    return merge(meta, options)


def pandoc_metadata(meta: dict[str, Any], target: str) -> dict[str, Any]:
    """The few keys the pandoc templates use, for one target (``html`` or ``pdf``), format options on top."""
    effective = for_target(meta, target)
    out: dict[str, Any] = {"lang": str(effective.get("lang") or "fr")}
    for key in ("title", "subtitle"):
        if effective.get(key):
            out[key] = str(effective[key])
    if effective.get("date"):
        out["date"] = format_date(effective["date"])
    if names := authors(effective.get("author")):
        out["author"] = names
    out["toc"] = truthy(effective.get("toc", False))
    out["toc-title"] = str(effective.get("toc-title") or "Sommaire")
    out["toc-depth"] = int(effective.get("toc-depth", 3))
    out["papersize"] = str(effective.get("papersize") or "a4")
    out["pagetitle"] = out.get("title", "Rapport")
    crossref = effective.get("crossref") or {}
    out["crossref"] = {key: str(crossref[key]) for key in ("fig-title", "tbl-title", "title-delim") if key in crossref}
    out["shift-heading-level-by"] = int(effective.get("shift-heading-level-by", 0))
    for key in ("fontsize", "margin", "region"):
        if effective.get(key):
            out[key] = effective[key]
    return out


def project_files(meta: dict[str, Any], key: str, project_dir: Path) -> list[Path]:
    """The files that a metadata key lists (``filters``, ``include-in-header``), relative to the project.

    ``quarto`` in ``filters`` marks where Quarto's own filters run; it is kept as is.
    """
    value = meta.get(key) or []
    files = []
    for entry in value if isinstance(value, list) else [value]:
        if entry == "quarto":
            files.append(Path("quarto"))
            continue
        path = (project_dir / str(entry)).resolve()
        if not path.is_file():
            raise RenderError(f"{key}: {path} not found")
        files.append(path)
    return files
