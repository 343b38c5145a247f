"""Satisfaction survey: rates of satisfied and very satisfied users per criterion, yes/no items.

Which scores count as satisfied (``survey.satisfied_min_score``) or very satisfied
(``survey.very_satisfied_min_score``), and how counters are combined (``combine_scores``,
``combine_yes_no``: ``counter_mean`` or ``pooled``) are settings. Empty cells (no answer) are
left out of every rate.

Free-text comments reach the report only through ``verbatims``: a few per kind and counter, chosen
in file order, always masked by ``helpers.redaction.redact``, and none at all for a scope with
fewer questionnaires than ``survey.min_answers_for_verbatims``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.contract.survey import CRITERIA, YES_NO_ITEMS
from helpers.records import Indicator, rate, target_from
from helpers.redaction import redact_series

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
    return _combined(hit.fillna(False).to_numpy(dtype=bool), hit.notna().to_numpy(dtype=bool),
                     group_codes(group), how)


def group_codes(group: pd.Series) -> np.ndarray:
    """Integer code of each row's group, groups in sorted order (a categorical's own codes)."""
    if isinstance(group.dtype, pd.CategoricalDtype):
        return group.cat.codes.to_numpy()
    return pd.factorize(group, sort=True)[0]


def _combined(hits: np.ndarray, answered: np.ndarray, codes: np.ndarray, how: str) -> tuple[float | None, int, int]:
    """``combined_rate`` on arrays: ``hits`` False where unanswered, ``codes`` from ``group_codes``."""
    n_hits, n_answers = int(hits.sum()), int(answered.sum())
    if n_answers == 0:
        return None, 0, 0
    if how == "pooled":
        return rate(n_hits, n_answers), n_hits, n_answers
    if how == "counter_mean":
        codes, hits = codes[answered], hits[answered]
        answers = np.bincount(codes, minlength=codes.max() + 1)
        per_group = np.bincount(codes, weights=hits, minlength=len(answers))[answers > 0] / answers[answers > 0]
        return 100.0 * float(pd.Series(per_group).mean()), n_hits, n_answers
    raise ValueError(f"unknown combination method: {how!r} (expected counter_mean or pooled)")


def counters(survey: pd.DataFrame) -> pd.Series:
    """The counter of each questionnaire as a categorical, to group many rates by it at little cost."""
    return survey["counter"].astype("category")


def score_flags(scores: pd.Series, min_score: int) -> pd.Series:
    """True where the score is at least ``min_score``, NA where there is no answer."""
    return (scores >= min_score).astype("boolean").where(scores.notna())


def satisfaction_rates(survey: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """One row per criterion: satisfied and very satisfied rates, with pooled counts.

    Each criterion's scores are read once as numbers (NaN: no answer), then compared with both
    thresholds; a row is "satisfied" exactly where ``score_flags`` would say True.
    """
    conf = settings["survey"]
    codes = group_codes(counters(survey))
    rows = []
    for field, _header, label in CRITERIA:
        scores = survey[field].to_numpy(dtype="float64", na_value=np.nan)
        answered = ~np.isnan(scores)
        sat, n_sat, n = _combined(scores >= conf["satisfied_min_score"], answered, codes, conf["combine_scores"])
        very, n_very, _ = _combined(scores >= conf["very_satisfied_min_score"], answered, codes,
                                    conf["combine_scores"])
        rows.append({"criterion": field, "label": label, "satisfied_rate": sat, "very_satisfied_rate": very,
                     "satisfied": n_sat, "very_satisfied": n_very, "answers": n})
    return pd.DataFrame(rows)


def counter_satisfaction(survey: pd.DataFrame, settings: dict[str, Any], field: str = "overall") -> pd.DataFrame:
    """Satisfied rate of one criterion per counter (the strengths and weaknesses of each service)."""
    flags = score_flags(survey[field], settings["survey"]["satisfied_min_score"])
    answered = flags.notna()
    grouped = flags[answered].astype(bool).groupby(survey.loc[answered, "counter"], observed=True)
    out = grouped.agg(["sum", "count"]).rename(columns={"sum": "satisfied", "count": "answers"})
    out["satisfied_rate"] = 100.0 * out["satisfied"] / out["answers"]
    return out.reset_index()


def yes_no_rates(survey: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """One row per yes/no item: share of "oui" among the answers."""
    how = settings["survey"]["combine_yes_no"]
    group = counters(survey)
    rows = []
    for field, _header, label in YES_NO_ITEMS:
        value, yes, n = combined_rate(survey[field], group, how)
        rows.append({"item": field, "label": label, "rate": value, "yes": yes, "answers": n})
    return pd.DataFrame(rows)


def praise_share(survey: pd.DataFrame, settings: dict[str, Any], counter: str) -> tuple[float | None, int, int]:
    """Share of a counter's questionnaires whose comment is praise or a felt improvement."""
    at_counter = (survey["counter"] == counter).fillna(False).to_numpy(dtype=bool)
    praise = survey["comment_kind"].isin(settings["survey"]["praise_comment_kinds"]).to_numpy(dtype=bool)
    praised, n = int((at_counter & praise).sum()), int(at_counter.sum())
    return rate(praised, n), praised, n


def verbatims_allowed(survey: pd.DataFrame, settings: dict[str, Any]) -> bool:
    """True when the scope has enough questionnaires for its comments to be quoted."""
    return len(survey) >= settings["survey"]["min_answers_for_verbatims"]


def verbatims(survey: pd.DataFrame, settings: dict[str, Any], per_kind: int = 1) -> pd.DataFrame:
    """A few comments to quote, personal data masked: ``kind, counter, comment``.

    For each kind (praise, criticism, suggestion) and counter, the first ``per_kind`` comments in
    file order, a text already quoted for the kind being skipped: no randomness, the same table at
    every build. Every comment goes through ``redact``; the questionnaire id and the date are never
    returned. Empty when the scope has fewer questionnaires than ``survey.min_answers_for_verbatims``.
    """
    if not verbatims_allowed(survey, settings) or "comment" not in survey.columns:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    comments = survey[["counter", "comment_kind", "comment"]].copy()
    comments["comment"] = redact_series(comments["comment"].astype("string").str.strip())
    comments = comments[comments["comment"].notna() & (comments["comment"] != "")]
    parts = []
    for _id, label, kinds in VERBATIM_KINDS:
        kinds = tuple(settings["survey"]["praise_comment_kinds"]) if kinds is None else kinds
        chosen = comments[comments["comment_kind"].isin(kinds)].drop_duplicates("comment")
        chosen = chosen.groupby("counter", observed=True, sort=True).head(per_kind)
        parts.append(chosen.assign(kind=label).sort_values("counter", kind="stable"))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=VERBATIM_COLUMNS)
    return out[VERBATIM_COLUMNS].astype({"counter": "string", "comment": "string"}).reset_index(drop=True)


def yearly_rates(by_year: dict[int, pd.DataFrame], settings: dict[str, Any]) -> pd.DataFrame:
    """Satisfied rate of each criterion for each year given: ``criterion, label, year, rate``."""
    rows = []
    for year, questionnaires in sorted(by_year.items()):
        rates = satisfaction_rates(questionnaires, settings)
        rows += [{"criterion": r.criterion, "label": r.label, "year": year, "rate": r.satisfied_rate}
                 for r in rates.itertuples()]
    return pd.DataFrame(rows, columns=["criterion", "label", "year", "rate"])


def survey_period(survey: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day on which questionnaires were filled in."""
    return survey["date"].min(), survey["date"].max()


def indicators(survey: pd.DataFrame, settings: dict[str, Any]) -> list[Indicator]:
    """The survey's records for the tidy table (ids of the reference figures)."""
    op, target = target_from(settings, "survey")
    records = [Indicator("survey", "questionnaires", "Questionnaires recueillis", float(len(survey)),
                         "nombre", decimals=0)]
    for row in satisfaction_rates(survey, settings).itertuples():
        records.append(Indicator("survey", row.criterion, row.label, row.satisfied_rate, "%", row.satisfied,
                                 row.answers, decimals=1, target_op=op, target_value=target))
        records.append(Indicator("survey", f"{row.criterion}_very_satisfied", f"{row.label} : très satisfaits",
                                 row.very_satisfied_rate, "%", row.very_satisfied, row.answers, decimals=1))
    for row in yes_no_rates(survey, settings).itertuples():
        records.append(Indicator("survey", row.item, row.label, row.rate, "%", row.yes, row.answers, decimals=1))
    for counter in sorted(survey["counter"].dropna().unique()):
        share, praised, n = praise_share(survey, settings, counter)
        records.append(Indicator("survey", f"{counter.lower()}_praise",
                                 f"{counter} : félicitations et améliorations ressenties", share, "%", praised, n,
                                 decimals=0))
    return records
