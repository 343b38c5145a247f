"""Sample communication exports: website audience, social network connections, press sends.

- ``site_internet.csv``: the web analytics export (UTF-8, ``,``), one row per section plus the
  « Ensemble du site » row; in 2022 the total and the foreigners' section are the reference's.
- ``reseaux_sociaux.csv``: 12 months x (Twitter, Facebook), cp1252 ``;``; the yearly total is
  12 times the dashboard's connections per month of that year, so the mean is exact.
- ``presse.csv``: 12 months x 3 kinds of sends, cp1252 ``;``; monthly totals span the published
  range (its bounds reached) and average the published mean exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.contract.communication import PRESS, PRESS_KINDS, SOCIAL, WEBSITE, WHOLE_SITE
from helpers.data.sample.writers import write_csv
from helpers.report.formatting import round_half_up

FOREIGNERS_SECTION = "Démarches étrangers"
MINOR_SECTIONS = ("Actualités", "Élections", "Publications", "Agriculture")
NETWORK_SHARES = {"Facebook": 0.58, "Twitter": 0.42}
PRESS_KIND_SHARES = (0.55, 0.2, 0.25)  # communiqué, invitation presse, agenda public
EARLIER_SITE_SCALE = {2020: 0.78, 2021: 0.89}  # audience before 2022, relative to 2022's
EARLIER_PRESS_MEAN = {2020: 23.0, 2021: 19.5}


def split_exactly(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` that add up to ``total`` exactly (largest remainders)."""
    raw = total * np.asarray(weights, dtype=float) / np.sum(weights)
    parts = np.floor(raw).astype(int)
    parts[np.argsort(parts - raw)[: total - parts.sum()]] += 1
    return parts


def months(year: int) -> pd.DatetimeIndex:
    return pd.date_range(f"{year}-01-01", periods=12, freq="MS")


def website(year: int, rng: np.random.Generator, ref: dict[str, Any]) -> pd.DataFrame:
    """Unique visitors per section: the reference's figures in 2022, a smaller audience before."""
    site = ref["communication_2022"]["website"]
    total, foreigners = int(site["unique_visitors_year"]), int(site["foreigners_procedures_visitors"])
    if year != 2022:
        total = int(total * EARLIER_SITE_SCALE[year] * rng.uniform(0.97, 1.03))
        foreigners = int(total * rng.uniform(0.66, 0.72))
    # Other top pages, in the published order, then minor sections: decreasing shares of the site.
    sections = [name[:1].upper() + name[1:] for name in site["other_top_pages"]] + list(MINOR_SECTIONS)
    shares = np.sort(rng.uniform(0.015, 0.22, size=len(sections)))[::-1]
    rows = [(FOREIGNERS_SECTION, foreigners)] + [(s, int(total * f)) for s, f in zip(sections, shares, strict=False)]
    rows.append((WHOLE_SITE, total))
    return pd.DataFrame({"annee": year, "rubrique": [r[0] for r in rows], "visiteurs_uniques": [r[1] for r in rows]})


def social(year: int, rng: np.random.Generator, ref: dict[str, Any]) -> pd.DataFrame:
    """Connections per month and network; the year's total is 12 x the dashboard's monthly figure."""
    per_month = next(i for i in ref["quality_dashboard"]["indicators"] if i["id"] == "social_connections_per_month")
    total = int(round_half_up(per_month["values"][str(year)] * 12))
    seasonal = 1 + 0.25 * np.sin(np.arange(12) / 12 * 2 * np.pi - 1.2)  # summer peak (heat, drought alerts)
    monthly = split_exactly(total, seasonal * rng.lognormal(0, 0.2, size=12))
    rows = []
    for month, count in zip(months(year), monthly, strict=False):
        shares = np.array(list(NETWORK_SHARES.values())) * rng.uniform(0.85, 1.15, size=len(NETWORK_SHARES))
        for network, part in zip(NETWORK_SHARES, split_exactly(int(count), shares), strict=False):
            rows.append({"mois": month.strftime("%m/%Y"), "reseau": network, "connexions": int(part)})
    return pd.DataFrame(rows)


def monthly_press_totals(rng: np.random.Generator, low: int, high: int, mean: float) -> np.ndarray:
    """12 monthly totals within [low, high], reaching both bounds, whose mean is ``mean`` exactly."""
    total = int(round_half_up(mean * 12))
    if total != mean * 12 or not low + high + 10 * low <= total <= low + high + 10 * high:
        raise ValueError(f"no 12 whole months in [{low}, {high}] average {mean}")
    values = np.concatenate([[low, high], rng.integers(low, high + 1, size=10)])
    while values.sum() != total:  # nudge the ten free months one send at a time
        step = 1 if values.sum() < total else -1
        free = [i for i in range(2, 12) if low <= values[i] + step <= high]
        values[rng.choice(free)] += step
    return rng.permutation(values)


def press(year: int, rng: np.random.Generator, ref: dict[str, Any]) -> pd.DataFrame:
    """Sends per month and kind."""
    published = ref["communication_2022"]["press"]
    low, high = published["sends_per_month_range"]
    mean = published["sends_per_month_mean"] if year == 2022 else EARLIER_PRESS_MEAN[year]
    rows = []
    for month, count in zip(months(year), monthly_press_totals(rng, low, high, mean), strict=False):
        shares = np.array(PRESS_KIND_SHARES) * rng.uniform(0.7, 1.3, size=len(PRESS_KINDS))
        for kind, part in zip(PRESS_KINDS, split_exactly(int(count), shares), strict=False):
            rows.append({"mois": month.strftime("%m/%Y"), "type_envoi": kind, "envois": int(part)})
    return pd.DataFrame(rows)


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write the three communication files of the year."""
    return [
        write_csv(website(year, rng, ref), folder / f"{WEBSITE.stem}.csv", encoding="utf-8", sep=",", decimal="."),
        write_csv(social(year, rng, ref), folder / f"{SOCIAL.stem}.csv"),
        write_csv(press(year, rng, ref), folder / f"{PRESS.stem}.csv"),
    ]
