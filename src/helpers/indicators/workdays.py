"""Working days in France: Monday to Friday, public holidays excluded (``holidays`` package)."""

from __future__ import annotations

from functools import lru_cache

import holidays
import numpy as np
import pandas as pd


@lru_cache(maxsize=16)
def public_holidays(first_year: int, last_year: int, country: str = "FR") -> np.ndarray:
    """French public holidays of the years, as ``datetime64[D]`` for numpy's business-day functions."""
    days = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


def working_days_between(start: pd.Series, end: pd.Series, country: str = "FR") -> pd.Series:
    """Working days from ``start`` (excluded) to ``end`` (included); NA where either is missing.

    Received on Friday and answered on Monday is 1 working day; answered the same day is 0.
    """
    s = start.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    e = end.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    missing = np.isnat(s) | np.isnat(e)
    counts = np.zeros(len(s), dtype=np.int64)
    if not missing.all():
        if missing.any():
            s, e = s[~missing], e[~missing]
        first, last = (pd.Timestamp(day).year for day in (min(s.min(), e.min()), max(s.max(), e.max())))
        # busday_count counts [a, b): shift both ends by one day to count (start, end].
        found = np.busday_count(s + 1, e + 1, holidays=public_holidays(first, last + 1, country))
        counts[~missing] = found
    return pd.Series(pd.arrays.IntegerArray(counts, missing), index=start.index)
