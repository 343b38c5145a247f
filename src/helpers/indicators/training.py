"""Staff training: agents trained per training, participations, distinct agents, tutoring.

A row of the ``training`` table is one training followed by one agent (pseudonymous id). The
slide's "54 agents formés" is the sum of its rows, i.e. the number of (agent, training)
participations; an agent trained twice counts twice there and once in ``agents_distinct``.
Trainings are grouped by their title regardless of case, accents and punctuation.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.contract.reading import normalize_header
from helpers.indicators.records import Indicator

SOURCE = "training"


def slug(title: str) -> str:
    """ASCII, lowercase, underscores: ``PAN : accueil du public`` -> ``pan_accueil_du_public``."""
    return normalize_header(title)


def participations(training: pd.DataFrame) -> int:
    """Number of (agent, training) pairs: the slide's total of agents trained."""
    keyed = training.assign(key=training["training"].map(slug))
    return int(len(keyed.drop_duplicates(["agent_id", "key"])))


def distinct_agents(training: pd.DataFrame) -> int:
    """Number of different agents who followed at least one training."""
    return int(training["agent_id"].nunique())


def trained_per_training(training: pd.DataFrame) -> pd.DataFrame:
    """One row per training (in order of first appearance): ``training`` title, ``slug``, ``agents``."""
    keyed = training.assign(slug=training["training"].map(slug))
    grouped = keyed.groupby("slug", sort=False)
    out = pd.DataFrame({"training": grouped["training"].first(), "agents": grouped["agent_id"].nunique()})
    return out.reset_index()[["training", "slug", "agents"]].astype({"agents": "int64"})


def display_title(title: str) -> str:
    """A training title as a reader sees it, first letter capitalised: ``webmestre`` -> ``Webmestre``."""
    return title[:1].upper() + title[1:]


def trained_by_year(by_year: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Agents trained per training (rows) and year (one column per year, in increasing order).

    Trainings are matched across years by their slug and listed in order of first appearance,
    earliest year first; ``training`` is the display title of the first spelling met. A training
    not given in a year is NA there (the slide's « - »), never 0.
    """
    years = sorted(by_year)
    per_year = {y: trained_per_training(by_year[y]).set_index("slug") for y in years}
    slugs: list[str] = []
    titles: dict[str, str] = {}
    for y in years:
        for key, title in per_year[y]["training"].items():
            if key not in titles:
                slugs.append(key)
                titles[key] = display_title(str(title))
    out = pd.DataFrame({"training": [titles[k] for k in slugs], "slug": slugs})
    for y in years:
        out[y] = per_year[y]["agents"].reindex(slugs).astype("Int64").array
    return out


def tutoring_count(training: pd.DataFrame) -> int | None:
    """Trainings received in tutoring, or None when the optional ``tutorat`` column is empty."""
    flags = training["tutoring"] if "tutoring" in training else pd.Series(dtype="boolean")
    if flags.isna().all():
        return None
    return int(flags.fillna(False).astype(bool).sum())


def indicators(training: pd.DataFrame) -> list[Indicator]:
    """The training records: totals, then one record per training (``trained_<slug>``)."""
    records = [
        Indicator(SOURCE, "agents_trained_total", "Agents formés (total des formations suivies)",
                  float(participations(training)), "nombre", decimals=0),
        Indicator(SOURCE, "agents_distinct", "Agents différents formés", float(distinct_agents(training)),
                  "nombre", decimals=0),
    ]
    for row in trained_per_training(training).itertuples():
        records.append(Indicator(SOURCE, f"trained_{row.slug}", display_title(row.training), float(row.agents),
                                 "nombre", decimals=0))
    tutored = tutoring_count(training)
    if tutored is not None:
        records.append(Indicator(SOURCE, "tutoring_total", "Formations reçues en tutorat", float(tutored), "nombre",
                                 decimals=0))
    return records
