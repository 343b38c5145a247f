"""Staff training: agents trained per training, participations, distinct agents, tutoring.

A row of the ``training`` table is one training followed by one agent (pseudonymous id). The
slide's "54 agents formés" is the sum of its rows, i.e. the number of (agent, training)
participations; an agent trained twice counts twice there and once in ``agents_distinct``.
Trainings are grouped by their title regardless of case, accents and punctuation.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data.contract.reading import normalize_header
from helpers.indicators.records import Indicator

SOURCE = "training"

# Indicator ids of the per-training records are this prefix and the training's slug.
TRAINED_PREFIX = "trained_"
# The totals rows of the table by training and year: record id, row title.
TOTAL_ROWS = {"agents_trained_total": "Total des formations suivies", "agents_distinct": "Agents différents formés"}


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


def training_records(figures: pd.DataFrame) -> pd.DataFrame:
    """The per-training records among a year's records, the most followed first (ties in the records' order).

    ``figures`` is ``Results.of("training")`` (rows indexed by indicator): the ``trained_<slug>``
    rows, whose ``label`` is the training's display title and ``value`` its agents trained.
    """
    rows = figures[figures.index.str.startswith(TRAINED_PREFIX)]
    return rows.sort_values("value", ascending=False, kind="stable")


def by_year_table(table: pd.DataFrame) -> pd.DataFrame:
    """Agents trained per training (rows) and year (one column per year, increasing), then the totals rows.

    ``table`` is the tidy indicators table (``Results.table``): each year's ``trained_<slug>``
    records, matched across years by their id and listed in order of first appearance, earliest
    year first, under the title of the first year that has them; then the rows of ``TOTAL_ROWS``
    (the records ``agents_trained_total`` and ``agents_distinct`` of each year). A training not
    given in a year is NA there (the slide's « - »), never 0. Columns: ``training`` and the years.
    """
    rows = table[table["source"] == SOURCE]
    years = sorted(int(y) for y in rows["year"].unique())
    trained = rows[rows["indicator"].str.startswith(TRAINED_PREFIX)]
    titles: dict[str, str] = {}
    for year in years:  # the table keeps each year's records in their order of first appearance
        for indicator, label in trained.loc[trained["year"] == year, ["indicator", "label"]].itertuples(index=False):
            titles.setdefault(indicator, label)
    ids = [*titles, *TOTAL_ROWS]
    out = pd.DataFrame({"training": [*titles.values(), *TOTAL_ROWS.values()]})
    for year in years:
        values = rows[rows["year"] == year].set_index("indicator")["value"]
        out[year] = values.reindex(ids).round().astype("Int64").array
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


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("training",)


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["training"]) if tables["training"] is not None else []
