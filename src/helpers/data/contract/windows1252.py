"""Windows-1252 cells read by pyarrow as bytes, made UTF-8 text column by column.

Asked for a Windows-1252 file, pyarrow transcodes the whole file before parsing it, through
Python's codec on a single thread: about half of its read of a French Excel export. The fast
reader reads such a file's cells as bytes instead, and each column is made text on its own:
a column of ASCII bytes only (ids, numbers, dates, codes) is UTF-8 already and is taken as it
is; a dictionary-encoded column has only its distinct values decoded; the remaining columns'
bytes (free text with accents) are decoded by Python's codec, on the column's thread.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Bytes UTF-8 writes for a Windows-1252 byte of 0x80 and above, beyond the one byte it takes
# there: 2 for the typographic characters of 0x80-0x9F (€ is U+20AC), 1 for Latin-1's range.
_EXTRA = np.array([len(bytes([b]).decode("cp1252", errors="ignore").encode("utf-8")) - 1 for b in range(256)],
                  dtype=np.int64)


def decoded(array: pa.Array) -> pa.Array:
    """A (large) binary array of Windows-1252 cells as a large string array (a null stays null).

    Raises ``UnicodeDecodeError`` on a byte that Windows-1252 leaves undefined (0x81, 0x8D,
    0x8F, 0x90, 0x9D), as Python's codec does.
    """
    array = array.cast(pa.large_binary())
    if array.null_count:  # the reader's cells are never null; kept for any other caller
        return pc.if_else(array.is_valid(), decoded(array.fill_null(b"")), None)
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64, count=len(array) + 1, offset=8 * array.offset)
    start, end = int(offsets[0]), int(offsets[-1])
    cells = np.frombuffer(array.buffers()[2], dtype=np.uint8, count=end - start, offset=start) if end > start else (
        np.empty(0, dtype=np.uint8))
    if not len(cells) or cells.max() < 0x80:  # ASCII: already UTF-8
        return array.view(pa.large_string())
    high = np.flatnonzero(cells >= 0x80)
    text = cells.tobytes().decode("cp1252").encode("utf-8")
    # Each cell starts later by the extra bytes of the high bytes before it.
    extra = np.concatenate([[0], np.cumsum(_EXTRA[cells[high]])])
    shifted = offsets - start + extra[np.searchsorted(high, offsets - start)]
    return pa.LargeStringArray.from_buffers(len(array), pa.py_buffer(shifted), pa.py_buffer(text))
