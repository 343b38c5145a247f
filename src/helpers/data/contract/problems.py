"""Problems found in input files, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass, replace


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


def merge_same_place(problems: list[Problem]) -> list[Problem]:
    """One problem per place (file, row, column): what is expected there is joined, in order found."""
    out: list[Problem] = []
    at: dict[tuple[str, int | None, str | None], int] = {}
    for problem in problems:
        key = (problem.file, problem.row, problem.column)
        if key not in at:
            at[key] = len(out)
            out.append(problem)
            continue
        first = out[at[key]]
        expected = first.expected if problem.expected in first.expected else f"{first.expected} ; et {problem.expected}"
        value = first.value
        if problem.value and problem.value != first.value:
            value = f"{first.value} ; {problem.value}" if first.value else problem.value
        out[at[key]] = replace(first, expected=expected, value=value)
    return out


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
