"""Text from data files and settings, made inert for each place it is written to.

Only the project's templates and the analyst's commentary files are markup. Everything else (a
user's comment, a label of the mystery-call grid, a plan action, a service's name) is text, and
reaches the report as text whatever it holds: ``markdown_text`` makes it literal for pandoc's
and Quarto's Markdown readers, ``spreadsheet_cell`` keeps it from running as a formula when a CSV
the project writes is opened in a spreadsheet.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Any

# Pandoc's Markdown takes any ASCII punctuation after a backslash literally; escaping them all
# leaves no construct to open (emphasis, links, images, raw HTML or Typst, shortcodes, math,
# citations, lists or headings at a line's start, table pipes). The apostrophe opens nothing but a
# smart quote: left as it is, it is printed as the typographic apostrophe of French text.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation.replace("'", "")) + "])")
_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029\x85]+")
# Spreadsheets run a cell starting with one of these as a formula (OWASP's CSV injection rule).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _printable(text: str) -> str:
    """Line breaks and tabs as spaces; other control and format characters dropped (bidi overrides…)."""
    return "".join(c for c in _BREAKS.sub(" ", text) if unicodedata.category(c) not in ("Cc", "Cf"))


def markdown_text(value: object) -> str:
    """``value`` as Markdown that reads back as exactly its text, on one line."""
    return _PUNCTUATION.sub(r"\\\1", _printable(str(value)))


def markdown_values(data: Any) -> Any:
    """Every string of nested mappings and lists made literal Markdown (``_variables.yml``, metadata)."""
    if isinstance(data, dict):
        return {key: markdown_values(value) for key, value in data.items()}
    if isinstance(data, list):
        return [markdown_values(value) for value in data]
    return markdown_text(data) if isinstance(data, str) else data


def spreadsheet_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, behind an apostrophe; other values as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
