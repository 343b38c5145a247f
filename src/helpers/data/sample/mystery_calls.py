"""Sample mystery calls: the evaluation grid and one result per call and item (French Excel CSV).

The calls fall on working days of the campaign window declared for the year. In 2022 the
number of calls and the three section rates are read from the reference and reproduced: the
generator searches which (call, item) cells are not met so that the project's own
``section_rates`` gives the published rates at the published precision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.sample.fitting import shows_as
from helpers.data.sample.generate import periods
from helpers.data.sample.writers import write_csv
from helpers.indicators.mystery_calls import MET, NOT_APPLICABLE, NOT_MET, SECTION_IDS
from helpers.indicators.workdays import public_holidays

# item_id, label, section, weight, how often the item fails (relative, drives which cells fail).
GRID = (
    ("SVI-1", "Message d'accueil du serveur vocal clair (nom du service, horaires)", "SVI", 4, 0.5),
    ("SVI-2", "Compréhension des choix proposés par le serveur vocal", "SVI", 6, 3.0),
    ("SVI-3", "Complétude du menu : la demande correspond à un choix proposé", "SVI", 6, 3.0),
    ("SVI-4", "Parcours court dans le serveur vocal (moins d'une minute)", "SVI", 4, 1.0),
    ("SVI-5", "Facilité à trouver à parler à un standardiste", "SVI", 5, 0.2),
    ("STD-1", "Temps d'attente adapté (décroché avant la 5e sonnerie)", "standard", 5, 0.1),
    ("STD-2", "Phrase d'accueil complète (bonjour, nom du service, nom de l'agent)", "standard", 4, 0.2),
    ("STD-3", "Agent courtois et disponible", "standard", 4, 0.1),
    ("STD-4", "Langage simple et compréhensible", "standard", 3, 0.1),
    ("STD-5", "Reformulation et bonne compréhension de la demande", "standard", 3, 1.5),
    ("STD-6", "Réponse dès le premier appel ou orientation vers le bon service", "standard", 4, 0.2),
    ("STD-7", "Formule de prise de congé", "standard", 2, 2.0),
    ("TRF-1", "Transfert annoncé à l'usager", "après transfert", 3, 1.0),
    ("TRF-2", "Temps d'attente après transfert adapté (moins d'une minute)", "après transfert", 4, 1.5),
    ("TRF-3", "Phrase d'accueil de l'interlocuteur après transfert", "après transfert", 3, 1.0),
    ("TRF-4", "Réponse complète et fiable à la question posée", "après transfert", 5, 0.8),
    ("TRF-5", "Formule de prise de congé après transfert", "après transfert", 2, 1.0),
)

# Line called and the service it reaches, with how often evaluators call it.
LINES = (
    ("Standard de la préfecture", "Préfecture", 6),
    ("Accueil téléphonique des étrangers (DMI)", "Préfecture", 3),
    ("Standard de la sous-préfecture de Montargis", "Sous-préfecture de Montargis", 2),
    ("Standard de la sous-préfecture de Pithiviers", "Sous-préfecture de Pithiviers", 2),
    ("Accueil téléphonique DDT", "DDT", 2),
    ("Accueil téléphonique DDPP", "DDPP", 2),
    ("Accueil téléphonique DDETS", "DDETS", 2),
)

# Calls of the years without a published figure, and how often items fail then.
EARLIER_CALLS = {2020: 16, 2021: 18}
EARLIER_FAILURE = {2020: 0.09, 2021: 0.06}
TRANSFER_SHARE = (0.5, 0.75)


def grid_frame() -> pd.DataFrame:
    """The grid as the analyst's file holds it (French headers)."""
    return pd.DataFrame([{"id_critere": i, "libelle": label, "partie": section, "poids": w}
                         for i, label, section, w, _p in GRID])


def call_dates(year: int, ref: dict[str, Any], n: int, rng: np.random.Generator) -> list[pd.Timestamp]:
    """``n`` working days of the window, first and last day of the window included when they are worked."""
    start, end = periods(year, ref)["appels_mysteres"]
    days = pd.bdate_range(start, end, freq="C", holidays=list(public_holidays(year, year)))
    if n > len(days):
        picked = np.sort(rng.choice(len(days), size=n, replace=True))
    else:
        middle = rng.choice(np.arange(1, len(days) - 1), size=n - 2, replace=False)
        picked = np.sort(np.concatenate([[0, len(days) - 1], middle]))
    return [days[i] for i in picked]


def calls_frame(year: int, ref: dict[str, Any], n: int, rng: np.random.Generator) -> pd.DataFrame:
    """One row per call: id, date, line, service, transferred (not yet scored)."""
    weights = np.array([w for *_x, w in LINES], dtype=float)
    lines = rng.choice(len(LINES), size=n, p=weights / weights.sum())
    return pd.DataFrame({
        "call_id": [f"AM{year}-{k:02d}" for k in range(1, n + 1)],
        "date": call_dates(year, ref, n, rng),
        "line": [LINES[i][0] for i in lines],
        "service": [LINES[i][1] for i in lines],
    })


def _cells(calls: pd.DataFrame, transferred: np.ndarray) -> pd.DataFrame:
    """Every (call, item) cell, "atteint" where it applies, "sans objet" after a missing transfer."""
    rows = []
    for k in range(len(calls)):
        for item_id, _label, section, weight, propensity in GRID:
            applies = section != "après transfert" or transferred[k]
            rows.append({"call": k, "item_id": item_id, "section": section, "weight": weight,
                         "propensity": propensity, "result": MET if applies else NOT_APPLICABLE})
    return pd.DataFrame(rows)


def deficits(possible: int, value: float, decimals: int) -> list[int]:
    """Points not met that give ``value`` (percent) once rounded half-up to ``decimals``."""
    return [d for d in range(possible + 1) if shows_as(100.0 * (possible - d) / possible, value, decimals)]


def pick_failures(cells: pd.DataFrame, points: int, rng: np.random.Generator, tries: int = 2000) -> pd.Index | None:
    """Cells whose weights add up to exactly ``points``, failing items drawn by their propensity."""
    if points == 0:
        return cells.index[:0]
    p = cells["propensity"].to_numpy() / cells["propensity"].sum()
    for _ in range(tries):
        order = rng.choice(len(cells), size=len(cells), replace=False, p=p)
        left, chosen = points, []
        for i in order:
            w = int(cells["weight"].iat[i])
            if w <= left:
                chosen.append(i)
                left -= w
            if left == 0:
                return cells.index[np.sort(chosen)]
    return None


def scored_2022(calls: pd.DataFrame, ref: dict[str, Any], rng: np.random.Generator) -> pd.DataFrame:
    """Cells of 2022 whose section rates reproduce the published ones."""
    targets = {r["id"]: r for r in ref["mystery_calls_2022"]["rates"]}
    n = len(calls)
    sizes = np.arange(int(n * TRANSFER_SHARE[0]), int(n * TRANSFER_SHARE[1]) + 1)
    for n_transferred in rng.permutation(sizes):
        transferred = np.zeros(n, dtype=bool)
        transferred[rng.choice(n, size=n_transferred, replace=False)] = True
        cells = _cells(calls, transferred)
        ok = True
        for section, ident in SECTION_IDS.items():
            part = cells[(cells["section"] == section) & (cells["result"] == MET)]
            target = targets[ident]
            options = deficits(int(part["weight"].sum()), float(target["value"]), int(target["decimals"]))
            failed = None
            for points in rng.permutation(options):
                failed = pick_failures(part, int(points), rng)
                if failed is not None:
                    break
            if failed is None:
                ok = False
                break
            cells.loc[failed, "result"] = NOT_MET
        if ok:
            return cells
    raise RuntimeError("no mystery-call results reproduce the published 2022 rates")


def scored_earlier(calls: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Cells of a year without a published figure: items fail at random, by their propensity."""
    n = len(calls)
    transferred = rng.random(n) < rng.uniform(*TRANSFER_SHARE)
    cells = _cells(calls, transferred)
    chance = np.clip(cells["propensity"] * EARLIER_FAILURE[year], 0, 0.9)
    fail = (cells["result"] == MET) & (rng.random(len(cells)) < chance)
    cells.loc[fail, "result"] = NOT_MET
    return cells


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write the grid and the results of the year's mystery calls."""
    n = int(ref["measurement_overview_2022"]["mystery_calls"]["calls"]) if year == 2022 else EARLIER_CALLS[year]
    calls = calls_frame(year, ref, n, rng)
    cells = scored_2022(calls, ref, rng) if year == 2022 else scored_earlier(calls, year, rng)
    results = cells.join(calls, on="call")
    results = pd.DataFrame({"id_appel": results["call_id"], "date_appel": results["date"],
                            "ligne_appelee": results["line"], "service": results["service"],
                            "id_critere": results["item_id"], "resultat": results["result"]})
    return [write_csv(grid_frame(), folder / "appels_mysteres_grille.csv"),
            write_csv(results, folder / "appels_mysteres_resultats.csv")]
