"""Unique visitors per section counted from the raw page-view export, at load time.

The loader derives the ``web_visitors`` table from ``site_internet_pages_vues`` when only the raw
page views are provided; the indicators then read it like the exported table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.data.contract.communication import WHOLE_SITE
from helpers.data.parallel import factorize

# Largest sections × visitors grid of flags counted at once (bytes); beyond it, pairs are hashed.
SEEN_MATRIX_CELLS = 200_000_000


def visitors_from_hits(hits: pd.DataFrame, year: int) -> pd.DataFrame:
    """Unique visitors per section, and over the whole site, counted from the page views.

    ``hits`` has one row per page view with ``visitor_id`` and ``section``. The result has the
    shape of the validated ``web_visitors`` table (``year``, ``section``, ``visitors``): one row
    per section, most visited first, then the « Ensemble du site » row, where a visitor who viewed
    several sections counts once. A page view without a visitor id is not counted; one without a
    section counts in the whole site only. Vectorised: visitor ids (on every core) and sections are
    replaced by integer codes, and each (section, visitor) pair is counted once.
    """
    visitor, ids = factorize(hits["visitor_id"])
    section, names = pd.factorize(hits["section"], use_na_sentinel=True)
    visitors_count = len(ids)
    counted = (visitor >= 0) & (section >= 0)
    if len(names) * visitors_count <= SEEN_MATRIX_CELLS:  # one flag per (section, visitor): no hashing
        seen = np.zeros((len(names), visitors_count), dtype=bool)
        seen[section[counted], visitor[counted]] = True
        per_section = seen.sum(axis=1)
    else:
        pairs = pd.unique(section[counted].astype(np.int64) * visitors_count + visitor[counted])
        per_section = np.bincount(pairs // max(visitors_count, 1), minlength=len(names))
    out = pd.DataFrame({"section": pd.array(names, dtype="string"), "visitors": per_section.astype(np.int64)})
    out = out.sort_values(["visitors", "section"], ascending=[False, True], kind="stable")
    out = pd.concat([out, pd.DataFrame({"section": [WHOLE_SITE], "visitors": [visitors_count]})], ignore_index=True)
    return pd.DataFrame({
        "year": pd.array([year] * len(out), dtype="Int64"),
        "section": out["section"].astype("string"),
        "visitors": out["visitors"].astype("Int64"),
    })
