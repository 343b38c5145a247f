"""Sample complaints register: an ``.xlsx`` workbook with a title row, as the quality referent keeps it.

The register carries the users' identity columns the way real registers do; here they hold
obviously fictional values (``@exemple.invalid`` addresses, ``00 00`` numbers) and are
dropped at load. Counts per kind (2022) and the dashboard's E 3.1 figures of each year
(on-time rate and mean delay) are read from the reference; the generator searches delays and
dates that reproduce them through ``helpers.indicators.complaints``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.config.settings import load_settings
from helpers.data.sample.fitting import shows_as
from helpers.data.sample.writers import write_xlsx
from helpers.indicators.workdays import public_holidays, working_days_between

# Counts of years without published counts (2022's are read from the reference).
EARLIER_COUNTS = {2020: {"réclamation": 26, "suggestion": 6, "remerciement": 2},
                  2021: {"réclamation": 21, "suggestion": 5, "remerciement": 3}}
REFERENCE_KINDS = {"reclamations": "réclamation", "suggestions": "suggestion", "remerciements": "remerciement"}

# Channels and how often each is used, per year (the web channels grow).
CHANNEL_WEIGHTS = {
    2020: {"courrier": 5, "courriel": 4, "urne": 3, "formulaire web": 2, "plateforme SP+": 0},
    2021: {"courrier": 4, "courriel": 5, "urne": 2, "formulaire web": 3, "plateforme SP+": 0},
    2022: {"courrier": 3, "courriel": 6, "urne": 2, "formulaire web": 4, "plateforme SP+": 1},
}
WEEKEND_CHANNELS = ("courriel", "formulaire web", "plateforme SP+")
MAX_LATE_DELAY = 90  # working days

# (service, topic) per kind, without any personal data.
TOPICS = {
    "réclamation": (
        ("Préfecture", "Délai de traitement d'une demande de titre de séjour"),
        ("Préfecture", "Impossibilité de prendre rendez-vous en ligne pour un titre de séjour"),
        ("Préfecture", "Attente prolongée avant la remise d'un titre"),
        ("Préfecture", "Absence de réponse du standard téléphonique"),
        ("Préfecture", "Demande de certificat d'immatriculation bloquée"),
        ("Préfecture", "Signalétique insuffisante pendant les travaux"),
        ("Préfecture", "Demande restée sans réponse au service des étrangers"),
        ("Sous-préfecture de Montargis", "Horaires d'ouverture de l'accueil non respectés"),
        ("Sous-préfecture de Pithiviers", "Information erronée donnée au guichet"),
        ("DDT", "Délai d'instruction d'une demande d'aide agricole"),
        ("DDT", "Information incomplète sur les restrictions d'usage de l'eau"),
        ("DDPP", "Suite donnée à un signalement en matière d'hygiène alimentaire"),
        ("DDETS", "Difficulté à joindre le service par téléphone"),
        ("SGC-D", "Remboursement de frais non reçu"),
    ),
    "suggestion": (
        ("Préfecture", "Installer un distributeur de tickets pour la remise des titres"),
        ("Préfecture", "Proposer un guichet de renseignements sans rendez-vous"),
        ("Préfecture", "Ajouter un accès direct à un agent dans le serveur vocal"),
        ("Préfecture", "Afficher le temps d'attente estimé dans le hall"),
        ("DDT", "Publier une foire aux questions sur les démarches agricoles"),
        ("Sous-préfecture de Montargis", "Élargir les horaires du point d'accueil numérique"),
    ),
    "remerciement": (
        ("Préfecture", "Remerciements pour l'accompagnement au point d'accueil numérique"),
        ("Sous-préfecture de Pithiviers", "Remerciements pour la qualité de l'accueil"),
        ("DDPP", "Remerciements pour la rapidité de la réponse"),
    ),
}


def dashboard_value(ref: dict[str, Any], indicator: str, year: int) -> float:
    """A value of the quality dashboard published for the year."""
    row = next(r for r in ref["quality_dashboard"]["indicators"] if r["id"] == indicator)
    return float(row["values"][str(year)])


def year_counts(year: int, ref: dict[str, Any]) -> dict[str, int]:
    """Entries per kind: published for 2022, chosen for earlier years."""
    if year == 2022:
        return {REFERENCE_KINDS[k]: int(v) for k, v in ref["complaints_2022"]["counts"].items()}
    return EARLIER_COUNTS[year]


def split_on_time(n: int, target: float, rng: np.random.Generator, pending_choices: range) -> tuple[int, int]:
    """(pending not yet overdue, answered on time) so that the on-time rate rounds to ``target``."""
    for held in rng.permutation(np.array(pending_choices)):
        counted = n - int(held)
        hits = [k for k in range(counted + 1) if shows_as(100.0 * k / counted, target, 0)]
        if hits:
            return int(held), int(rng.choice(hits))
    raise RuntimeError(f"no split of {n} entries gives an on-time rate of {target}")


def fit_delays(deadlines: np.ndarray, on_time: np.ndarray, target: float,
               rng: np.random.Generator) -> np.ndarray:
    """Working-day delays within each entry's bounds (on time or late) whose mean rounds to ``target``."""
    low = np.where(on_time, 1, deadlines + 1)  # answered the next working day at the earliest
    high = np.where(on_time, deadlines, MAX_LATE_DELAY)
    delays = np.where(on_time, rng.integers(1, deadlines + 1), deadlines + 1 + rng.geometric(0.08, len(deadlines)))
    delays = np.clip(delays, low, high)
    n = len(delays)
    sums = [s for s in range(int(low.sum()), int(high.sum()) + 1) if shows_as(s / n, target, 1)]
    if not sums:
        raise RuntimeError(f"no delays give a mean of {target}")
    goal = min(sums, key=lambda s: abs(s - delays.sum()))
    while delays.sum() != goal:
        step = 1 if delays.sum() < goal else -1
        room = np.flatnonzero(delays < high) if step > 0 else np.flatnonzero(delays > low)
        delays[rng.choice(room)] += step
    return delays


def answer_date(received: pd.Timestamp, delay: int, hol: np.ndarray) -> pd.Timestamp:
    """The day that is ``delay`` working days after ``received`` (same day for 0)."""
    if delay == 0:
        return received
    start = np.datetime64(received.date()) + 1
    return pd.Timestamp(np.busday_offset(start, delay - 1, roll="forward", holidays=hol))


def receipt_day(year: int, channel: str, rng: np.random.Generator, hol: np.ndarray,
                last: pd.Timestamp) -> pd.Timestamp:
    """A day of receipt up to ``last``: any day for the web channels, a working day otherwise."""
    days = pd.date_range(pd.Timestamp(year=year, month=1, day=3), last)
    if channel not in WEEKEND_CHANNELS or rng.random() < 0.85:
        days = days[np.is_busday(days.values.astype("datetime64[D]"), holidays=hol)]
    return days[rng.integers(len(days))]


def register_rows(year: int, ref: dict[str, Any], rng: np.random.Generator,
                  settings: dict[str, Any]) -> pd.DataFrame:
    """The year's entries: kind, channel, service, topic, received and answered dates."""
    conf = settings["complaints"]
    hol = public_holidays(year, year + 1)
    closing = pd.Timestamp(year=year, month=12, day=31)
    counts = year_counts(year, ref)
    channels = CHANNEL_WEIGHTS[year]
    weights = np.array(list(channels.values()), dtype=float)
    answerable = sum(counts[k] for k in conf["kinds_answered"])
    held, on_time_n = split_on_time(answerable, dashboard_value(ref, "complaints_answered_in_time", year), rng,
                                    range(1, 4) if year == 2022 else range(0, 3))
    rows = []
    for kind, n in counts.items():
        for _ in range(n):
            service, topic = TOPICS[kind][rng.integers(len(TOPICS[kind]))]
            rows.append({"kind": kind, "service": service, "topic": topic,
                         "channel": rng.choice(list(channels), p=weights / weights.sum())})
    frame = pd.DataFrame(rows)
    asked = frame.index[frame["kind"].isin(conf["kinds_answered"])].to_numpy()
    asked = rng.permutation(asked)
    pending_idx, answered_idx = asked[:held], asked[held:]
    deadlines = frame.loc[answered_idx, "channel"].map(conf["deadline_working_days"]).to_numpy()
    on_time = np.arange(len(answered_idx)) < on_time_n
    delays = fit_delays(deadlines, rng.permutation(on_time), dashboard_value(ref, "complaints_mean_delay", year), rng)
    frame["received"], frame["answered"] = pd.NaT, pd.NaT
    for i, delay in zip(answered_idx, delays, strict=True):
        while True:
            received = receipt_day(year, frame.at[i, "channel"], rng, hol, closing - pd.Timedelta(days=20))
            answered = answer_date(received, int(delay), hol)
            if answered <= closing:
                break
        frame.loc[i, ["received", "answered"]] = [received, answered]
    for i in pending_idx:  # received in the last days of December, deadline not yet passed
        deadline = conf["deadline_working_days"][frame.at[i, "channel"]]
        days = pd.date_range(closing - pd.Timedelta(days=14), closing)
        elapsed = working_days_between(pd.Series(days), pd.Series(closing, index=range(len(days))))
        days = days[(elapsed <= deadline - 1).to_numpy() & np.is_busday(days.values.astype("datetime64[D]"),
                                                                        holidays=hol)]
        frame.at[i, "received"] = days[rng.integers(len(days))]
    for i in frame.index[~frame["kind"].isin(conf["kinds_answered"])]:  # thanks: acknowledged quickly
        received = receipt_day(year, frame.at[i, "channel"], rng, hol, closing - pd.Timedelta(days=20))
        frame.loc[i, ["received", "answered"]] = [received, answer_date(received, int(rng.integers(1, 6)), hol)]
    return frame.sort_values("received", kind="stable").reset_index(drop=True)


def register_frame(year: int, entries: pd.DataFrame) -> pd.DataFrame:
    """The register as the workbook holds it, with French headers and fictional identity columns."""
    n = len(entries)
    numbers = np.arange(1, n + 1)
    web = entries["channel"].isin(WEEKEND_CHANNELS)
    return pd.DataFrame({
        "id": [f"REC-{year}-{k:03d}" for k in numbers],
        "date_reception": pd.to_datetime(entries["received"]),
        "date_reponse": pd.to_datetime(entries["answered"]),
        "canal": entries["channel"],
        "nature": entries["kind"],
        "service": entries["service"],
        "objet": entries["topic"],
        "nom": ["FICTIF"] * n,
        "prenom": [f"Usager {k:03d}" for k in numbers],
        "courriel": [f"usager{k:03d}@exemple.invalid" if w else None for k, w in zip(numbers, web, strict=True)],
        "telephone": [f"00 00 00 {k // 100:02d} {k % 100:02d}" for k in numbers],
    })


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write the year's register (``registre_reclamations.xlsx``)."""
    entries = register_rows(year, ref, rng, load_settings())
    title = f"Registre des réclamations, suggestions et remerciements — année {year}"
    return [write_xlsx(register_frame(year, entries), folder / "registre_reclamations.xlsx", title=title,
                       sheet=f"Registre {year}")]
