"""The build's failures that reach the analyst as located French lines (``clu`` prints them)."""

from __future__ import annotations


class NotebookFailed(Exception):
    """A notebook stopped on an error; ``lines`` are French lines naming the notebook, the scope and the cell."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))
