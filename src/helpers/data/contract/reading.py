"""Reading raw exports as text: CSV (UTF-8 or Windows-1252, ``;`` ``,`` or tab) and ``.xlsx``.

Every cell is read as a string, with the row number the analyst sees in the file, so that
parsing and validation can name the exact place of a bad value. Nothing here interprets
values; see ``parsing`` for that. A file that is not what its name says (a workbook named
``.csv``, a CSV named ``.xlsx``, an image, UTF-16 text) is reported as such, in French.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from helpers.data.contract import windows1252
from helpers.data.contract.problems import Problem
from helpers.data.parallel import column_wise, workers

SEPARATORS = ";,\t"
# How far down a sheet (or a CSV) the header line is looked for, below title rows.
HEADER_SEARCH_ROWS = 20
FAST_PATH_CHARS = 1 << 20  # CSV files of more bytes than this are read by pyarrow when they are regular
SNIFF_CHARS = 1 << 16  # the separator and the header are looked for in the file's first characters
FIELD_SIZE_MAX = (1 << 31) - 1  # the csv module's largest cell (a C long on every platform)
# pyarrow parses a CSV by blocks, one per thread at a time: several blocks per core, of 1 to 8 MiB.
# On the large inputs of ``benchmarks/``, larger blocks were slower (each one's buffers are fresh
# memory, page-faulted in), smaller ones cost more per block: 8 per core took the 100,000-entry
# register from 109 to 98 ms and the million questionnaires from 0.99 to 0.90 s against 4 per core.
BLOCKS_PER_CORE = 8
BLOCK_BYTES = (1 << 20, 1 << 23)
# A column of a large file is read dictionary-encoded (each distinct text held once, a small code
# per cell) when, in the rows of the file's first characters (at least ``REPEATED_MIN_SAMPLE``),
# at most one cell in ``REPEATED_SHARE`` brings a new value: scores, dates, counters, yes/no answers.
REPEATED_SHARE = 4
REPEATED_MIN_SAMPLE = 100
# Values Excel shows for a formula that failed.
EXCEL_ERRORS = {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
# First bytes of files that are not text, with what to call them.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "un classeur Excel .xlsx (ou une archive zip)"),
    (b"\xd0\xcf\x11\xe0", "un classeur Excel ancien format .xls"),
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"%PDF", "un document PDF"),
)


@dataclass
class RawTable:
    """A file's cells as strings; ``frame.index`` holds the file row numbers.

    A column of a large CSV that repeats its values may come as a categorical of those strings
    (``read_regular_csv``); its cells read the same.

    ``header_row`` is the row of the header line; ``problems`` are those found while reading
    (merged cells, formulas without a value, repeated columns); ``reported`` the cells
    ``(row, header)`` they cover, which validation does not report again.
    """

    frame: pd.DataFrame
    encoding: str
    separator: str | None
    header_row: int = 1
    problems: list[Problem] = field(default_factory=list)
    reported: set[tuple[int, str]] = field(default_factory=set)


class UnreadableFile(Exception):
    """The file cannot be read at all; carries the problem(s) to report."""

    def __init__(self, problem: Problem | list[Problem]) -> None:
        self.problems = problem if isinstance(problem, list) else [problem]
        self.problem = self.problems[0]
        super().__init__("\n".join(str(p) for p in self.problems))


def normalize_header(text: str) -> str:
    """Header key insensitive to case, accents, spaces and punctuation: ``Note Générale`` -> ``note_generale``."""
    text = unicodedata.normalize("NFKD", str(text).replace("\ufeff", "")).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "_" for ch in text.strip().lower())
    return "_".join(part for part in out.split("_") if part)


def file_kind(data: bytes) -> str | None:
    """What a non-text file is (``"une image PNG"``…), from its first bytes; None for text."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> bool:
    """True for UTF-16 text without a byte-order mark: every other byte of Latin text is zero."""
    sample = data[:2000]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return max(sample[1::2].count(0), sample[0::2].count(0)) >= 0.6 * half


def decode(data: bytes, label: str) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise _undecodable(data, err.start + 3, label, "UTF-8 (le fichier commence par un BOM UTF-8)") from err
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if _utf16_without_bom(data):
        raise UnreadableFile(Problem(
            label, "un fichier texte encodé en UTF-8 ou en Windows-1252 (dans Excel : « Enregistrer sous » "
                   "> « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »)",
            value="texte encodé en UTF-16 sans marque d'ordre des octets (BOM)"))
    if b"\x00" in data:
        raise UnreadableFile(Problem(label, "un fichier texte CSV", value="fichier binaire (octets nuls)"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        raise _undecodable(data, err.start, label, "UTF-8 ou Windows-1252") from err


def _empty_file(label: str) -> UnreadableFile:
    return UnreadableFile(Problem(label, "un fichier non vide avec une ligne d'en-tête", value="fichier vide"))


def _undecodable(data: bytes, position: int, label: str, encodings: str) -> UnreadableFile:
    line = data[:position].count(b"\n") + 1
    return UnreadableFile(Problem(
        label, f"un fichier texte encodé en {encodings} : réenregistrer le fichier depuis Excel en « CSV UTF-8 »",
        row=line, value=f"octet 0x{data[position]:02x} illisible (position {position})"))


def sniff_separator(text: str) -> str:
    """The separator of a CSV text: the one of ``; , tab`` that splits the header line most."""
    header = next((line for line in text[:SNIFF_CHARS].splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:
        counts = {sep: header.count(sep) for sep in SEPARATORS}
        return max(counts, key=counts.get)


def _header_index(rows: list[list[str]], known_headers: Iterable[str]) -> int | None:
    """Index of the header line: the first row whose cells are mostly known headers (title rows skipped),
    else the first non-blank row."""
    known = set(known_headers)
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [normalize_header(c) for c in row if c.strip()]
        if known and cells and sum(c in known for c in cells) * 2 >= len(cells):
            return i
    return next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)


def _head_encoding(head: bytes) -> str | None:
    """The likely encoding of a CSV from its first bytes: ``utf-8-sig``, ``utf-8`` or ``cp1252``.

    None for UTF-16 or binary content (the careful reader reports them). ``utf-8`` is only likely:
    pyarrow checks the whole file as it reads, and the file is then read again as Windows-1252.
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a character may be cut at the end
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


@dataclass
class _Scan:
    """What a look over a file's bytes tells: whether it holds null bytes, and its line count.

    ``lines`` is None when the file holds no quote character: no cell can then span two lines,
    and each line is a row (pyarrow's blocks end at ``\n``, ``\r\n`` or a lone ``\r`` alike).
    """

    lines: int | None
    binary: bool


def _scan(path: Path, chunk: int = 1 << 18) -> _Scan:
    """Look for null bytes and quotes, a chunk at a time into one buffer (no copy of the file).

    Only a file with a quote character has its lines counted, in a second pass: counting is the
    slow part, looking for a byte is not.
    """
    binary = quoted = False
    buffer = bytearray(chunk)
    with path.open("rb", buffering=0) as stream:
        while size := stream.readinto(buffer):
            binary = binary or buffer.find(b"\x00", 0, size) >= 0
            quoted = quoted or buffer.find(b'"', 0, size) >= 0
    if binary or not quoted:
        return _Scan(lines=None, binary=binary)
    lines, last = 0, None
    with path.open("rb", buffering=0) as stream:
        while size := stream.readinto(buffer):
            lines += buffer.count(b"\n", 0, size)
            last = buffer[size - 1]
    return _Scan(lines=lines + (last not in (None, ord("\n"))), binary=False)


def _block_size(size: int) -> int:
    """pyarrow's block size for a file of ``size`` bytes: ``BLOCKS_PER_CORE`` per core, within ``BLOCK_BYTES``."""
    low, high = BLOCK_BYTES
    return min(high, max(low, size // (BLOCKS_PER_CORE * workers())))


def _blank_rows(table: pa.Table) -> np.ndarray | None:
    """Mask of the rows whose every cell is empty, None when there are none (most files).

    Only the rows whose first cell is empty are looked at further.
    """
    if not table.num_columns:
        return None
    candidates = pc.indices_nonzero(pc.equal(table.column(0), "")).to_numpy()
    if not len(candidates):
        return None
    rest = table.take(candidates)
    empty = np.ones(len(candidates), dtype=bool)
    for column in rest.columns:
        empty &= pc.equal(column, "").to_numpy(zero_copy_only=False)
    if not empty.any():
        return None
    blank = np.zeros(table.num_rows, dtype=bool)
    blank[candidates[empty]] = True
    return blank


def _repeated_columns(text: str, sep: str, at: int, width: int) -> list[bool]:
    """Which columns repeat their values in the complete rows of a file's first characters (``text``)."""
    try:
        rows = [row for row in list(csv.reader(text.splitlines(), delimiter=sep))[at + 1:-1] if len(row) == width]
    except csv.Error:
        return [False] * width
    if len(rows) < REPEATED_MIN_SAMPLE:
        return [False] * width
    return [len({row[i].strip() for row in rows}) * REPEATED_SHARE <= len(rows) for i in range(width)]


def _trimmed(column: pa.ChunkedArray, cp1252: bool = False) -> pa.ChunkedArray:
    """The column's cells without surrounding whitespace (Unicode's White_Space, non-breaking spaces included).

    ``cp1252``: the cells are Windows-1252 bytes, made text first (``windows1252.decoded``). A
    dictionary-encoded column has its distinct texts decoded and trimmed, once; texts that become
    the same (``"5"`` and ``" 5"``) are then merged into one.
    """
    if not pa.types.is_dictionary(column.type):
        if cp1252:
            column = pa.chunked_array([windows1252.decoded(chunk) for chunk in column.chunks], type=pa.large_string())
        return pc.utf8_trim_whitespace(column)
    text_type = pa.dictionary(column.type.index_type, pa.large_string())
    if not column.num_chunks:
        return pa.chunked_array([], type=text_type)
    column = column.unify_dictionaries()  # one dictionary shared by every block
    dictionary = column.chunk(0).dictionary
    trimmed = pc.utf8_trim_whitespace(windows1252.decoded(dictionary) if cp1252 else dictionary)
    distinct = pc.unique(trimmed)
    recode = None if len(distinct) == len(trimmed) else pc.index_in(trimmed, value_set=distinct)
    return pa.chunked_array(
        [pa.DictionaryArray.from_arrays(chunk.indices if recode is None else pc.take(recode, chunk.indices),
                                        trimmed if recode is None else distinct)
         for chunk in column.chunks], type=text_type)


def read_regular_csv(path: Path, label: str, known_headers: Iterable[str]) -> RawTable | None:
    """Fast path for large, regular files: pyarrow's CSV reader, every cell as a trimmed string.

    pyarrow reads the file itself, in blocks, so the file's bytes are never all held in memory;
    columns that repeat their values are read dictionary-encoded, as categoricals of strings.
    A Windows-1252 file's cells are read as bytes and made text column by column
    (``windows1252``), rather than the whole file transcoded on one thread first.
    Row numbers are those of the careful reader: a blank line still counts, and a quoted cell
    over two lines is one row, as in Excel. Returns None (the careful reader then takes over)
    for anything irregular: another encoding than UTF-8 or Windows-1252, null bytes, a line of
    spaces, a row of another width, trailing separators after the header.
    """
    with path.open("rb") as stream:
        head = stream.read(SNIFF_CHARS)
    encoding = _head_encoding(head)
    if encoding is None:
        return None
    text = head.decode("cp1252" if encoding == "cp1252" else "utf-8", errors="ignore").removeprefix("\ufeff")
    sep = sniff_separator(text)
    rows = list(csv.reader(io.StringIO("\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])), delimiter=sep))
    at = _header_index(rows, known_headers)
    if at is None or not rows[at] or not rows[at][-1].strip():
        return None
    header = rows[at]
    names = [f"c{i}" for i in range(len(header))]
    block = _block_size(path.stat().st_size)
    repeated = _repeated_columns(text, sep, at, len(header))

    def read(encoding: str, newlines_in_values: bool) -> pa.Table:
        cells = pa.large_binary() if encoding == "cp1252" else pa.large_string()  # Windows-1252: bytes, decoded later
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(skip_rows=at + 1, column_names=names, block_size=block, encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char='"', ignore_empty_lines=False,
                                             newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.dictionary(pa.int32(), cells) if again else cells
                              for name, again in zip(names, repeated, strict=True)},
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )

    table = None
    with ThreadPoolExecutor(1) as pool:
        scanning = pool.submit(_scan, path)  # the file is looked over while pyarrow reads
        try:
            try:
                table = read(encoding, False)
            except pa.ArrowInvalid as err:
                if encoding != "utf-8" or "UTF8" not in str(err):
                    raise
                encoding = "cp1252"  # not UTF-8 after all, past the first bytes
                table = read(encoding, False)
        except (pa.ArrowInvalid, UnicodeDecodeError):  # a row of another width, a byte Windows-1252 leaves
            pass  # undefined, a block ending inside a quoted cell
        scan = scanning.result()
    if scan.binary or (table is None and scan.lines is None):
        return None
    if table is None or (scan.lines is not None and at + 1 + table.num_rows != scan.lines):
        try:  # a quoted cell over two lines: blocks must then be cut between rows, not at any line end
            table = read(encoding, True)
        except (pa.ArrowInvalid, UnicodeDecodeError):
            return None
    columns = table.columns
    del table

    def trim(i: int) -> None:  # each column replaced by its trimmed copy at once, to hold one copy at a time
        columns[i] = _trimmed(columns[i], cp1252=encoding == "cp1252")

    try:
        column_wise(trim, range(len(columns)), cells=len(columns) * len(columns[0]))
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined
        return None
    table = pa.table(columns, names=names)
    columns.clear()
    index = pd.RangeIndex(at + 2, at + 2 + table.num_rows)
    blank = _blank_rows(table)
    if blank is not None:  # blank rows are dropped, row numbers kept
        index = index[~blank]
        table = table.filter(pa.array(~blank))
    frame = table.to_pandas(self_destruct=True)
    del table
    frame.columns = header
    frame.index = index
    return RawTable(frame=frame, encoding=encoding, separator=sep, header_row=at + 1)


def read_csv_text(text: str, label: str, known_headers: Iterable[str] = ()) -> tuple[pd.DataFrame, str, int]:
    """Cells of a CSV text as trimmed strings, indexed by file row number; returns the frame, separator, header row.

    A row with more or fewer cells than the header line makes the file unreadable (its cells
    would be read in the wrong columns); each such row is reported. Blank rows are dropped.
    """
    sep = sniff_separator(text)
    rows = _csv_rows(text, sep, label)
    at = _header_index(rows, known_headers)
    if at is None:
        raise _empty_file(label)
    header = rows[at]
    while header and not header[-1].strip() and all(len(r) < len(header) or not r[len(header) - 1].strip()
                                                    for r in rows[at + 1:]):
        header = header[:-1]  # trailing separators after the last column
    width = len(header)
    shown = "tabulation" if sep == "\t" else sep
    ragged = []
    body, numbers = [], []
    for number, row in enumerate(rows[at + 1:], start=at + 2):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) != width and (len(cells) < width or any(cells[width:])):
            # A quote left open makes the row where it opens as wide as the rows it swallowed allow.
            shapes = {_shape(r[0]) for r in rows[at + 1:at + 10_001] if r}
            left_open = [found for at, cell in enumerate(cells) if "\n" in cell or "\r" in cell
                         if (found := _open_quote(cell, sep, width, shapes, label, number,
                                                  header[at] if at < width else f"n° {at + 1}")) is not None]
            ragged.extend(left_open[:1] or [
                Problem(label, f"{width} colonnes séparées par « {shown} », comme la ligne d'en-tête",
                        row=number, value=f"{len(row)} colonnes")])
        body.append((cells + [""] * width)[:width])
        numbers.append(number)
    if ragged:
        raise UnreadableFile(ragged)
    return _string_frame(body, header, numbers), sep, at + 1


def _csv_rows(text: str, sep: str, label: str) -> list[list[str]]:
    """The rows of a CSV text, as lists of cells; a cell may be as long as the whole text.

    Python's ``csv`` module refuses a cell over ``csv.field_size_limit()`` characters (128 KiB by
    default): the limit is raised to the text's length first (only ever raised, the setting being
    the whole process's). Any other error of the module becomes a French problem at the row where
    it stopped (rows are counted as the careful reader counts them: a quoted cell over several lines
    is one row).
    """
    csv.field_size_limit(max(csv.field_size_limit(), min(len(text) + 1, FIELD_SIZE_MAX)))
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=False)
    try:
        rows.extend(reader)
    except csv.Error as err:
        shown = "tabulation" if sep == "\t" else sep
        message = str(err)
        if "field larger than field limit" in message:
            value = f"cellule de plus de {csv.field_size_limit():,} caractères".replace(",", " ")
        else:
            value = "ligne illisible par le lecteur CSV"
        raise UnreadableFile(Problem(
            label, f"un fichier CSV lisible (séparateur « {shown} ») : l’ouvrir dans Excel et l’enregistrer en "
                   "« CSV UTF-8 »", row=len(rows) + 1, value=value)) from err
    return rows


def _string_frame(body: list[list[str]], header: list[str], numbers: list[int]) -> pd.DataFrame:
    """Rows of cells as a frame of strings indexed by their file row numbers (blank rows left out before)."""
    frame = pd.DataFrame(body, columns=header, dtype=str) if body else pd.DataFrame(columns=header, dtype=str)
    frame.index = pd.Index(numbers, dtype="int64")
    return frame


def percent_format(number_format: str | None) -> bool:
    """True when an Excel number format shows its number as a percentage (``0%``, ``0.0 %``…).

    Excel multiplies by 100 for a ``%`` outside quotes (``0" %"`` shows the sign without it) and not
    escaped (``0\\%``).
    """
    if not number_format or "%" not in number_format:
        return False
    return "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)


def _percent_text(value: float) -> str:
    """A number as a percentage cell shows it: ``0.9`` -> ``90 %``, ``0.974`` -> ``97,4 %``."""
    shown = round(value * 100, 9)  # 0.974 * 100 is 97.39999999999999
    if float(shown).is_integer():
        return f"{int(shown)} %"
    return f"{shown!r} %".replace(".", ",")


def _cell_text(value: object, number_format: str | None = None) -> str:
    """An Excel cell as the text an analyst would type, or sees.

    A number formatted as a percentage is the percentage Excel shows, with its sign: a cell that
    holds 0.9 and shows 90 % is read ``90 %`` (a rate column then reads 90, not 0.9).
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and percent_format(number_format):
        return _percent_text(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _formula_text(value: object) -> str:
    text = getattr(value, "text", value)  # array formulas
    return str(text if text is not None else "")


def read_xlsx(path: Path, label: str, known_headers: Iterable[str]) -> RawTable:
    """Cells of the first sheet as strings, indexed by Excel row number.

    The header is the first row whose cells are mostly known headers, so title rows above
    the table are skipped (merged or not). Within the table, merged cells, formulas the file
    holds no computed value for, and Excel error values are reported, cell by cell. A number
    formatted as a percentage reads as the percentage shown (``90 %`` for 0.9, see ``_cell_text``).
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile(Problem(label, "un classeur Excel .xlsx lisible : l'ouvrir et l'enregistrer dans Excel",
                                     value="classeur illisible ou abîmé")) from err
    sheet = book.worksheets[0]
    formulas = {(c.row, c.column): _formula_text(c.value) for row in sheet.iter_rows() for c in row
                if c.data_type == "f"}
    merged = list(sheet.merged_cells.ranges)
    values = sheet
    if formulas:
        values = load_workbook(path, data_only=True).worksheets[0]
    rows = [[_cell_text(c.value, c.number_format) for c in row] for row in values.iter_rows()]
    at = _header_index(rows, known_headers)
    if at is None:
        raise UnreadableFile(Problem(label, "un fichier non vide avec une ligne d'en-tête", value="feuille vide"))
    header_row = at + 1
    header = rows[at]
    width = max((i + 1 for i, c in enumerate(header) if c), default=0)
    body, numbers = [], []
    for number, row in enumerate(rows[at + 1:], start=header_row + 1):
        cells = (row + [""] * width)[:width]
        if any(cells):
            body.append(cells)
            numbers.append(number)
    frame = _string_frame(body, header[:width], numbers)

    def column_name(col: int) -> str:
        name = header[col - 1] if col <= width else ""
        return name or f"colonne {get_column_letter(col)} (sans en-tête)"

    problems: list[Problem] = []
    reported: set[tuple[int, str]] = set()
    for span in sorted(merged, key=lambda s: (s.min_row, s.min_col)):
        if span.max_row < header_row:
            continue  # a title above the table
        column = column_name(span.min_col)
        problems.append(Problem(
            label, "une valeur dans chaque cellule : défusionner les cellules (Accueil > Fusionner et centrer) "
                   "et répéter la valeur sur chaque ligne",
            row=span.min_row, column=column, value=f"cellules fusionnées {span.coord}"))
        for r in range(span.min_row, span.max_row + 1):
            for c in range(span.min_col, span.max_col + 1):
                reported.add((r, column_name(c)))
                if r == header_row and c != span.min_col:
                    reported.add((r, "*"))  # a header lost in the merge
    for (r, c), formula in sorted(formulas.items()):
        if r < header_row:
            continue
        if rows[r - 1][c - 1] == "" and (r, column_name(c)) not in reported:
            problems.append(Problem(
                label, "une valeur : formule sans valeur calculée, ouvrir et enregistrer le fichier dans Excel "
                       "(ou remplacer la formule par sa valeur)",
                row=r, column=column_name(c), value=f"{formula} (formule sans valeur calculée)"))
            reported.add((r, column_name(c)))
    for r, row in enumerate(rows[at:], start=header_row):
        for c, text in enumerate(row[:width], start=1):
            if text in EXCEL_ERRORS and (r, column_name(c)) not in reported:
                problems.append(Problem(label, "une valeur : la formule de cette cellule renvoie une erreur Excel",
                                        row=r, column=column_name(c), value=text))
                reported.add((r, column_name(c)))
    return RawTable(frame=frame, encoding="xlsx", separator=None, header_row=header_row, problems=problems,
                    reported=reported)


def read_raw(path: Path, label: str, known_headers: Iterable[str]) -> RawTable:
    """Read a CSV or ``.xlsx`` export as trimmed strings; blank rows are dropped, row numbers kept.

    CSV files larger than ``FAST_PATH_CHARS`` are read by pyarrow when they are regular.
    """
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(SNIFF_CHARS)
    if not head or (size <= SNIFF_CHARS and head.isspace()):
        raise _empty_file(label)
    kind = file_kind(head)
    if path.suffix.lower() == ".xlsx":
        if kind is None or not kind.startswith("un classeur Excel .xlsx"):
            what = kind or "un fichier texte (CSV ?)"
            fix = "le renommer en .csv" if kind is None else "l'enregistrer au format .xlsx ou .csv"
            raise UnreadableFile(Problem(label, f"un classeur Excel .xlsx : {fix}", value=f"ce fichier est {what}"))
        raw = read_xlsx(path, label, known_headers)
    elif kind is not None:
        fix = "le nommer en .xlsx" if kind.startswith("un classeur Excel .xlsx") else (
            "l'enregistrer au format CSV (ou .xlsx)")
        raise UnreadableFile(Problem(label, f"un fichier texte CSV : {fix}", value=f"ce fichier est {kind}"))
    else:
        raw = read_regular_csv(path, label, known_headers) if size > FAST_PATH_CHARS else None
        if raw is None:
            data = path.read_bytes()
            if data.isspace():
                raise _empty_file(label)
            text, encoding = decode(data, label)
            frame, sep, header_row = read_csv_text(text, label, known_headers)
            raw = RawTable(frame=frame, encoding=encoding, separator=sep, header_row=header_row)
        left_open = open_quotes(raw.frame, raw.separator, label)
        if left_open:
            raise UnreadableFile(left_open)
    _drop_headerless_and_repeated(raw, label)
    return raw


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")


def cell_bytes(cells: pa.Array | pa.ChunkedArray) -> list[np.ndarray]:
    """The bytes of a string array's cells, end to end, one numpy view per chunk (no copy of a large string array).

    A reduction over them (their smallest or largest byte) tells about every cell at once, much
    faster than a search cell by cell.
    """
    views = []
    for chunk in cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]:
        chunk = chunk.cast(pa.large_string())
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64, count=len(chunk) + 1, offset=8 * chunk.offset)
        start, end = int(offsets[0]), int(offsets[-1])
        if end > start:
            views.append(np.frombuffer(chunk.buffers()[2], dtype=np.uint8, count=end - start, offset=start))
    return views


def _may_hold_line_breaks(cells: pa.Array | pa.ChunkedArray) -> bool:
    """False when no cell of a string array can hold a line break: its smallest byte is above ``\r``."""
    return any(int(view.min()) <= 0x0D for view in cell_bytes(cells))


def open_quotes(frame: pd.DataFrame, separator: str | None, label: str) -> list[Problem]:
    """Cells of a CSV that swallowed rows of the file: a quote opened at the start of a cell, never closed.

    A cell that starts with ``"`` runs, for a CSV reader, to the next ``"`` of the file, or to its
    end: a survey comment written ``"Très bien`` takes in every row below it, and 165 questionnaires
    become 99, with no row of the wrong width to tell. A cell may hold line breaks legitimately (a
    comment of several paragraphs, quoted by Excel); the rule that tells the two apart, on the
    cells' text alone (so that every reader, whatever its make, gives the same verdict):

        a cell is a quote left open when one of its lines after the first holds at least as many
        separators as a row of the file has (one fewer than the header's columns, and at least
        two) and starts with a value shaped like those of the file's first column (``Q-0012``,
        ``2022``: digits and letters in the same runs): such a line is a row of the file, read
        as text.

    Each such cell is reported at its row (the row where the quote opens) and column, with the
    beginning of its text and the count of lines it took in; the file is then unreadable, since
    its rows are not what the reader found. A quote that swallows only part of the next row (the
    next ``"`` of the file being on it) leaves that row's cells out of line: the row count or the
    cells' types tell then. ``.xlsx`` cells (``separator`` None) are not looked at.
    """
    if separator is None or frame.empty:
        return []
    width = len(frame.columns)
    first = frame.iloc[:, 0]
    shapes = {_shape(v) for v in pd.unique(first.head(10_000).astype("str"))}
    problems = []
    for i, header in enumerate(frame.columns):
        column = frame.iloc[:, i]
        if isinstance(column.dtype, pd.CategoricalDtype):
            distinct = pd.Series(column.cat.categories, dtype="str")
            if not _may_hold_line_breaks(pa.array(distinct, type=pa.large_string())):
                continue
            candidates = column[column.astype("str").str.contains("[\r\n]", regex=True)]
        else:
            if not _may_hold_line_breaks(pa.array(column.astype("str"), type=pa.large_string())):
                continue
            candidates = column[column.str.contains("[\r\n]", regex=True)]
        for row, cell in candidates.items():
            problem = _open_quote(str(cell), separator, width, shapes, label, int(row), str(header))
            if problem is not None:
                problems.append(problem)
    return sorted(problems, key=lambda p: p.row or 0)


def _shape(value: str) -> str:
    """A value's make-up: each run of digits a ``9``, each run of letters an ``a`` (``AG-0336`` -> ``a-9``)."""
    return _LETTERS.sub("a", _DIGITS.sub("9", value.strip().strip('"')))


def _open_quote(cell: str, separator: str, width: int, shapes: set[str], label: str, row: int,
                column: str) -> Problem | None:
    """The problem of a cell that holds whole rows of a file of ``width`` columns (see ``open_quotes``), or None."""
    lines = _LINE_BREAK.split(cell)
    if not any(line.count(separator) >= max(width - 1, 2) and _shape(line.split(separator, 1)[0]) in shapes
               for line in lines[1:]):
        return None
    start = lines[0] if len(lines[0]) <= 20 else lines[0][:20] + "…"
    return Problem(
        label, f"des guillemets refermés : la cellule commence par un guillemet « \" » qui n’est jamais refermé, et "
               f"les {len(lines) - 1} lignes suivantes du fichier y sont lues comme du texte au lieu de lignes du "
               "tableau ; retirer ce guillemet (pour le garder, mettre toute la cellule entre guillemets en le "
               f"doublant : « \"\"\"{start}\" »)",
        row=row, column=column, value='"' + lines[0])


def _drop_headerless_and_repeated(raw: RawTable, label: str) -> None:
    """Drop empty columns without a header; report filled ones, and repeated headers (the later copy is dropped)."""
    frame = raw.frame
    keep = []
    seen: set[str] = set()
    for i, header in enumerate(frame.columns):
        name = str(header).strip()
        cells = frame.iloc[:, i]
        if not normalize_header(name):
            if (cells != "").any() and (raw.header_row, "*") not in raw.reported:
                first = int(cells.index[(cells != "").to_numpy()][0])
                raw.problems.append(Problem(label, "un en-tête pour chaque colonne remplie", row=raw.header_row,
                                            column=name or f"n° {i + 1} (sans en-tête)",
                                            value=f"colonne sans en-tête, remplie dès la ligne {first}"))
            continue
        key = normalize_header(name)
        if key in seen:
            raw.problems.append(Problem(label, "chaque colonne une seule fois (la seconde est ignorée)",
                                        row=raw.header_row, column=name, value="colonne en double"))
            continue
        seen.add(key)
        keep.append(i)
    if len(keep) != len(frame.columns):
        raw.frame = frame.iloc[:, keep]
