"""Small edits of a copied year folder, each returning a ``mutate(folder)`` function.

CSV files keep their encoding and separator when edited; ``.xlsx`` files are edited with
openpyxl. Rows are numbered as the analyst sees them: the header of a CSV is row 1, an
``.xlsx`` row is its Excel row number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

Mutation = Callable[[Path], None]


def _read_csv(path: Path) -> tuple[list[list[str]], str, str]:
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252"), "cp1252"
    sep = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=sep)), encoding, sep


def _write_csv(path: Path, rows: list[list[str]], encoding: str, sep: str) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def _sheet(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path)
    return book, book.worksheets[0]


def _xlsx_header(ws, column: str) -> tuple[int, int]:
    """(header row, column index) of a header in a sheet."""
    for row in ws.iter_rows(min_row=1, max_row=20):
        for cell in row:
            if cell.value == column:
                return cell.row, cell.column
    raise KeyError(column)


def _rows_edit(name: str, edit: Callable[[list[list[str]]], list[list[str]]]) -> Mutation:
    """Edit the rows (header first) of a CSV, or of the table of an ``.xlsx`` sheet, as lists of text."""

    def mutate(folder: Path) -> None:
        path = folder / name
        if path.suffix == ".csv":
            rows, encoding, sep = _read_csv(path)
            _write_csv(path, edit(rows), encoding, sep)
            return
        from openpyxl import Workbook

        book, ws = _sheet(path)
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        start = next(i for i, r in enumerate(values) if sum(v is not None for v in r) > 2)
        table = edit([list(r) for r in values[start:]])
        out = Workbook()
        for row in values[:start] + table:
            out.active.append(row)
        out.save(path)

    return mutate


def set_cell(name: str, row: int, column: str, value: object) -> Mutation:
    """Write ``value`` in a cell (row number as in the file, column by its header)."""

    def mutate(folder: Path) -> None:
        path = folder / name
        if path.suffix == ".xlsx":
            book, ws = _sheet(path)
            _, col = _xlsx_header(ws, column)
            ws.cell(row=row, column=col).value = value  # ws.cell(value=None) would leave the cell as it is
            book.save(path)
            return
        rows, encoding, sep = _read_csv(path)
        rows[row - 1][rows[0].index(column)] = str(value)
        _write_csv(path, rows, encoding, sep)

    return mutate


def drop_column(name: str, column: str) -> Mutation:
    def edit(rows):
        i = rows[0].index(column)
        return [r[:i] + r[i + 1:] for r in rows]

    return _rows_edit(name, edit)


def rename_column(name: str, old: str, new: str) -> Mutation:
    return _rows_edit(name, lambda rows: [[new if c == old else c for c in rows[0]], *rows[1:]])


def add_column(name: str, header: str, value: str) -> Mutation:
    return _rows_edit(name, lambda rows: [rows[0] + [header], *(r + [value] for r in rows[1:])])


def copy_row(name: str, row: int) -> Mutation:
    """Append a copy of a data row (CSV row number) at the end of the file."""
    return _rows_edit(name, lambda rows: [*rows, list(rows[row - 1])])


def keep_rows(name: str, count: int) -> Mutation:
    """Keep the header and the first ``count`` data rows."""
    return _rows_edit(name, lambda rows: rows[:count + 1])


def drop_rows_where(name: str, column: str, value: str) -> Mutation:
    def edit(rows):
        i = rows[0].index(column)
        return [rows[0], *(r for r in rows[1:] if r[i] != value)]

    return _rows_edit(name, edit)


def set_column(name: str, column: str, value: str) -> Mutation:
    """Write ``value`` in every data row of a column."""

    def edit(rows):
        i = rows[0].index(column)
        return [rows[0], *(r[:i] + [value] + r[i + 1:] for r in rows[1:])]

    return _rows_edit(name, edit)


def separator(name: str, sep: str) -> Mutation:
    """Rewrite a CSV with another separator (same encoding)."""

    def mutate(folder: Path) -> None:
        rows, encoding, _ = _read_csv(folder / name)
        _write_csv(folder / name, rows, encoding, sep)

    return mutate


def reencode(name: str, encoding: str, bom: bytes = b"") -> Mutation:
    """Rewrite a CSV in another encoding, with an optional byte-order mark."""

    def mutate(folder: Path) -> None:
        rows, _, sep = _read_csv(folder / name)
        _write_csv(folder / name, rows, encoding, sep)
        path = folder / name
        path.write_bytes(bom + path.read_bytes())

    return mutate


def replace_bytes(name: str, old: bytes, new: bytes) -> Mutation:
    def mutate(folder: Path) -> None:
        path = folder / name
        data = path.read_bytes()
        assert old in data, (name, old)
        path.write_bytes(data.replace(old, new, 1))

    return mutate


def append_text(name: str, line: str) -> Mutation:
    """Append a raw line (in the file's encoding) to a CSV."""

    def mutate(folder: Path) -> None:
        path = folder / name
        _, encoding, _ = _read_csv(path)
        path.write_bytes(path.read_bytes() + (line + "\r\n").encode(encoding))

    return mutate


def write_bytes(name: str, data: bytes) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return mutate


def write_text(name: str, text: str) -> Mutation:
    return write_bytes(name, text.encode("utf-8"))


def remove(name: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / name).unlink()

    return mutate


def rename(name: str, new: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / name).rename(folder / new)

    return mutate


def copy_as(name: str, new: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / new).write_bytes((folder / name).read_bytes())

    return mutate


def csv_to_xlsx(name: str, title: str | None = None, remove_csv: bool = True) -> Mutation:
    """Save a CSV's cells as an ``.xlsx`` sheet (text cells), optionally under a title row and a blank row."""

    def mutate(folder: Path) -> None:
        from openpyxl import Workbook

        path = folder / name
        rows, _, _ = _read_csv(path)
        book = Workbook()
        if title:
            book.active.append([title])
            book.active.append([])
        for row in rows:
            book.active.append([v if v != "" else None for v in row])
        book.save(path.with_suffix(".xlsx"))
        if remove_csv:
            path.unlink()

    return mutate


def xlsx_as_csv_bytes(name: str, new: str) -> Mutation:
    """Write a workbook's bytes under a ``.csv`` name (and remove the workbook)."""

    def mutate(folder: Path) -> None:
        (folder / new).write_bytes((folder / name).read_bytes())
        (folder / name).unlink()

    return mutate


def csv_as_xlsx_name(name: str) -> Mutation:
    """Rename a CSV to ``.xlsx`` without converting it."""
    return rename(name, Path(name).with_suffix(".xlsx").name)


def xlsx_formula(name: str, row: int, column: str, formula: str) -> Mutation:
    """A formula in a cell, saved by openpyxl: the file holds no computed value for it."""
    return set_cell(name, row, column, formula)


def xlsx_cached_formula(name: str, row: int, column: str, formula: str, cached: str) -> Mutation:
    """A formula with the value Excel computed and saved next to it (as in a workbook saved by Excel)."""

    def mutate(folder: Path) -> None:
        import zipfile

        set_cell(name, row, column, formula)(folder)
        path = folder / name
        with zipfile.ZipFile(path) as archive:
            entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
        target = f"<f>{formula.lstrip('=')}</f><v />".encode()
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for info, data in entries:
                if info.filename.startswith("xl/worksheets/"):
                    assert target in data, target
                    data = data.replace(target, target.removesuffix(b"<v />") + f"<v>{cached}</v>".encode())
                archive.writestr(info, data)

    return mutate


def prepend_text(name: str, line: str) -> Mutation:
    """Insert a raw line (a title) above the header of a CSV."""

    def mutate(folder: Path) -> None:
        path = folder / name
        _, encoding, _ = _read_csv(path)
        path.write_bytes((line + "\r\n").encode(encoding) + path.read_bytes())

    return mutate


def trailing_separators(name: str) -> Mutation:
    """End every line of a CSV with an extra separator, as some exports do."""

    def mutate(folder: Path) -> None:
        rows, encoding, sep = _read_csv(folder / name)
        _write_csv(folder / name, [r + [""] for r in rows], encoding, sep)

    return mutate


def xlsx_merge(name: str, cells: str) -> Mutation:
    """Merge a range of cells (``"F4:F7"``): only the first keeps its value, as in Excel."""

    def mutate(folder: Path) -> None:
        book, ws = _sheet(folder / name)
        ws.merge_cells(cells)
        book.save(folder / name)

    return mutate


def xlsx_title_merged(name: str, title: str, width: int) -> Mutation:
    """Insert a title row merged across the table's width, then a blank row, above the table."""

    def mutate(folder: Path) -> None:
        book, ws = _sheet(folder / name)
        ws.insert_rows(1, amount=2)
        ws.cell(row=1, column=1, value=title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        book.save(folder / name)

    return mutate


def xlsx_number(name: str, row: int, column: str, value: float, number_format: str) -> Mutation:
    """Write a number in a cell with an Excel number format (``"0%"``: the cell shows 90 % for 0.9)."""

    def mutate(folder: Path) -> None:
        book, ws = _sheet(folder / name)
        _, col = _xlsx_header(ws, column)
        cell = ws.cell(row=row, column=col)
        cell.value, cell.number_format = value, number_format
        book.save(folder / name)

    return mutate


def reencode_rows(name: str, rows: tuple[int, ...], encoding: str) -> Mutation:
    """Write some lines of a CSV (row numbers as in the file, one line each) in another encoding.

    The rest of the file keeps its own: a file of mixed encodings, as when rows exported by two
    tools are pasted together.
    """

    def mutate(folder: Path) -> None:
        path = folder / name
        _, file_encoding, _ = _read_csv(path)
        lines = path.read_bytes().split(b"\r\n")
        for row in rows:
            lines[row - 1] = lines[row - 1].decode(file_encoding).encode(encoding)
        path.write_bytes(b"\r\n".join(lines))

    return mutate


def all_of(*mutations: Mutation) -> Mutation:
    def mutate(folder: Path) -> None:
        for m in mutations:
            m(folder)

    return mutate
