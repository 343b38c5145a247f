"""The figures and phrases that the report's prose quotes (``{{< var … >}}``), from the build's results.

Nothing in the report's text is typed by hand: every number comes from the tidy indicators
table of the year and scope that the build computed once (``helpers.indicators.results``),
formatted in French, and is written to ``_variables.yml`` of the staging project. ``has.<source>``
flags (document metadata) show or hide the paragraphs of a source that has no data for the scope.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data.scope import is_whole
from helpers.indicators import disclosure
from helpers.indicators.records import MET, NOT_MET
from helpers.indicators.results import Results
from helpers.report.formatting import fmt_date, fmt_percent, fmt_value, plural
from helpers.report.tables import OPERATOR_FR

MISSING = "non disponible"


def figures(table: pd.DataFrame, year: int, scope: str, settings: dict[str, Any]) -> dict[str, dict[str, str]]:
    """``{source: {indicator: "95,1 %"}}`` for every indicator of the year.

    A rate on few answers in a service's report carries its count (``67 % (sur 3 réponses)``),
    or is written « non diffusé » when the small-counts policy masks it.
    """
    out: dict[str, dict[str, str]] = {}
    current = table[table["year"] == year]
    flagged = disclosure.small(current, scope, settings)
    for (_, row), few in zip(current.iterrows(), flagged, strict=True):
        value = None if pd.isna(row["value"]) else float(row["value"])
        if value is None:
            text = "non diffusé" if few else MISSING
        else:
            text = fmt_value(value, row["unit"], int(row["decimals"]))
            if few:
                text += f" (sur {plural(row['denominator'], 'réponse')} seulement)"
        out.setdefault(row["source"], {})[row["indicator"]] = text
    return out


def periods(results: Results) -> dict[str, str]:
    """Campaign periods as written in the report (« du 2 novembre 2022 au 30 novembre 2022 »)."""
    return {source: f"du {fmt_date(first)} au {fmt_date(last)}"
            for source, (first, last) in results.periods.items()}


def method(settings: dict[str, Any]) -> dict[str, str]:
    """The methodological settings in words, for the annex."""
    conf, deadlines = settings["survey"], settings["complaints"]["deadline_working_days"]
    by_days: dict[int, list[str]] = {}
    for channel, days in deadlines.items():
        by_days.setdefault(days, []).append(channel)
    targets = settings["targets"]
    return {
        "score_max": str(conf["score_max"]),
        "satisfied_min": str(conf["satisfied_min_score"]),
        "very_satisfied_min": str(conf["very_satisfied_min_score"]),
        "combine_scores": {"counter_mean": "calculé guichet par guichet, puis moyenné (chaque guichet pèse autant)",
                           "pooled": "calculé sur l'ensemble des réponses"}[conf["combine_scores"]],
        "combine_yes_no": {"counter_mean": "calculées guichet par guichet, puis moyennées",
                           "pooled": "calculées sur l'ensemble des réponses"}[conf["combine_yes_no"]],
        "deadlines": " ; ".join(f"{days} jours ouvrés pour {', '.join(channels)}"
                                for days, channels in sorted(by_days.items())),
        "survey_target": f"{OPERATOR_FR[targets['survey']['op']]} {fmt_percent(targets['survey']['value'], 0)}",
        "mystery_target": (f"{OPERATOR_FR[targets['mystery_calls']['op']]} "
                           f"{fmt_percent(targets['mystery_calls']['value'], 0)}"),
        "small_counts": small_counts_rule(settings),
        "min_answers_for_verbatims": str(conf["min_answers_for_verbatims"]),
    }


def small_counts_rule(settings: dict[str, Any]) -> str:
    """The small-counts rule in words, for the annex."""
    conf = settings["small_counts"]
    what = {"caution": "est donné avec son nombre de réponses et un avertissement de prudence",
            "mask": "n'est pas diffusé"}[conf["policy"]]
    return f"dans un rapport par service, un taux calculé sur moins de {conf['min_answers']} réponses {what}"


def variables(results: Results, settings: dict[str, Any]) -> dict[str, Any]:
    """Everything ``_variables.yml`` holds: meta, figures (``v``), periods and method, from the build's results."""
    year, scope = results.year, results.scope
    perimeter = settings["perimeter"]
    whole = is_whole(scope, settings)
    programme = settings["programme"]
    return {
        "meta": {
            "year": str(year), "next_year": str(year + 1), "previous_year": str(year - 1),
            "scope": scope,
            "scope_label": f"l'ensemble du périmètre ({perimeter['name']})" if whole else scope,
            "perimeter": perimeter["name"],
            "services": ", ".join(perimeter["services"]),
            "programme": " ; ".join(f"{h['year']} : {h['label']}" for h in programme["history"]),
            "contact": programme["contact"],
        },
        "v": figures(results.table, year, scope, settings),
        "period": periods(results),
        "method": method(settings),
    }


# Each flag of the report and the indicator whose presence sets it (None: any of the source's).
FLAGS: dict[str, tuple[str, str | None]] = {
    "survey": ("survey", "questionnaires"),
    "mystery_calls": ("mystery_calls", "calls"),
    "complaints": ("complaints", "entries"),
    "experiences": ("experiences", "experiences_shared"),
    "mail_survey": ("experiences", "mail_survey_sent"),
    "training": ("training", "agents_trained_total"),
    "website": ("communication", "unique_visitors_year"),
    "social": ("communication", "social_connections_per_month"),
    "press": ("communication", "press_sends_year"),
    "communication": ("communication", None),
    "dashboard": ("dashboard", None),
    "plan": ("plan", "decisions"),
}


def flags(table: pd.DataFrame, year: int) -> dict[str, dict[str, bool]]:
    """``has.<part>``: True when the year and scope have the data of that part of the report.

    ``has.targets``: some indicator of the year is judged against a target (met or not met).
    """
    current = table[table["year"] == year]
    present = set(zip(current["source"], current["indicator"], strict=True))
    sources = set(current["source"])
    has = {name: (source in sources if indicator is None else (source, indicator) in present)
           for name, (source, indicator) in FLAGS.items()}
    has["targets"] = bool(current["status"].isin([MET, NOT_MET]).any())
    return {"has": has}
