"""Quarto conditional content: ``.content-visible`` / ``.content-hidden`` fenced divs.

Fences follow pandoc: an opening fence is three colons or more followed by attributes, a closing
fence is a line of three colons or more and closes the innermost open div; fences inside code
blocks do not count. A conditional div's own fences are removed, and its content is kept or dropped.
The build resolves the metadata conditions once per scope, in the staged sources that both renderers
read (``helpers.build.staging``); the renderer resolves the format conditions.
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
COLONS = re.compile(r"^ {0,3}:{3,}")
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


def _checks(attrs: Attributes, target: str | None, meta: dict[str, Any]) -> tuple[list[bool], dict[str, str]]:
    """The condition results that can be decided now, and the format conditions left for later
    (all of them when no ``target`` is given)."""
    checks: list[bool] = []
    later: dict[str, str] = {}
    for key, value in attrs.values.items():
        if key in ("when-format", "unless-format"):
            if target is None:
                later[key] = value
            else:
                checks.append(_format_matches(value, target) == (key == "when-format"))
        elif key in ("when-meta", "unless-meta"):
            checks.append(truthy(lookup(meta, value, False)) == (key == "when-meta"))
    return checks, later


def shown(attrs: Attributes, target: str, meta: dict[str, Any]) -> bool:
    """Whether a conditional div's content is shown for the target format (``html`` or ``pdf``)."""
    matched = all(_checks(attrs, target, meta)[0])
    return matched if "content-visible" in attrs.classes else not matched


def _decide(attrs: Attributes, target: str | None, meta: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether a conditional div's content is kept, and the opening fence's attributes when the div
    stays (format conditions left for the renderer), else None."""
    checks, later = _checks(attrs, target, meta)
    visible = "content-visible" in attrs.classes
    if not later:
        return all(checks) == visible, None
    if not all(checks):  # the format cannot change the outcome any more
        return not visible, None
    kind = "content-visible" if visible else "content-hidden"
    return True, "{." + kind + "".join(f' {key}="{value}"' for key, value in later.items()) + "}"


def apply_conditions(text: str, target: str | None, meta: dict[str, Any]) -> str:
    """The text with conditional divs resolved for the target format and metadata.

    With ``target=None`` only the metadata conditions are resolved (a staged source for one scope):
    a div that also depends on the format stays, with its format conditions alone. A removed
    fence leaves a blank line, so that the blocks on either side stay apart, as in a div.
    """
    out: list[str] = []
    # One entry per open div: (is its fence removed, is its content kept).
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
                kept, remaining = _decide(attrs, target, meta)
                stack.append((remaining is None, kept))
                if keeping:
                    out.append("\n" if remaining is None else COLONS.match(line).group(0) + " " + remaining + "\n")
                continue
            stack.append((False, True))
        elif CLOSE_FENCE.match(line) and stack:
            removed, _ = stack.pop()
            if removed:
                if keeping:
                    out.append("\n")
                continue
        if keeping:
            out.append(line)
    return "".join(out)
