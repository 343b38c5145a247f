"""Communication: website audience per section, social network connections, press sends.

Shares of the website are computed from the counts and rounded half-up at one decimal
(a section's visitors over the whole site's), never copied from a slide. Monthly means divide by the number
of months present in the file, so a missing month is left out rather than counted as zero.
When only the raw page views are provided, ``helpers.data.page_views`` counts the visitors at load
time, in the shape of the ``site_internet`` table.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data.contract.communication import PRESS_KINDS, WHOLE_SITE
from helpers.indicators.records import Indicator, rate
from helpers.report.formatting import fmt_date

SOURCE = "communication"


def whole_site_visitors(web: pd.DataFrame) -> int:
    """Unique visitors of the whole site (the « Ensemble du site » row)."""
    return int(web.loc[web["section"] == WHOLE_SITE, "visitors"].iloc[0])


def section_visitors(web: pd.DataFrame) -> pd.DataFrame:
    """One row per section, most visited first: ``section``, ``visitors``, ``share`` (% of the whole site)."""
    total = whole_site_visitors(web)
    sections = web.loc[web["section"] != WHOLE_SITE, ["section", "visitors"]]
    sections = sections.sort_values("visitors", ascending=False, kind="stable").reset_index(drop=True)
    sections["visitors"] = sections["visitors"].astype("int64")
    sections["share"] = sections["visitors"].map(lambda v: rate(v, total)).astype("Float64")
    return sections


def monthly_connections(social: pd.DataFrame) -> pd.DataFrame:
    """Connections per month (rows) and network (columns), with a ``total`` column."""
    table = social.pivot_table(index="month", columns="network", values="connections", aggfunc="sum",
                               observed=True).astype("Int64")
    table.columns = list(table.columns)
    table["total"] = table.sum(axis=1)
    return table.sort_index()


def connections_per_month(social: pd.DataFrame) -> tuple[float | None, int, int]:
    """Mean connections per month: (mean, yearly total, months present)."""
    total, months = int(social["connections"].sum()), int(social["month"].nunique())
    return (total / months if months else None), total, months


def monthly_press(press: pd.DataFrame) -> pd.DataFrame:
    """Press sends per month (rows) and kind (columns, in the contract's order), with a ``total`` column."""
    table = press.pivot_table(index="month", columns="kind", values="sends", aggfunc="sum",
                              observed=True).fillna(0).astype("Int64")
    table = table[[k for k in PRESS_KINDS if k in table.columns] + [k for k in table.columns if k not in PRESS_KINDS]]
    table.columns = list(table.columns)
    table["total"] = table.sum(axis=1)
    return table.sort_index()


def month_label(month: pd.Timestamp) -> str:
    """A month as a table's first column shows it: ``2022-01-01`` -> ``Janvier 2022``."""
    text = fmt_date(month, "LLLL yyyy")
    return text[:1].upper() + text[1:]


def with_month_labels(monthly: pd.DataFrame) -> pd.DataFrame:
    """A table indexed by month (``monthly_connections``, ``monthly_press``) with its months as a first column.

    Column ``month`` holds ``month_label`` (« Janvier 2022 »), the other columns follow unchanged.
    """
    out = monthly.rename_axis("month").reset_index()
    out["month"] = out["month"].map(month_label)
    return out


def peak_month(monthly: pd.DataFrame) -> pd.Timestamp | None:
    """The month of the highest ``total`` (the first of them on a tie); None for an empty table."""
    if monthly.empty:
        return None
    return monthly["total"].astype("float64").idxmax()


def press_per_month(press: pd.DataFrame) -> tuple[float | None, int | None, int | None, int, int]:
    """Press sends per month: (mean, minimum, maximum, yearly total, months present).

    Mean, minimum and maximum are over the months present in the file (None without any).
    """
    per_month = monthly_press(press)["total"]
    total, months = int(per_month.sum()), len(per_month)
    if not months:
        return None, None, None, total, months
    return total / months, int(per_month.min()), int(per_month.max()), total, months


def _web_records(web: pd.DataFrame) -> list[Indicator]:
    total = whole_site_visitors(web)
    records = [Indicator(SOURCE, "unique_visitors_year", "Visiteurs uniques du site internet sur l'année",
                         float(total), "nombre", decimals=0)]
    sections = section_visitors(web)
    if sections.empty:
        return records
    section, visitors = str(sections.at[0, "section"]), int(sections.at[0, "visitors"])
    records += [
        Indicator(SOURCE, "top_section_visitors", f"Visiteurs uniques de la rubrique « {section} »",
                  float(visitors), "nombre", decimals=0),
        Indicator(SOURCE, "top_section_share", f"Part des visiteurs uniques consultant la rubrique « {section} »",
                  rate(visitors, total), "%", float(visitors), float(total), decimals=1),
    ]
    return records


def _social_records(social: pd.DataFrame) -> list[Indicator]:
    mean, total, months = connections_per_month(social)
    return [Indicator(SOURCE, "social_connections_per_month", "Nombre de connexions par mois sur les réseaux sociaux",
                      mean, "nombre", float(total), float(months), decimals=0)]


def _press_records(press: pd.DataFrame) -> list[Indicator]:
    mean, low, high, total, months = press_per_month(press)
    return [
        Indicator(SOURCE, "press_sends_year", "Envois à la presse sur l'année", float(total), "nombre", decimals=0),
        Indicator(SOURCE, "press_sends_per_month_mean", "Envois à la presse par mois (moyenne)",
                  mean, "nombre", float(total), float(months), decimals=1),
        Indicator(SOURCE, "press_sends_per_month_min", "Envois à la presse par mois (minimum)",
                  None if low is None else float(low), "nombre", decimals=0),
        Indicator(SOURCE, "press_sends_per_month_max", "Envois à la presse par mois (maximum)",
                  None if high is None else float(high), "nombre", decimals=0),
    ]


def indicators(web: pd.DataFrame | None = None, social: pd.DataFrame | None = None,
               press: pd.DataFrame | None = None) -> list[Indicator]:
    """The communication records of the tables provided (each file is optional)."""
    records: list[Indicator] = []
    if web is not None and (web["section"] == WHOLE_SITE).any():
        records += _web_records(web)
    if social is not None and not social.empty:
        records += _social_records(social)
    if press is not None and not press.empty:
        records += _press_records(press)
    return records


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("web_visitors", "social_networks", "press")


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["web_visitors"], tables["social_networks"], tables["press"])
