"""Work spread over the machine's cores: the columns of a large table, or the rows of a long column.

pyarrow's compute functions, and the numpy and Arrow kernels under pandas, release the GIL,
so several threads do run at once. Small inputs stay on one thread: starting threads would
cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many cells in all, the work is done on the calling thread.
THREADED_MIN_CELLS = 200_000


def workers() -> int:
    """Threads to use: one per core."""
    return os.cpu_count() or 1


def column_wise(work: Callable[[Item], Result], columns: Iterable[Item], cells: int | None = None) -> list[Result]:
    """``[work(c) for c in columns]``, in order, on one thread per core when the table is large.

    ``cells`` is the table's size (rows × columns), read from the columns' lengths when omitted.
    """
    columns = list(columns)
    if cells is None:
        cells = sum(len(c) for c in columns)  # type: ignore[arg-type]
    count = min(workers(), len(columns))
    if count < 2 or cells < THREADED_MIN_CELLS:
        return [work(c) for c in columns]
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(work, columns))


def row_slices(length: int) -> list[slice]:
    """The rows of a long column cut into one slice per core (a single slice when it is short)."""
    count = workers() if length >= THREADED_MIN_CELLS else 1
    step = -(-length // count) if length else 1
    return [slice(start, min(start + step, length)) for start in range(0, max(length, 1), step)]


def row_wise(work: Callable[[pd.Series], Result], column: pd.Series) -> list[Result]:
    """``work`` on consecutive slices of a long column, one per core; a single call when it is short."""
    return column_wise(lambda part: work(column.iloc[part]), row_slices(len(column)), cells=len(column))


def _one_chunk(part: pd.Series) -> pa.Array:
    """A slice of a text column as one Arrow array (a chunked one would get a dictionary per chunk)."""
    cells = pa.array(part, type=pa.large_string())
    return cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells


def factorize(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Like ``pd.factorize`` (codes, then the distinct values; -1 for a missing cell), on every core.

    Each slice of rows is dictionary-encoded by Arrow on its own thread; the dictionaries are
    then unified, so a value has one code over the whole column. Codes follow the order in
    which the values first appear, as ``pd.factorize``'s do.
    """
    if not len(column):
        return np.array([], dtype=np.int64), pd.Index([], dtype="string")
    parts = row_wise(lambda part: pc.dictionary_encode(_one_chunk(part)), column)
    chunks = [chunk for part in parts for chunk in (part.chunks if isinstance(part, pa.ChunkedArray) else [part])]
    unified = pa.chunked_array(chunks, type=chunks[0].type).unify_dictionaries()
    codes = np.concatenate([pc.fill_null(chunk.indices, -1).to_numpy().astype(np.int64) for chunk in unified.chunks])
    return codes, pd.Index(unified.chunks[0].dictionary.to_pandas(), dtype="string")
