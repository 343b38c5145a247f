"""Satisfaction survey: rates of satisfied and very satisfied users per criterion, yes/no items.

Which scores count as satisfied (``survey.satisfied_min_score``) or very satisfied
(``survey.very_satisfied_min_score``), and how counters are combined (``combine_scores``,
``combine_yes_no``: ``counter_mean`` or ``pooled``) are settings. Empty cells (no answer) are
left out of every rate.

Free-text comments reach the report only through ``verbatims``: a few per kind and counter, chosen
in file order, always masked by ``helpers.data.redaction.redact``; none at all when the setting
``survey.quote_comments`` is false (quoting is opt-in), and none of a counter with fewer
questionnaires than ``survey.min_answers_for_verbatims`` (the scope's total is not enough: a
small counter's comment could point to the user who wrote it).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.data.contract.survey import CRITERIA, YES_NO_ITEMS
from helpers.data.parallel import column_wise
from helpers.data.redaction import redact_series
from helpers.indicators.records import Indicator, rate, target_from

SOURCE = "survey"

# Indicator ids of the criteria's satisfied rates and of the yes/no items, in questionnaire order.
CRITERION_IDS: tuple[str, ...] = tuple(field for field, _header, _label in CRITERIA)
YES_NO_IDS: tuple[str, ...] = tuple(field for field, _header, _label in YES_NO_ITEMS)

# Kinds of comment quoted in the report, in their order: (id, label shown, comment kinds). The
# praise kinds are the setting ``survey.praise_comment_kinds``.
VERBATIM_KINDS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("praise", "Félicitations ou amélioration ressentie", None),
    ("criticism", "Critique", ("critique",)),
    ("suggestion", "Suggestion", ("suggestion",)),
)
VERBATIM_COLUMNS = ["kind", "counter", "comment"]


def combined_rate(hit: pd.Series, group: pd.Series, how: str) -> tuple[float | None, int, int]:
    """Rate (0-100) of True among answered cells, combined over groups; with the pooled counts.

    ``hit`` is a nullable boolean (NA = no answer). ``how="pooled"``: hits / answers.
    ``how="counter_mean"``: the rate of each group that has answers, averaged with equal weight.
    """
    codes, groups = group_codes(group)
    tally = _tally(codes, groups, hit.notna().to_numpy(dtype=bool), [_flags(hit)])
    return _rate_of(tally[:, 1], tally.sum(axis=1), how)


def group_codes(group: pd.Series) -> tuple[np.ndarray, int]:
    """Integer code of each row's group (groups in sorted order), and the number of codes.

    A categorical's own codes are used. A row without a group gets a code of its own, after the others.
    """
    if isinstance(group.dtype, pd.CategoricalDtype):
        codes, groups = group.cat.codes.to_numpy().astype(np.intp), len(group.cat.categories)
    else:
        codes, labels = pd.factorize(group, sort=True)
        codes, groups = codes.astype(np.intp, copy=False), len(labels)
    if (codes < 0).any():
        codes, groups = np.where(codes < 0, groups, codes), groups + 1
    return codes, groups


def _tally(codes: np.ndarray, groups: int, answered: np.ndarray, flags: list[np.ndarray]) -> np.ndarray:
    """Answered rows counted per group and per combination of ``flags``: shape ``(groups, 2 ** len(flags))``.

    Column ``j`` counts the rows whose flag ``i`` is set exactly where bit ``i`` of ``j`` is. One
    ``bincount`` over the rows, however many flags; unanswered rows go to a slot dropped at the end.
    """
    width = 1 << len(flags)
    key = codes * width
    for bit, flag in enumerate(flags):  # in place: the only row-long array made here is ``key``
        np.add(key, flag.view(np.uint8) << bit if bit else flag, out=key)
    np.putmask(key, ~answered, groups * width)
    return np.bincount(key, minlength=groups * width + 1)[:groups * width].reshape(groups, width)


def _flags(values: pd.Series) -> np.ndarray:
    """A nullable boolean column as a numpy one, False where it is NA (one byte per row)."""
    return values.to_numpy(dtype=bool, na_value=False)


def _rate_of(hits: np.ndarray, answers: np.ndarray, how: str) -> tuple[float | None, int, int]:
    """``combined_rate`` from the hits and answers of each group (see there)."""
    n_hits, n_answers = int(hits.sum()), int(answers.sum())
    if n_answers == 0:
        return None, 0, 0
    if how == "pooled":
        return rate(n_hits, n_answers), n_hits, n_answers
    if how == "counter_mean":
        seen = answers > 0
        return 100.0 * float(pd.Series(hits[seen] / answers[seen]).mean()), n_hits, n_answers
    raise ValueError(f"unknown combination method: {how!r} (expected counter_mean or pooled)")


def counters(survey: pd.DataFrame) -> pd.Series:
    """The counter of each questionnaire as a categorical, to group many rates by it at little cost."""
    return survey["counter"].astype("category")


def score_flags(scores: pd.Series, min_score: int) -> pd.Series:
    """True where the score is at least ``min_score``, NA where there is no answer."""
    return (scores >= min_score).astype("boolean").where(scores.notna())


def satisfaction_rates(survey: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """One row per criterion: satisfied and very satisfied rates, with pooled counts.

    Each criterion's scores are compared with both thresholds and tallied per counter in one pass
    (criteria on every core); a row is "satisfied" exactly where ``score_flags`` would say True.
    """
    return _satisfaction_rates(survey, settings, *group_codes(counters(survey)))


def _satisfaction_rates(survey: pd.DataFrame, settings: dict[str, Any], codes: np.ndarray,
                        groups: int) -> pd.DataFrame:
    conf = settings["survey"]
    how = conf["combine_scores"]

    def rates(criterion: tuple[str, str, str]) -> dict[str, Any]:
        field, _header, label = criterion
        scores = survey[field]
        flags = [_flags(scores >= conf["satisfied_min_score"]), _flags(scores >= conf["very_satisfied_min_score"])]
        tally = _tally(codes, groups, scores.notna().to_numpy(dtype=bool), flags)
        answers = tally.sum(axis=1)
        sat, n_sat, n = _rate_of(tally[:, 1] + tally[:, 3], answers, how)
        very, n_very, _ = _rate_of(tally[:, 2] + tally[:, 3], answers, how)
        return {"criterion": field, "label": label, "satisfied_rate": sat, "very_satisfied_rate": very,
                "satisfied": n_sat, "very_satisfied": n_very, "answers": n}

    return pd.DataFrame(column_wise(rates, CRITERIA, cells=len(survey) * len(CRITERIA)))


def counter_satisfaction(survey: pd.DataFrame, settings: dict[str, Any], field: str = "overall") -> pd.DataFrame:
    """Satisfied rate of one criterion per counter (the strengths and weaknesses of each service)."""
    flags = score_flags(survey[field], settings["survey"]["satisfied_min_score"])
    answered = flags.notna()
    grouped = flags[answered].astype(bool).groupby(survey.loc[answered, "counter"], observed=True)
    out = grouped.agg(["sum", "count"]).rename(columns={"sum": "satisfied", "count": "answers"})
    out["satisfied_rate"] = 100.0 * out["satisfied"] / out["answers"]
    return out.reset_index()


def counter_table(survey: pd.DataFrame, settings: dict[str, Any], field: str = "overall") -> pd.DataFrame:
    """``counter_satisfaction`` with each counter's service (``counters`` of the settings, empty if unknown).

    Columns: ``counter, service, satisfied, answers, satisfied_rate``, counters in sorted order.
    """
    out = counter_satisfaction(survey, settings, field)
    out.insert(1, "service", out["counter"].map(settings["counters"]))
    return out


def criterion_records(figures: pd.DataFrame) -> pd.DataFrame:
    """The criteria's satisfied-rate records among a year's survey records, in questionnaire order.

    ``figures`` is ``Results.of("survey")`` (rows indexed by indicator); the very-satisfied rates,
    the yes/no items and the counters' praise shares are left out.
    """
    return figures.loc[[i for i in CRITERION_IDS if i in figures.index]]


def yes_no_records(figures: pd.DataFrame) -> pd.DataFrame:
    """The yes/no items' records (share of « oui ») among a year's survey records, in questionnaire order."""
    return figures.loc[[i for i in YES_NO_IDS if i in figures.index]]


def yes_no_rates(survey: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """One row per yes/no item: share of "oui" among the answers."""
    return _yes_no_rates(survey, settings, *group_codes(counters(survey)))


def _yes_no_rates(survey: pd.DataFrame, settings: dict[str, Any], codes: np.ndarray, groups: int) -> pd.DataFrame:
    how = settings["survey"]["combine_yes_no"]

    def rates(item: tuple[str, str, str]) -> dict[str, Any]:
        field, _header, label = item
        answers = survey[field]
        tally = _tally(codes, groups, answers.notna().to_numpy(dtype=bool), [_flags(answers)])
        value, yes, n = _rate_of(tally[:, 1], tally.sum(axis=1), how)
        return {"item": field, "label": label, "rate": value, "yes": yes, "answers": n}

    return pd.DataFrame(column_wise(rates, YES_NO_ITEMS, cells=len(survey) * len(YES_NO_ITEMS)))


def praise_share(survey: pd.DataFrame, settings: dict[str, Any], counter: str) -> tuple[float | None, int, int]:
    """Share of a counter's questionnaires whose comment is praise or a felt improvement."""
    return praise_shares(survey, settings).get(counter, (None, 0, 0))


def praise_shares(survey: pd.DataFrame, settings: dict[str, Any]) -> dict[str, tuple[float | None, int, int]]:
    """``praise_share`` of every counter of the survey, in sorted order."""
    counter = counters(survey)
    return _praise_shares(survey, settings, counter.cat.categories, *group_codes(counter))


def _praise_shares(survey: pd.DataFrame, settings: dict[str, Any], labels: pd.Index, codes: np.ndarray,
                   groups: int) -> dict[str, tuple[float | None, int, int]]:
    praise = survey["comment_kind"].isin(settings["survey"]["praise_comment_kinds"]).to_numpy(dtype=bool)
    tally = _tally(codes, groups, np.ones(len(codes), dtype=bool), [praise])[:len(labels)]  # no row without counter
    return {label: (rate(int(praised), int(n)), int(praised), int(n))
            for label, praised, n in zip(labels, tally[:, 1], tally.sum(axis=1), strict=True)}


def quoting_enabled(settings: dict[str, Any]) -> bool:
    """True when the settings switch users' comments on (``survey.quote_comments``; off when absent)."""
    return bool(settings["survey"].get("quote_comments", False))


def quotable_counters(survey: pd.DataFrame, settings: dict[str, Any]) -> list[str]:
    """The counters with at least ``survey.min_answers_for_verbatims`` questionnaires, in sorted order."""
    sizes = survey["counter"].value_counts()
    return sorted(str(c) for c, n in sizes.items() if n >= settings["survey"]["min_answers_for_verbatims"])


def verbatims_allowed(survey: pd.DataFrame, settings: dict[str, Any]) -> bool:
    """True when quoting is on and at least one counter has enough questionnaires to be quoted."""
    return quoting_enabled(settings) and bool(quotable_counters(survey, settings))


def verbatims(survey: pd.DataFrame, settings: dict[str, Any], per_kind: int | None = None) -> pd.DataFrame:
    """A few comments to quote, personal data masked: ``kind, counter, comment``.

    For each kind (praise, criticism, suggestion) and counter, the first ``per_kind`` comments (by
    default the setting ``survey.verbatims_per_kind``) in file order, a text already quoted for the
    kind being skipped: no randomness, the same table at every build. Every comment goes through
    ``redact``; the questionnaire id and the date are never returned. Only the counters of
    ``quotable_counters`` are quoted; empty when quoting is off (``survey.quote_comments``) or no
    counter has enough questionnaires.
    """
    if not quoting_enabled(settings) or "comment" not in survey.columns:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    if per_kind is None:
        per_kind = int(settings["survey"]["verbatims_per_kind"])
    quotable = survey["counter"].isin(quotable_counters(survey, settings))
    if not quotable.any():
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    kinds_of = {label: tuple(settings["survey"]["praise_comment_kinds"]) if kinds is None else kinds
                for _id, label, kinds in VERBATIM_KINDS}
    quoted = quotable & survey["comment_kind"].isin([k for kinds in kinds_of.values() for k in kinds])
    comments = survey.loc[quoted, ["counter", "comment_kind", "comment"]].copy()
    comments["comment"] = redact_series(comments["comment"].astype("string").str.strip())  # each text once
    comments = comments[comments["comment"].notna() & (comments["comment"] != "")]
    parts = []
    for label, kinds in kinds_of.items():
        chosen = comments[comments["comment_kind"].isin(kinds)].drop_duplicates("comment")
        chosen = chosen.groupby("counter", observed=True, sort=True).head(per_kind)
        parts.append(chosen.assign(kind=label).sort_values("counter", kind="stable"))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=VERBATIM_COLUMNS)
    return out[VERBATIM_COLUMNS].astype({"counter": "string", "comment": "string"}).reset_index(drop=True)


def survey_period(survey: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day on which questionnaires were filled in."""
    return survey["date"].min(), survey["date"].max()


def indicators(survey: pd.DataFrame, settings: dict[str, Any]) -> list[Indicator]:
    """The survey's records for the tidy table (ids of the reference figures)."""
    op, target = target_from(settings, "survey")
    records = [Indicator("survey", "questionnaires", "Questionnaires recueillis", float(len(survey)),
                         "nombre", decimals=0)]
    counter = counters(survey)  # grouped once for every rate
    codes, groups = group_codes(counter)
    for row in _satisfaction_rates(survey, settings, codes, groups).itertuples():
        records.append(Indicator("survey", row.criterion, row.label, row.satisfied_rate, "%", row.satisfied,
                                 row.answers, decimals=1, target_op=op, target_value=target))
        records.append(Indicator("survey", f"{row.criterion}_very_satisfied", f"{row.label} : très satisfaits",
                                 row.very_satisfied_rate, "%", row.very_satisfied, row.answers, decimals=1))
    for row in _yes_no_rates(survey, settings, codes, groups).itertuples():
        records.append(Indicator("survey", row.item, row.label, row.rate, "%", row.yes, row.answers, decimals=1))
    for label, (share, praised, n) in _praise_shares(survey, settings, counter.cat.categories, codes,
                                                     groups).items():
        records.append(Indicator("survey", f"{label.lower()}_praise",
                                 f"{label} : félicitations et améliorations ressenties", share, "%", praised, n,
                                 decimals=0))
    return records


def criterion_trends(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """The criteria's satisfied rates over the years up to ``year``, one row per criterion x year.

    ``table`` is the build's tidy table; rows as ``helpers.indicators.synthesis.over_years`` makes
    them (``panel``, ``year``, ``value``, ``target_value``, ``gap``…), criteria in questionnaire order.
    """
    from helpers.indicators.synthesis import over_years  # synthesis reads the sources' modules

    return over_years(table, SOURCE, list(CRITERION_IDS), year)


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("survey",)


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["survey"], settings) if tables["survey"] is not None else []
