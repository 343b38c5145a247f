"""Complaints register: entries per kind, answers within the deadline (dashboard E 3.1), mean delay.

Method. Only the kinds that call for an answer count (``complaints.kinds_answered``:
réclamations and suggestions). A delay is the number of working days (Monday to Friday,
French public holidays excluded) from the day after receipt to the day of the answer
(``helpers.indicators.workdays``). Each channel has its deadline (``complaints.deadline_working_days``:
5 working days for e-mail, web form and platform, 10 for letters and the box).

- An answered entry is on time when its delay is at most its channel's deadline.
- An entry still pending (no answer date) counts as late if its deadline had passed on the
  register's closing date, 31 December of the year; otherwise it is left out of the rate.
- The mean delay is the mean of the answered entries' delays; pending ones are left out.
- An entry is pending at the closing date when it has no answer date or was answered after it.

Free text. The register's identity columns (name, e-mail, phone, address) are dropped at load;
its topic (``objet``), typed by an agent and sometimes copied from the user's letter, is read by
no function here: they return counts per kind, channel and service, and delays, never a text of
the register. A function that would show a topic must pass it through ``helpers.data.redaction.redact``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.data.contract.complaints import KINDS
from helpers.indicators.records import Indicator, rate
from helpers.indicators.workdays import working_days_between
from helpers.report.formatting import fmt_date, fmt_month, fmt_number, plural

SOURCE = "complaints"

# Indicator id and label of each kind of entry.
KIND_IDS = {"réclamation": ("reclamations", "Réclamations reçues"),
            "suggestion": ("suggestions", "Suggestions reçues"),
            "remerciement": ("remerciements", "Remerciements reçus")}


def closing_date(year: int) -> pd.Timestamp:
    """The register's closing date: 31 December of the year."""
    return pd.Timestamp(year=year, month=12, day=31)


def answer_delays(register: pd.DataFrame, settings: dict[str, Any], year: int) -> pd.DataFrame:
    """The entries of the answered kinds: their dates, ``deadline``, ``elapsed``, ``delay`` and ``on_time``.

    One row per entry, indexed as the register (by file row). ``delay`` is NA while pending.
    ``on_time`` is True/False for entries that count in the rate, NA for pending entries whose
    deadline had not passed at the closing date. ``elapsed`` is the working days from receipt to
    the answer, or to the closing date for a pending entry.
    """
    conf = settings["complaints"]
    kept = register["kind"].isin(conf["kinds_answered"]).to_numpy(dtype=bool)
    channels, names = pd.factorize(register["channel"])  # each channel's deadline looked up once
    deadlines = pd.array([conf["deadline_working_days"].get(name) for name in names] + [None], dtype="Int64")
    out = pd.DataFrame({"received": register["received"].to_numpy()[kept],
                        "answered": register["answered"].to_numpy()[kept]}, index=register.index[kept])
    out["deadline"] = deadlines.take(np.where(channels < 0, len(names), channels)[kept])
    until = out["answered"].fillna(closing_date(year))  # a pending entry is counted up to the closing date
    out["elapsed"] = working_days_between(out["received"], until, conf.get("holidays_country", "FR"))
    out["delay"] = out["elapsed"].where(out["answered"].notna())
    late = out["elapsed"] > out["deadline"]
    out["on_time"] = (~late).astype("boolean").where(out["delay"].notna() | late)
    return out


def answered_in_time(register: pd.DataFrame, settings: dict[str, Any], year: int) -> tuple[float | None, int, int]:
    """Rate (0-100) of entries answered within their deadline, with on-time count and entries counted."""
    return _on_time_rate(answer_delays(register, settings, year))


def _on_time_rate(delays: pd.DataFrame) -> tuple[float | None, int, int]:
    on_time = delays["on_time"].dropna().astype(bool)
    return rate(int(on_time.sum()), len(on_time)), int(on_time.sum()), len(on_time)


def mean_delay(register: pd.DataFrame, settings: dict[str, Any], year: int) -> tuple[float | None, int, int]:
    """Mean working-day delay of the answered entries, with the total of delays and entries answered."""
    return _mean_delay(answer_delays(register, settings, year))


def _mean_delay(answers: pd.DataFrame) -> tuple[float | None, int, int]:
    delays = answers["delay"].dropna()
    if delays.empty:
        return None, 0, 0
    return float(delays.mean()), int(delays.sum()), len(delays)


def pending(register: pd.DataFrame, settings: dict[str, Any], year: int) -> int:
    """Entries of the answered kinds still awaiting an answer at the closing date."""
    return _pending(register[register["kind"].isin(settings["complaints"]["kinds_answered"])], year)


def _pending(entries: pd.DataFrame, year: int) -> int:
    return int((entries["answered"].isna() | (entries["answered"] > closing_date(year))).sum())


def kind_counts(register: pd.DataFrame) -> pd.Series:
    """Number of entries of each kind (every kind of the contract, zero included)."""
    return register["kind"].value_counts().reindex(list(KINDS), fill_value=0).astype("int64")


def _counts_by(register: pd.DataFrame, column: str) -> pd.DataFrame:
    table = pd.crosstab(register[column], register["kind"]).reindex(columns=list(KINDS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.sort_values("total", ascending=False).rename_axis(columns=None).reset_index()


def counts_by_channel(register: pd.DataFrame) -> pd.DataFrame:
    """One row per channel: entries of each kind and their total."""
    return _counts_by(register, "channel")


def counts_by_service(register: pd.DataFrame) -> pd.DataFrame:
    """One row per service: entries of each kind and their total."""
    return _counts_by(register, "service")


def capitalised(text: str) -> str:
    """The text with its first letter in upper case, the rest as written (« plateforme SP+ » -> « Plateforme SP+ »)."""
    return text[:1].upper() + text[1:]


def channel_table(register: pd.DataFrame) -> pd.DataFrame:
    """``counts_by_channel`` with each channel's name capitalised, as the first column of a table shows it."""
    table = counts_by_channel(register)
    table["channel"] = table["channel"].map(capitalised)
    return table


def first_channels(register: pd.DataFrame) -> tuple[list[str], int]:
    """The channel(s) that received the most entries (several on a tie, alphabetical) and the entries of each."""
    totals = register["channel"].value_counts()
    if totals.empty:
        return [], 0
    most = int(totals.max())
    return sorted(str(c) for c in totals.index[totals == most]), most


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} et {words[-1]}"


def channel_finding(register: pd.DataFrame, entries: int) -> str:
    """The finding of the chart by channel, ``entries`` being the register's record of entries received.

    « 12 écrits sur 23 reçus par courriel, premier canal »; on a tie « courriel et courrier en tête
    à égalité : 2 écrits chacun sur 4 reçus ». Channel names as the register writes them.
    """
    channels, most = first_channels(register)
    if not channels:
        return "aucun écrit reçu"
    received = f"sur {plural(entries, 'reçu')}"
    if len(channels) == 1:
        return f"{plural(most, 'écrit')} {received} par {channels[0]}, premier canal"
    return f"{_and(channels)} en tête à égalité : {plural(most, 'écrit')} chacun {received}"


def months_of(dates: pd.Series, year: int) -> pd.DatetimeIndex:
    """The first days of the months of ``year``, widened to any date outside it (none is left out)."""
    found = dates.dropna()
    first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=1)
    if len(found):
        first = min(first, found.min().to_period("M").to_timestamp())
        last = max(last, found.max().to_period("M").to_timestamp())
    return pd.date_range(first, last, freq="MS")


def by_month(dates: pd.Series, groups: pd.Series, order: list[str], year: int) -> pd.DataFrame:
    """Entries per month (rows: first days of ``months_of``) and group (columns in ``order``, zeros kept)."""
    months = dates.dt.to_period("M").dt.to_timestamp()
    table = pd.crosstab(months, groups).reindex(index=months_of(dates, year), columns=order, fill_value=0)
    return table.rename_axis(index=None, columns=None).astype("int64")


def monthly_counts(register: pd.DataFrame, year: int) -> pd.DataFrame:
    """The register's entries per month of receipt and kind (every kind of the contract, zeros kept)."""
    return by_month(register["received"], register["kind"], list(KINDS), year)


def monthly_table(monthly: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A monthly count (``by_month``) as the report shows it: « Mois » in words, a column per group, « Total »."""
    out = monthly.rename(columns=names)
    out.insert(0, "Mois", [fmt_month(m) for m in monthly.index])
    out["Total"] = monthly.sum(axis=1).to_numpy()
    return out.reset_index(drop=True)


def monthly_finding(monthly: pd.DataFrame, year: int, noun: str, noun_plural: str | None = None) -> str:
    """The finding of a chart by month: the total and the busiest month(s).

    « 2022 : 23 écrits, 5 en mars, le mois le plus chargé »; on a tie « 2 en mars et en juin »;
    « 2022 : aucun écrit » when there is none.
    """
    totals = monthly.sum(axis=1)
    total = int(totals.sum())
    if total == 0:
        return f"{year} : aucun {noun}"
    most = int(totals.max())
    months = [fmt_date(m, "MMMM") for m in totals.index[totals == most]]
    when = " et ".join(f"en {m}" for m in months) if len(months) <= 2 else f"en {', '.join(months)}"
    busiest = "le mois le plus chargé" if len(months) == 1 else "les mois les plus chargés"
    return f"{year} : {plural(total, noun, noun_plural)}, dont {fmt_number(most)} {when}, {busiest}"


ANSWER_IDS = ("complaints_answered_in_time", "complaints_mean_delay")


def indicators(register: pd.DataFrame, settings: dict[str, Any], year: int) -> list[Indicator]:
    """The register's records: counts per kind, total, pending, on-time rate (E 3.1) and mean delay."""
    records = [Indicator("complaints", KIND_IDS[kind][0], KIND_IDS[kind][1], float(n), "nombre", decimals=0)
               for kind, n in kind_counts(register).items()]
    records.append(Indicator("complaints", "entries", "Écrits enregistrés au registre", float(len(register)),
                             "nombre", decimals=0))
    delays = answer_delays(register, settings, year)  # the entries of the answered kinds
    records.append(Indicator("complaints", "pending", "Réclamations et suggestions en attente de réponse au 31/12",
                             float(_pending(delays, year)), "nombre", decimals=0))
    value, on_time, counted = _on_time_rate(delays)
    records.append(Indicator("complaints", "complaints_answered_in_time",
                             "Taux de réponse aux suggestions et réclamations dans le délai", value, "%",
                             on_time, counted, decimals=0))
    delay, total, answered = _mean_delay(delays)
    records.append(Indicator("complaints", "complaints_mean_delay",
                             "Délai moyen de réponse aux suggestions et réclamations", delay, "jours",
                             total, answered, decimals=1))
    return records


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("complaints",)


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["complaints"], settings, year) if tables["complaints"] is not None else []
