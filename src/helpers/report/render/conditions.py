"""Quarto conditional content: ``.content-visible`` / ``.content-hidden`` fenced divs.

Fences follow pandoc: an opening fence is three colons or more followed by attributes, a closing
fence is a line of three colons or more and closes the innermost open div; fences inside code
blocks do not count. A conditional div's own fences are removed, and its content is kept or dropped.
Supported conditions: ``when-format`` / ``unless-format`` (``html``; ``pdf`` or ``typst`` for the
PDF) and ``when-meta`` / ``unless-meta`` (a dotted metadata key whose value is true).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from helpers.report.render.metadata import lookup, truthy

OPEN_FENCE = re.compile(r"^ {0,3}:{3,}\s*(?P<attrs>\{[^}]*\}|[\w-]+)\s*:*\s*$")
CLOSE_FENCE = re.compile(r"^ {0,3}:{3,}\s*$")
CODE_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
ATTRIBUTE = re.compile(r"""(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\S+))|(?P<word>[.#]?[\w-]+)""")
FORMAT_ALIASES = {"html": {"html", "html5"}, "pdf": {"pdf", "typst"}}
CONDITIONAL = {"content-visible", "content-hidden"}


@dataclass
class Attributes:
    """The attributes of a fenced div: classes and key-value pairs (the id is ignored)."""

    classes: list[str]
    values: dict[str, str]


def parse_attributes(text: str) -> Attributes:
    """Parse ``{.a #id key="v"}`` or a bare class word."""
    text = text.strip()
    if not text.startswith("{"):
        return Attributes([text], {})
    classes: list[str] = []
    values: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(text[1:-1]):
        if match.group("key"):
            values[match.group("key")] = next(v for v in match.group("dq", "sq", "bare") if v is not None)
        elif match.group("word").startswith("."):
            classes.append(match.group("word")[1:])
    return Attributes(classes, values)


def _format_matches(wanted: str, target: str) -> bool:
    return target in FORMAT_ALIASES.get(wanted, {wanted})


def shown(attrs: Attributes, target: str, meta: dict[str, Any]) -> bool:
    """Whether a conditional div's content is shown for the target format (``html`` or ``pdf``)."""
    checks: list[bool] = []
    for key, value in attrs.values.items():
        if key in ("when-format", "unless-format"):
            checks.append(_format_matches(value, target) == (key == "when-format"))
        elif key in ("when-meta", "unless-meta"):
            checks.append(truthy(lookup(meta, value, False)) == (key == "when-meta"))
    matched = all(checks)
    return matched if "content-visible" in attrs.classes else not matched


def apply_conditions(text: str, target: str, meta: dict[str, Any]) -> str:
    """The text with conditional divs resolved for the target format and metadata."""
    out: list[str] = []
    # One entry per open div: (is conditional, is its content kept).
    stack: list[tuple[bool, bool]] = []
    code_fence: str | None = None
    for line in text.splitlines(keepends=True):
        keeping = all(kept for _, kept in stack)
        if code_fence is not None:
            if re.match(rf"^ {{0,3}}{code_fence[0]}{{{len(code_fence)},}}\s*$", line):
                code_fence = None
        elif fence := CODE_FENCE.match(line):
            code_fence = fence.group("fence")
        elif opening := OPEN_FENCE.match(line):
            attrs = parse_attributes(opening.group("attrs"))
            if CONDITIONAL & set(attrs.classes):
                stack.append((True, shown(attrs, target, meta)))
                continue
            stack.append((False, True))
        elif CLOSE_FENCE.match(line) and stack:
            conditional, _ = stack.pop()
            if conditional:
                continue
        if keeping:
            out.append(line)
    return "".join(out)
