"""Zero-padded dates read from the bytes of the cells, when every cell of a column has the same width.

A web-analytics export has millions of cells like ``01/01/2022 00:00:04``, nearly all distinct.
When every cell of an Arrow string array has the width of a format's zero-padded writing, the
array's bytes are a matrix with one row per cell, read here without a copy: each field is read
from its columns of digits, at numpy's speed. The rule is the one of ``parsing``'s strict path: a
cell is read only when it is written exactly in the format, zero-padded, with years from 1900 to
2199 and a day that exists in its month; anything else is left missing, for the general path.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

# Width and allowed range of each directive the formats use.
FIELDS = {"%d": (2, 1, 31), "%m": (2, 1, 12), "%Y": (4, 1900, 2199), "%H": (2, 0, 23), "%M": (2, 0, 59),
          "%S": (2, 0, 59)}


def layout(fmt: str) -> tuple[int, dict[str, int], dict[int, str]]:
    """Width of the zero-padded writing of ``fmt``, where each directive starts, and its literal characters."""
    width, starts, literals, i = 0, {}, {}, 0
    while i < len(fmt):
        if fmt[i] == "%":
            starts[fmt[i:i + 2]] = width
            width, i = width + FIELDS[fmt[i:i + 2]][0], i + 2
        else:
            literals[width] = fmt[i]
            width, i = width + 1, i + 1
    return width, starts, literals


def cell_bytes(cells: pa.Array, width: int) -> np.ndarray | None:
    """The cells as a ``(len(cells), width)`` matrix of bytes, without copy; None unless each has ``width`` bytes."""
    if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)) or cells.null_count:
        return None
    if not len(cells):
        return np.zeros((0, width), dtype=np.uint8)
    _validity, offsets, data = cells.buffers()
    offsets = np.frombuffer(offsets, dtype=np.int64 if pa.types.is_large_string(cells.type) else np.int32)
    offsets = offsets[cells.offset:cells.offset + len(cells) + 1]
    start = int(offsets[0])
    if int(offsets[-1]) - start != width * len(cells) or not (np.diff(offsets) == width).all():
        return None
    return np.frombuffer(data, dtype=np.uint8)[start:start + width * len(cells)].reshape(len(cells), width)


def _month_table(first_year: int, last_year: int) -> tuple[np.ndarray, np.ndarray]:
    """Day number (since 1970-01-01) of the first day of each month of the years, and the month's length."""
    months = np.arange((first_year - 1970) * 12, (last_year + 1 - 1970) * 12 + 1).astype("datetime64[M]")
    days = months.astype("datetime64[D]").astype(np.int64)
    return days[:-1], np.diff(days)


_FIRST_YEAR, _LAST_YEAR = FIELDS["%Y"][1:]
MONTH_FIRST_DAY, MONTH_DAYS = _month_table(_FIRST_YEAR, _LAST_YEAR)


def read_dates(matrix: np.ndarray, fmt: str) -> np.ndarray:
    """The dates (``datetime64[ns]``) of cells given by ``cell_bytes``, NaT where a cell is not a date in ``fmt``."""
    _width, starts, literals = layout(fmt)
    rows = len(matrix)
    ok = np.ones(rows, dtype=bool)
    for at, char in literals.items():
        ok &= matrix[:, at] == ord(char)
    values = {}
    for directive, at in starts.items():
        size, low, high = FIELDS[directive]
        value = np.zeros(rows, dtype=np.int64)
        for column in range(at, at + size):
            digit = matrix[:, column] - np.uint8(ord("0"))  # a byte that is not a digit wraps past 9
            ok &= digit <= 9
            value = value * 10 + digit
        ok &= (value >= low) & (value <= high)
        values[directive] = value
    month = np.where(ok, (values["%Y"] - _FIRST_YEAR) * 12 + values.get("%m", 1) - 1, 0)  # index in the tables
    day = values.get("%d", 1)
    ok &= day <= MONTH_DAYS[month]
    seconds = (MONTH_FIRST_DAY[month] + day - 1) * 86_400 + values.get("%H", 0) * 3600 + values.get("%M", 0) * 60
    seconds += values.get("%S", 0)
    nanoseconds = np.where(ok, seconds * 1_000_000_000, np.iinfo(np.int64).min)  # the smallest int64 is NaT
    return nanoseconds.view("datetime64[ns]")
