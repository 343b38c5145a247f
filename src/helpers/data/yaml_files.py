"""YAML written by people (settings, ``annee.yaml``): safe types only, and no anchors or aliases.

Aliases let a few lines expand into billions of nodes (« billion laughs »); nothing the project
reads needs them, so an anchor (``&a``) or an alias (``*a``) is refused when the file is parsed.
"""

from __future__ import annotations

from typing import Any

import yaml


class AliasRefused(yaml.YAMLError):
    """A YAML anchor or alias, refused; ``line`` is 1-based."""

    def __init__(self, line: int, token: str) -> None:
        self.line = line
        self.token = token
        super().__init__(f"ligne {line} : « {token} » (ancre ou alias YAML) refusé")


class StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses anchors and aliases before building any node."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(event.start_mark.line + 1, f"*{event.anchor}")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise AliasRefused(event.start_mark.line + 1, f"&{anchor}")
        return super().compose_node(parent, index)


def load_text(text: str, loader: type[StrictLoader] = StrictLoader) -> Any:
    """The YAML document of ``text``, parsed with ``loader`` (a ``StrictLoader``, or a subclass)."""
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
