"""Sample staff training records: the HR spreadsheet saved as a French Excel CSV (cp1252, ``;``).

One row per agent and training, agents named by a pseudonymous id only. The number of agents
per training comes from the reference (2021 and 2022; nothing was published for 2020, so no
file). Agents are drawn from a fixed staff list, so some appear in both years.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.contract.training import TRAINING
from helpers.data.sample.writers import write_csv

STAFF_SIZE = 150
# Share of the staff list per service (the Préfecture holds most reception agents).
SERVICE_SHARES = {"Préfecture": 0.70, "DDPP": 0.06, "DDT": 0.06, "DDETS": 0.06,
                  "Sous-préfecture de Montargis": 0.05, "Sous-préfecture de Pithiviers": 0.04, "SGC-D": 0.03}
TUTORED_TRAINING = "accueil physique et téléphonique"  # new reception agents are partly trained by tutoring


def staff() -> pd.DataFrame:
    """The fixed staff list: pseudonymous ``id_agent`` and ``service`` (same for every year)."""
    ids = [f"AG-{(k * 7919) % 10000:04d}" for k in range(1, STAFF_SIZE + 1)]
    bounds = np.cumsum(list(SERVICE_SHARES.values())) * STAFF_SIZE
    services = [list(SERVICE_SHARES)[int(np.searchsorted(bounds, k, side="right"))] for k in range(STAFF_SIZE)]
    return pd.DataFrame({"id_agent": ids, "service": services})


def session_dates(year: int, rng: np.random.Generator, sessions: int) -> list[pd.Timestamp]:
    """``sessions`` distinct working days of the year."""
    days = pd.bdate_range(f"{year}-01-10", f"{year}-12-15")
    return sorted(days[rng.choice(len(days), size=sessions, replace=False)])


def frame(year: int, rng: np.random.Generator, ref: dict[str, Any]) -> pd.DataFrame:
    """One row per (agent, training) of the year, ordered by date as an HR export is."""
    people = staff()
    rows = []
    for item in ref["staff_training"]["rows"]:
        count = item.get(str(year))
        if not count:
            continue
        chosen = people.iloc[rng.choice(len(people), size=int(count), replace=False)]
        dates = session_dates(year, rng, sessions=min(int(count), int(rng.integers(1, 4))))
        for agent in chosen.itertuples():
            rows.append({"id_agent": agent.id_agent, "service": agent.service, "formation": item["training"],
                         "date_formation": dates[int(rng.integers(len(dates)))],
                         "tutorat": item["training"] == TUTORED_TRAINING and rng.random() < 0.2})
    out = pd.DataFrame(rows, columns=[c.header for c in TRAINING.columns if not c.personal])
    out["date_formation"] = pd.to_datetime(out["date_formation"])
    return out.sort_values(["date_formation", "formation", "id_agent"], kind="stable").reset_index(drop=True)


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write ``formations.csv`` for a year with published figures; nothing otherwise."""
    data = frame(year, rng, ref)
    if data.empty:
        return []
    return [write_csv(data, folder / f"{TRAINING.stem}.csv")]
