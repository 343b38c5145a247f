"""Reading raw exports as text: CSV (UTF-8 or Windows-1252, ``;`` or ``,``) and ``.xlsx``.

Every cell is read as a string, with the row number the analyst sees in the file, so that
parsing and validation can name the exact place of a bad value. Nothing here interprets
values; see ``parsing`` for that.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.contract.problems import Problem

SEPARATORS = ";,\t"


@dataclass
class RawTable:
    """A file's cells as strings; ``frame.index`` holds the file row numbers."""

    frame: pd.DataFrame
    encoding: str
    separator: str | None


class UnreadableFile(Exception):
    """The file cannot be read at all; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def normalize_header(text: str) -> str:
    """Header key insensitive to case, accents, spaces and punctuation: ``Note Générale`` -> ``note_generale``."""
    text = unicodedata.normalize("NFKD", str(text).replace("\ufeff", "")).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "_" for ch in text.strip().lower())
    return "_".join(part for part in out.split("_") if part)


def decode(data: bytes, label: str) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        raise UnreadableFile(
            Problem(label, "un fichier texte encodé en UTF-8 ou en Windows-1252",
                    value=f"octet 0x{data[err.start]:02x} illisible (position {err.start})")
        ) from err


def sniff_separator(text: str) -> str:
    """The separator of a CSV text: the one of ``; , tab`` that splits the header line most."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:
        counts = {sep: header.count(sep) for sep in SEPARATORS}
        return max(counts, key=counts.get)


def read_csv_text(text: str, label: str) -> tuple[pd.DataFrame, str]:
    """Cells of a CSV text as strings, indexed by file row number (header is row 1)."""
    sep = sniff_separator(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, quotechar='"')
    except pd.errors.ParserError as err:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if found:
            expected, line, saw = (int(g) for g in found.groups())
            problem = Problem(label, f"{expected} colonnes séparées par « {sep} », comme la ligne d'en-tête",
                              row=line, value=f"{saw} colonnes")
        else:
            problem = Problem(label, f"un fichier CSV lisible (séparateur « {sep} »)", value=str(err).strip())
        raise UnreadableFile(problem) from err
    except pd.errors.EmptyDataError as err:
        raise UnreadableFile(Problem(label, "un fichier non vide avec une ligne d'en-tête")) from err
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame, sep


def _cell_text(value: object) -> str:
    """An Excel cell as the text an analyst would type."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path, label: str, known_headers: set[str]) -> pd.DataFrame:
    """Cells of the first sheet as strings, indexed by Excel row number.

    The header is the first row whose cells are mostly known headers, so title rows above
    the table are skipped.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile(Problem(label, "un classeur Excel .xlsx lisible", value=type(err).__name__)) from err
    sheet = book.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    header_at = None
    for i, row in enumerate(rows[:20]):
        cells = [normalize_header(c) for c in row if c]
        if cells and sum(c in known_headers for c in cells) * 2 >= len(cells):
            header_at = i
            break
    if header_at is None:
        header_at = next((i for i, row in enumerate(rows) if any(row)), None)
    if header_at is None:
        raise UnreadableFile(Problem(label, "un fichier non vide avec une ligne d'en-tête"))
    header = rows[header_at]
    width = max((i + 1 for i, c in enumerate(header) if c), default=0)
    body = [(r + [""] * width)[:width] for r in rows[header_at + 1:]]
    frame = pd.DataFrame(body, columns=header[:width], dtype=str)
    frame.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(frame))
    return frame


def read_raw(path: Path, label: str, known_headers: set[str]) -> RawTable:
    """Read a CSV or ``.xlsx`` export as strings; blank rows are dropped, row numbers kept."""
    if path.suffix.lower() == ".xlsx":
        frame, encoding, sep = read_xlsx(path, label, known_headers), "xlsx", None
    else:
        data = path.read_bytes()
        if not data.strip():
            raise UnreadableFile(Problem(label, "un fichier non vide avec une ligne d'en-tête"))
        if data[:4] == b"PK\x03\x04":
            raise UnreadableFile(
                Problem(label, "un fichier CSV (ce fichier est un classeur Excel : le nommer en .xlsx)"))
        text, encoding = decode(data, label)
        frame, sep = read_csv_text(text, label)
    frame = frame.map(lambda s: s.strip().replace("\u00a0", " ") if isinstance(s, str) else "")
    frame = frame[(frame != "").any(axis=1)]
    return RawTable(frame=frame, encoding=encoding, separator=sep)
