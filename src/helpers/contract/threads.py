"""Column-wise work spread over the machine's cores.

pyarrow's compute functions, and the numpy and Arrow kernels under pandas, release the GIL,
so the columns of a large file can be trimmed and parsed by several threads at once. Small
tables stay on one thread: starting threads would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many cells in all, the work is done on the calling thread.
THREADED_MIN_CELLS = 200_000


def column_wise(work: Callable[[Item], Result], columns: Iterable[Item], cells: int | None = None) -> list[Result]:
    """``[work(c) for c in columns]``, in order, on one thread per core when the table is large.

    ``cells`` is the table's size (rows × columns), read from the columns' lengths when omitted.
    """
    columns = list(columns)
    if cells is None:
        cells = sum(len(c) for c in columns)  # type: ignore[arg-type]
    workers = min(os.cpu_count() or 1, len(columns))
    if workers < 2 or cells < THREADED_MIN_CELLS:
        return [work(c) for c in columns]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(work, columns))
