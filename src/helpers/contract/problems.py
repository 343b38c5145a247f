"""Problems found in input files, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, in words an analyst understands (French).

    ``row`` is the row number as the analyst sees it in the file (the header is row 1 in a
    CSV file; the Excel row number in an ``.xlsx`` file); None when the problem concerns the
    whole file or its header line. ``column`` is the column header as written in the file.
    """

    file: str
    expected: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.column is not None:
            where.append(f"colonne « {self.column} »")
        text = ", ".join(where)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
            text += f" : valeur « {shown} »"
        return f"{text} — attendu : {self.expected}"


class ValidationFailed(Exception):
    """Raised when input files break the data contract; carries every problem found."""

    def __init__(self, problems: list[Problem], omitted: int = 0) -> None:
        self.problems = problems
        self.omitted = omitted
        super().__init__(self.report())

    def report(self) -> str:
        """The problems, one per line, with the count of those left out by the cap."""
        lines = [str(p) for p in self.problems]
        if self.omitted:
            lines.append(f"… et {self.omitted} autre(s) problème(s) non affiché(s).")
        return "\n".join(lines)
