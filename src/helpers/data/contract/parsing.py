"""Turning text cells into typed values the French way: decimal commas, dd/mm/yyyy dates, oui/non.

Each parser takes a Series of stripped strings ("" means an empty cell) and returns the typed
Series plus a boolean mask of the non-empty cells it could not read; ``expected`` says, cell by
cell, what to write instead. ``garbled`` finds text read in the wrong encoding (``Ã©`` for ``é``).

Numbers: thousands are separated by spaces only (``311 000``, non-breaking ones too). A point
or a comma is a decimal mark; in a column of whole numbers, one followed by exactly three digits
(``311.000``, ``71,000``) could be either, and is refused rather than read as 311 or 71. A number
with both a point and a comma (``1.234,5``), or the same one twice (``1.234.567``), is refused
with the figure to write instead (``1234,5`` or ``1 234,5``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.data.contract import fixed_width_dates
from helpers.data.contract.reading import cell_bytes, normalize_header
from helpers.data.parallel import row_wise

YES = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
NO = {"non", "n", "no", "0", "faux", "false"}
NOT_TRACKED = "non suivi"
NO_VALUE_MARKS = {"-", "_", "–", "—"}

_SPACES = re.compile(r"[\s\u00a0\u202f]")
# A whole number whose thousands are separated by one point or one comma: 311 or 311 000?
_AMBIGUOUS_THOUSANDS = r"^[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}$"
# Thousands grouped by points (or commas), then perhaps decimals after the other mark: "1.234,5", "1,234.5".
_GROUPED = re.compile(r"^(?P<sign>[+-]?)(?P<whole>[1-9]\d{0,2}(?:(?P<mark>[.,])\d{3})(?:(?P=mark)\d{3})*)"
                      r"(?:(?!(?P=mark))[.,](?P<decimals>\d+))?$")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y", "%d.%m.%Y")
_MONTH_FORMATS = ("%m/%Y", "%Y-%m", "%d/%m/%Y", "%Y-%m-%d")
# The zero-padded writing of each directive the formats use, for pyarrow's fast path.
_CANONICAL = {"%d": "(0[1-9]|[12][0-9]|3[01])", "%m": "(0[1-9]|1[0-2])", "%Y": "(19|2[01])[0-9][0-9]",
              "%H": "([01][0-9]|2[0-3])", "%M": "[0-5][0-9]", "%S": "[0-5][0-9]"}


Parser = Callable[[pd.Series], tuple[pd.Series, pd.Series]]
# Columns of at least this many cells, with at most one distinct value in ``DISTINCT_SHARE``, are
# parsed once per distinct value (a survey's notes, dates, counters, yes/no answers).
DISTINCT_MIN_ROWS = 10_000
DISTINCT_SHARE = 4
# Cells looked at to guess a large column's make-up: how repetitive it is, which date format it uses.
SAMPLE_CELLS = 1000


def _spread_sample(text: pd.Series, pieces: int = 10) -> pd.Series:
    """About ``SAMPLE_CELLS`` cells from all along a column, as a few runs (slices cost no copy)."""
    step, run = max(1, len(text) // pieces), max(1, SAMPLE_CELLS // pieces)
    return pd.concat([text.iloc[start:start + run] for start in range(0, max(len(text), 1), step)])


def _by_slices(parse: Parser, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``parse(text)`` by slices of rows, one per core."""
    parts = row_wise(parse, text)
    return pd.concat([values for values, _ in parts]), pd.concat([bad for _, bad in parts])


def per_distinct(parse: Parser, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``parse(text)``, computed once per distinct cell when a large column repeats its values.

    The parsers read each cell on its own, so the result is the same; only the work shrinks. A
    large column of mostly distinct cells is parsed instead by slices of rows, one per core. A
    categorical column (a large file's repetitive column, see ``reading``) has its categories parsed.
    """
    if isinstance(text.dtype, pd.CategoricalDtype):
        codes = text.cat.codes.to_numpy()
        if (codes < 0).any():  # a missing cell: not from a reader, whose cells are strings
            codes = np.where(codes < 0, len(text.cat.categories), codes)
            distinct = pd.Series([*text.cat.categories, ""], dtype="str")
        else:
            distinct = pd.Series(text.cat.categories, dtype="str")
        return _spread(parse(distinct), codes, text)
    if len(text) < DISTINCT_MIN_ROWS:
        return parse(text)
    sample = _spread_sample(text)
    if sample.nunique() * DISTINCT_SHARE > len(sample):  # mostly distinct (times of day): no grouping tried
        return _by_slices(parse, text)
    codes, distinct = pd.factorize(text)
    if len(distinct) * DISTINCT_SHARE > len(text):
        return _by_slices(parse, text)
    return _spread(parse(pd.Series(distinct, dtype=text.dtype)), codes, text)


def _spread(parsed: tuple[pd.Series, pd.Series], codes: np.ndarray, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The parse of each distinct cell put back in every row: ``codes`` gives each row's distinct cell."""
    values, bad = parsed
    return (pd.Series(_take(values.array, codes), index=text.index, name=text.name, copy=False),
            pd.Series(_take(bad.array, codes), index=text.index, name=text.name, copy=False))


_MASKED = (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)


def _take(array: pd.api.extensions.ExtensionArray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """``array.take(codes)`` for a few distinct values and a long column of codes.

    Numpy arrays, and nullable numbers and booleans (as their values and mask), are taken by
    numpy: pandas' own ``take`` checks the codes' bounds on every call, a pass over the column.
    """
    if isinstance(array, pd.arrays.NumpyExtensionArray):
        return array.to_numpy()[codes]
    if isinstance(array, _MASKED):
        values = array.to_numpy(dtype=array.dtype.numpy_dtype, na_value=array.dtype.numpy_dtype.type(0))
        return type(array)(values[codes], array.isna()[codes])
    return array.take(codes)


def _number_text(text: pd.Series) -> pd.Series:
    """``"1 234,5"`` -> ``"1234.5"``: thousands spaces removed, decimal comma made a point."""
    return text.str.replace(_SPACES, "", regex=True).str.replace(",", ".", regex=False)


def _plain_numbers(text: pd.Series) -> pd.Series | None:
    """The column as numbers when every non-empty cell is a plain number (pyarrow's fast cast), else None."""
    try:
        cells = pa.array(text, type=pa.string())
        cells = pc.if_else(pc.equal(cells, ""), pa.scalar(None, pa.string()), cells)
        numbers = pc.cast(cells, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    return pd.Series(numbers.to_numpy(zero_copy_only=False), index=text.index).astype("Float64")


def parse_text(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Free text as it is written; an empty cell is missing."""
    return text.where(text != "").astype("string"), pd.Series(False, index=text.index)


def parse_decimal(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Decimal numbers with a comma or a point; a trailing ``%`` is accepted."""
    plain = _plain_numbers(text)
    if plain is not None:
        return plain, pd.Series(False, index=text.index)
    # Plain numbers (most cells) are read at once; only the others are cleaned, then read.
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype("Float64")
    retry = (text != "") & values.isna()
    if retry.any():
        cleaned = _number_text(text[retry]).str.removesuffix("%")
        values[retry] = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce").astype("Float64")
    return values, (text != "") & values.isna()


def _matching(text: pd.Series, pattern: str) -> pd.Series:
    """True where a cell matches ``pattern`` (Arrow's regex engine, on the whole column at once)."""
    cells = pa.array(text.astype("str"), type=pa.large_string())
    found = pc.fill_null(pc.match_substring_regex(cells, pattern), False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=text.index, copy=False)


def ambiguous_thousands(text: pd.Series) -> pd.Series:
    """True where a whole number's thousands may be separated by a point or a comma (``311.000``)."""
    return _matching(text, _AMBIGUOUS_THOUSANDS)


def parse_integer(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers (``"481 520"``, ``"12"``; ``"12,0"`` is accepted, ``"12,5"`` is not).

    ``"311.000"`` and ``"71,000"`` are refused: a point or a comma followed by exactly three digits
    may separate thousands (311 000) or decimals (311), and reading either would risk a wrong figure.
    """
    values, bad = parse_decimal(text)
    whole = values.round() == values
    bad = bad | ((text != "") & ~whole.fillna(False)) | ambiguous_thousands(text)
    return values.where(~bad).round().astype("Int64"), bad


def _canonical_pattern(fmt: str) -> tuple[str, int | None]:
    """Regex of the zero-padded writing of a date format, and where its day of month starts (None without ``%d``)."""
    _width, starts, literals = fixed_width_dates.layout(fmt)
    pieces = {at: _CANONICAL[directive] for directive, at in starts.items()}
    pieces.update({at: re.escape(char) for at, char in literals.items()})
    return "^" + "".join(pieces[at] for at in sorted(pieces)) + "$", starts.get("%d")


def _written_in(cells: pa.Array, fmt: str) -> int:
    """How many cells are written exactly in ``fmt``, zero-padded."""
    return int(pc.sum(pc.match_substring_regex(cells, _canonical_pattern(fmt)[0])).as_py() or 0)


def _canonical_dates(cells: pa.Array | pa.ChunkedArray, fmt: str) -> np.ndarray:
    """Dates (``datetime64[ns]``, NaT elsewhere) of the cells written exactly in ``fmt``, zero-padded.

    pyarrow's ``strptime`` is fast but lenient (it reads 31/04 as 1 May); the pattern, whose years
    run from 1900 to 2199, and the check of the day leave it only the cells pandas reads the same way.
    Cells all of the format's width (a web-analytics export's times) are read from their bytes instead,
    by the same rule (``fixed_width_dates``).
    """
    width = fixed_width_dates.layout(fmt)[0]
    chunks = cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]
    matrices = [fixed_width_dates.cell_bytes(chunk, width) for chunk in chunks]
    if matrices and all(matrix is not None for matrix in matrices):
        dates, start = np.empty(len(cells), dtype="datetime64[ns]"), 0
        for matrix in matrices:
            dates[start:start + len(matrix)] = fixed_width_dates.read_dates(matrix, fmt)
            start += len(matrix)
        return dates
    return _arrow_dates(cells, fmt)


def _arrow_dates(cells: pa.Array | pa.ChunkedArray, fmt: str) -> np.ndarray:
    """``_canonical_dates`` by Arrow's kernels, for cells of any width."""
    pattern, day_at = _canonical_pattern(fmt)
    ok = pc.match_substring_regex(cells, pattern)
    parsed = pc.strptime(cells, format=fmt, unit="s", error_is_null=True)
    ok = pc.and_(ok, pc.is_valid(parsed))
    if day_at is not None:
        written = pc.cast(pc.if_else(ok, pc.utf8_slice_codeunits(cells, day_at, day_at + 2), "01"), pa.int64())
        ok = pc.and_(ok, pc.equal(pc.day(parsed), written))
    kept = pc.if_else(ok, parsed, pa.scalar(None, parsed.type)).cast(pa.timestamp("ns"))
    return kept.to_numpy(zero_copy_only=False).astype("datetime64[ns]")


def _in_bounds(dates: pd.Series) -> np.ndarray:
    """Dates as ``datetime64[ns]``; those out of its range (years before 1678 or after 2261) become NaT."""
    inside = dates.isna() | ((dates >= pd.Timestamp.min) & (dates <= pd.Timestamp.max))
    return dates.where(inside).astype("datetime64[ns]").to_numpy()


def _no_dates(length: int) -> np.ndarray:
    return np.full(length, np.datetime64("NaT"), dtype="datetime64[ns]")


def parse_dates(text: pd.Series, formats: tuple[str, ...] = _DATE_FORMATS) -> tuple[pd.Series, pd.Series]:
    """Dates written ``dd/mm/yyyy`` (or ISO ``yyyy-mm-dd``, with or without a time).

    Each cell takes the first format that reads it. Cells written zero-padded are read by Arrow,
    or from their bytes (no two formats read the same such cell, so their order does not matter
    there); the others (``1/2/2022``) and the bad ones are left to pandas, format by format.
    """
    values = None  # made by the first format that reads every cell, or else at the first cell read
    todo = (text != "").to_numpy(dtype=bool, copy=True)
    cells = pa.array(text.astype("str"), type=pa.large_string())
    sample = _spread_sample(text)
    sample = pa.array(sample[sample != ""].astype("str"), type=pa.large_string())
    for fmt in sorted(formats, key=lambda f: -_written_in(sample, f)):  # the file's own format first
        if not todo.any():
            break
        if todo.all() and values is None:  # every cell (the first format, most often): no positions to gather
            values = _canonical_dates(cells, fmt)
            todo &= np.isnat(values)
            continue
        values = _no_dates(len(text)) if values is None else values
        positions = np.flatnonzero(todo)
        found = _canonical_dates(cells.take(positions), fmt)
        hit = ~np.isnat(found)
        values[positions[hit]] = found[hit]
        todo[positions[hit]] = False
    values = _no_dates(len(text)) if values is None else values
    for fmt in formats:
        if not todo.any():
            break
        positions = np.flatnonzero(todo)
        found = _in_bounds(pd.to_datetime(text.iloc[positions], format=fmt, errors="coerce"))
        hit = ~np.isnat(found)
        values[positions[hit]] = found[hit]
        todo[positions[hit]] = False
    return pd.Series(values, index=text.index, copy=False), pd.Series(todo, index=text.index, copy=False)


def parse_month(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Months written ``mm/yyyy`` or ``yyyy-mm`` (a full date is taken as its month)."""
    values, bad = parse_dates(text, _MONTH_FORMATS)
    return values.dt.to_period("M").dt.to_timestamp().astype("datetime64[ns]"), bad  # as a date column


def parse_yesno(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``oui``/``non`` (and common spellings) as a nullable boolean."""
    key = text.str.lower()
    values = pd.Series(pd.NA, index=text.index, dtype="boolean")
    values[key.isin(YES)] = True
    values[key.isin(NO)] = False
    return values, (text != "") & values.isna()


def parse_category(text: pd.Series, allowed: list[str] | None) -> tuple[pd.Series, pd.Series]:
    """Text matched to its allowed spelling regardless of case and accents.

    Values that match nothing are kept as written, for the schema to report them.
    """
    values = text.where(text != "")
    if allowed:
        keys = [normalize_header(a) for a in allowed]
        # Only spellings that stay distinct once case, accents and punctuation are set aside.
        canonical = {k: a for k, a in zip(keys, allowed, strict=True) if k and keys.count(k) == 1}
        matched = text.map({value: canonical.get(normalize_header(value)) for value in text.unique()})
        values = matched.where(matched.notna(), values).where(text != "")
    return values.astype("string"), pd.Series(False, index=text.index)


def parse_dashboard_value(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A yearly cell of the dashboard: a number (``97,4``, ``97,4 %``, ``3,3 j``), ``non suivi``, or ``-``.

    Returns the text as a normalised string (``"97.4"``, ``"non suivi"``, ``"-"``, or NA when
    the cell is empty) so that "not tracked" and "no value" stay distinct from zero.
    """
    low = text.str.lower().str.strip()
    number = _number_text(low).str.replace(r"(%|jours?|j)$", "", regex=True)
    numeric = pd.to_numeric(number.where(number != ""), errors="coerce")
    out = pd.Series(pd.NA, index=text.index, dtype="string")
    out[numeric.notna()] = numeric[numeric.notna()].map(repr)
    out[low == NOT_TRACKED] = NOT_TRACKED
    out[low.isin(NO_VALUE_MARKS)] = "-"
    bad = (text != "") & out.isna()
    return out, bad


EXPECTED_BY_KIND = {
    "integer": "un nombre entier",
    "decimal": "un nombre (virgule décimale acceptée)",
    "date": "une date au format jj/mm/aaaa",
    "month": "un mois au format mm/aaaa",
    "yesno": "oui ou non",
    "dashboard_value": "un nombre, « non suivi » ou « - »",
}


def _french_number(value: float) -> str:
    """``1.5`` -> ``1,5``; ``311.0`` -> ``311``; thousands as they would be typed, with spaces."""
    whole, _, decimals = f"{abs(value):.10f}".rstrip("0").rstrip(".").partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return ("-" if value < 0 else "") + grouped + ("," + decimals if decimals else "")


def _thousands_expected(cell: str, kind: str) -> str | None:
    """What to write instead of a number whose thousands are separated by points or commas, or None."""
    found = _GROUPED.match(_SPACES.sub("", cell.removesuffix("%").strip()))
    if found is None:
        return None
    sign, decimals = found["sign"], found["decimals"]
    digits = sign + found["whole"].replace(found["mark"], "")
    if kind == "integer" and decimals is not None and decimals.strip("0"):
        return None  # not a whole number anyway
    plain = digits + ("," + decimals if decimals and kind != "integer" else "")
    spaced = _french_number(float(plain.replace(",", ".")))
    what = "un nombre entier" if kind == "integer" else "un nombre"
    read = ""
    if kind == "integer" and decimals is None and found["whole"].count(found["mark"]) == 1:
        as_decimal = _french_number(float(found["whole"].replace(",", ".")))
        read = f" : « {cell} » peut se lire {sign}{as_decimal} ou {spaced}"
    return (f"{what} sans point ni virgule entre les milliers{read} ; écrire {plain} ou {spaced}"
            + ("" if kind == "integer" else " (la virgule marque les décimales)"))


def expected(kind: str, cells: pd.Series) -> pd.Series:
    """What is expected instead of each cell (unreadable ones) of a column of ``kind``, in French.

    A number whose thousands are separated by points or commas gets the figure to write instead;
    any other cell, what its kind expects (``EXPECTED_BY_KIND``).
    """
    default = EXPECTED_BY_KIND.get(kind, "une valeur lisible")  # text and categories are always read
    if kind not in ("integer", "decimal", "dashboard_value"):
        return pd.Series(default, index=cells.index, dtype=object)
    return pd.Series([_thousands_expected(str(cell), kind) or default for cell in cells], index=cells.index,
                     dtype=object)


# --- text read in the wrong encoding ----------------------------------------------------------------


def _cp1252_char(byte: int) -> str:
    """The character Windows-1252 reads for a byte (Latin-1's, for the five bytes it leaves undefined)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_C1 = "".join(chr(b) for b in range(0x80, 0xA0))
# How a UTF-8 continuation byte (0x80-0xBF) reads in Windows-1252, or in Latin-1.
_CONTINUATION = "".join(dict.fromkeys([*(_cp1252_char(b) for b in range(0x80, 0xC0)), *_C1]))
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
# Latin-9 (ISO-8859-15) read as Windows-1252: the bytes of €, œ, Œ and Ÿ there read ¤, ½, ¼ and ¾.
_LATIN9 = {"¤": "€", "½": "œ", "¼": "Œ", "¾": "Ÿ"}
_LATIN1_SYMBOLS = "".join(chr(b) for b in range(0xA0, 0xC0))  # non-breaking space, « », °, ²…
# Text whose encoding was misread, in any of four ways:
# - the UTF-8 of a French character read as Windows-1252: ``Ã`` then a continuation byte (``Ã©`` for
#   é, ``Ã\xa0`` for à, or ``Ã`` ending the cell, its non-breaking space trimmed), ``Â`` then a Latin-1
#   symbol (``Â«`` for «, ``Â°`` for °), ``Å“`` for œ (and Œ, Š, Ÿ…), ``â€™`` for ’ (``â€``, ``â‚``…
#   then a continuation byte: ’ “ ” … – — and the narrow non-breaking space, ``â‚¬`` for €);
# - a Latin-9 (ISO-8859-15) ``€`` read as Windows-1252: ``¤``;
# - a Latin-9 ``œ`` read between letters as ``½`` (``c½ur``; ``¼`` and ``¾`` for Œ and Ÿ);
# - a C1 control character (U+0080-U+009F): a Windows-1252 byte read as Latin-1.
# None of these occur in French text written in UTF-8 or Windows-1252: the lead letters Ã and Å are
# not French, and Â and â are followed by letters there (tested with every French letter, œ, « », €, ’).
GARBLED = (f"Ã[{_CONTINUATION}]|Ã$|Â[{_LATIN1_SYMBOLS}]|Å[’“\xa0¡¸½¾]|â[€‚ƒ„\x81][{_CONTINUATION}]|¤"
           f"|[{_LETTER}][½¼¾][{_LETTER}]|[{_C1}]")
_GARBLED_RE = re.compile(GARBLED)


def _all_ascii(cells: pa.Array | pa.ChunkedArray) -> bool:
    """True when a string array holds only ASCII bytes: their largest is below 0x80."""
    return all(int(view.max()) < 0x80 for view in cell_bytes(cells))


def garbled(text: pd.Series) -> pd.Series:
    """The first garbled sequence (``GARBLED``) of each cell holding one, indexed by row; empty for clean text.

    A column of ASCII bytes only is passed at once; a categorical column has its categories looked at.
    """
    if isinstance(text.dtype, pd.CategoricalDtype):
        found = garbled(pd.Series(text.cat.categories, dtype="str"))
        if found.empty:
            return pd.Series([], dtype=object)
        codes = pd.Series(text.cat.codes.to_numpy(), index=text.index)
        rows = codes[codes.isin(found.index)]
        return pd.Series(found.loc[rows.to_numpy()].to_numpy(), index=rows.index, dtype=object)
    cells = pa.array(text.astype("str"), type=pa.large_string())
    if not len(cells) or _all_ascii(cells):
        return pd.Series([], dtype=object)
    hit = pc.fill_null(pc.match_substring_regex(cells, GARBLED), False).to_numpy(zero_copy_only=False)
    positions = np.flatnonzero(hit)
    return pd.Series([_sequence(_GARBLED_RE.search(str(text.iloc[i])).group()) for i in positions],
                     index=text.index[positions], dtype=object)


def _sequence(found: str) -> str:
    """The garbled part of a match: ``½`` of ``c½u`` (the letters around it only place it)."""
    return found[1] if len(found) == 3 and found[1] in _LATIN9 else found


def _as_bytes(sequence: str) -> bytes:
    return b"".join(ch.encode("cp1252") if ch not in _C1 else bytes([ord(ch)]) for ch in sequence)


def garbled_expected(sequence: str, encoding: str) -> str:
    """What to do about a garbled ``sequence`` (see ``GARBLED``) in a file read as ``encoding``, in French.

    ``encoding`` is the reader's (``utf-8``, ``utf-8-sig``, ``cp1252``, ``xlsx``): a CSV is to be saved
    again in UTF-8, a workbook's cell corrected.
    """
    fix = "corriger la cellule" if encoding == "xlsx" else "réenregistrer le fichier en « CSV UTF-8 »"
    if sequence in _LATIN9:
        return (f"un texte lisible : « {sequence} » est sans doute un « {_LATIN9[sequence]} » d’un fichier encodé en "
                f"ISO-8859-15 (Latin-9), lu ici en Windows-1252 ; {fix}")
    if sequence in _C1:
        meant = _cp1252_char(ord(sequence))
        return (f"un texte lisible : la cellule contient un caractère de contrôle invisible (U+{ord(sequence):04X}), "
                f"sans doute un « {meant} » mal converti ; {fix}")
    meant = "à" if sequence == "Ã" else _as_bytes(sequence).decode("utf-8", errors="replace")
    if encoding == "cp1252":
        why = "enregistré en UTF-8 dans un fichier lu en Windows-1252 (le fichier mêle deux encodages)"
    else:
        why = "mal converti (du texte UTF-8 lu en Windows-1252 avant d’être enregistré)"
    return f"un texte lisible : « {sequence} » est un « {meant} » {why} ; {fix}"


def excerpt(cell: str, sequence: str, width: int = 24) -> str:
    """The part of a long cell around ``sequence``, with « … » where it is cut."""
    at = cell.find(sequence)
    if len(cell) <= 2 * width + len(sequence) or at < 0:
        return cell
    start, end = max(0, at - width), min(len(cell), at + len(sequence) + width)
    return ("…" if start else "") + cell[start:end] + ("…" if end < len(cell) else "")
