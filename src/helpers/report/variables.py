"""The figures and phrases that the report's prose quotes (``{{< var … >}}``), from the build's results.

Nothing in the report's text is typed by hand: every number comes from the tidy indicators
table of the year and scope that the build computed once (``helpers.indicators.results``),
formatted in French, and is written to ``_variables.yml`` of the staging project. ``has.<source>``
flags (document metadata) show or hide the paragraphs of a source that has no data for the scope.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data.loading import YearData
from helpers.indicators import disclosure
from helpers.indicators import plan as plan_source
from helpers.indicators.records import MET, NOT_MET
from helpers.indicators.results import Results
from helpers.report import summary
from helpers.report.formatting import fmt_date, fmt_number, fmt_percent
from helpers.report.french import Names, agree, enumerate_fr, plural, typographic
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
        out.setdefault(row["source"], {})[row["indicator"]] = summary.figure_text(row, bool(few))
    return out


def phrases(table: pd.DataFrame, year: int) -> dict[str, dict[str, str]]:
    """Counts with their nouns and verbs agreed (``t.<source>.<phrase>``): « 3 réclamations », « 1 était… ».

    The prose writes « {{< var t.complaints.reclamations >}} » where it wrote « N réclamation(s) ». A
    phrase whose count the scope lacks is left out (its paragraph is hidden by its ``has.`` flag).
    """
    current = table[table["year"] == year].drop_duplicates(["source", "indicator"]).set_index(["source", "indicator"])

    def value(source: str, indicator: str) -> float | None:
        key = (source, indicator)
        return None if key not in current.index or pd.isna(current.at[key, "value"]) else float(
            current.at[key, "value"])

    # (phrase, source, indicator, how the count is written)
    wanted = [
        ("experiences", "shared", "experiences_shared",
         lambda n: plural(n, "expérience partagée", "expériences partagées", zero="aucune expérience partagée")),
        ("experiences", "mail_survey_responses", "mail_survey_responses",
         lambda n: plural(n, "réponse", zero="aucune réponse")),
        ("experiences", "mail_survey_sent", "mail_survey_sent",
         lambda n: plural(n, "questionnaire envoyé", "questionnaires envoyés")),
        ("mystery_calls", "calls", "calls", lambda n: plural(n, "appel")),
        ("mystery_calls", "calls_made", "calls",
         lambda n: f"{plural(n, 'appel mystère', 'appels mystères')} {agree(n, 'a été passé', 'ont été passés')}"),
        ("survey", "questionnaires", "questionnaires", lambda n: plural(n, "questionnaire")),
        ("survey", "collected", "questionnaires",
         lambda n: f"{plural(n, 'questionnaire')} {agree(n, 'a été recueilli', 'ont été recueillis')}"),
        ("complaints", "entries", "entries", lambda n: plural(n, "écrit")),
        ("complaints", "reclamations", "reclamations", lambda n: plural(n, "réclamation", zero="aucune réclamation")),
        ("complaints", "suggestions", "suggestions", lambda n: plural(n, "suggestion", zero="aucune suggestion")),
        ("complaints", "remerciements", "remerciements",
         lambda n: plural(n, "remerciement", zero="aucun remerciement")),
        ("complaints", "pending", "pending",
         lambda n: ("aucune n’était encore en attente de réponse" if n == 0 else
                    f"{fmt_number(n)} {agree(n, 'était', 'étaient')} encore en attente de réponse")),
        ("training", "followed", "agents_trained_total",
         lambda n: f"{plural(n, 'formation')} {agree(n, 'a été suivie', 'ont été suivies')}"),
        ("communication", "unique_visitors_year", "unique_visitors_year",
         lambda n: plural(n, "visiteur unique", "visiteurs uniques")),
        ("communication", "top_section_visitors", "top_section_visitors", lambda n: plural(n, "visiteur")),
        ("communication", "social_connections_per_month", "social_connections_per_month",
         lambda n: plural(n, "connexion")),
    ]
    out: dict[str, dict[str, str]] = {}
    for source, phrase, indicator, write in wanted:
        n = value(source, indicator)
        if n is not None:
            out.setdefault(source, {})[phrase] = write(n)
    mean = value("communication", "press_sends_per_month_mean")
    if mean is not None:
        decimals = int(current.at[("communication", "press_sends_per_month_mean"), "decimals"])
        out.setdefault("communication", {})["press_sends_per_month_mean"] = plural(mean, "envoi", decimals=decimals)
    return out


def scope_names(scope: str, settings: dict[str, Any]) -> dict[str, str]:
    """The scope in sentences: ``scope_the`` « la DDT », ``scope_for`` « pour la DDT », ``scope_of``, ``scope_at``,
    ``scope_first`` « la direction départementale des territoires (DDT) » (its first use in the report)."""
    names = Names(settings["perimeter"]["names"])
    return {"scope_the": names.then(scope), "scope_for": names.then(scope, "pour"),
            "scope_of": names.then(scope, "de"), "scope_at": names.then(scope, "à"),
            "scope_first": names.first(scope)}


def plan_actions(data: YearData | None) -> pd.DataFrame | None:
    """The actions of next year's plan from the year's plan file (the same in every scope), or None without it."""
    if data is None or not data.has("plan"):
        return None
    return plan_source.actions(data["plan"])


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
                           "pooled": "calculé sur l’ensemble des réponses"}[conf["combine_scores"]],
        "combine_yes_no": {"counter_mean": "calculées guichet par guichet, puis moyennées",
                           "pooled": "calculées sur l’ensemble des réponses"}[conf["combine_yes_no"]],
        "deadlines": " ; ".join(f"{days} jours ouvrés pour {enumerate_fr(channels)}"
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
            "mask": "n’est pas diffusé"}[conf["policy"]]
    return f"dans un rapport par service, un taux calculé sur moins de {conf['min_answers']} réponses {what}"


def variables(results: Results, settings: dict[str, Any], data: YearData | None = None) -> dict[str, Any]:
    """Everything ``_variables.yml`` holds: meta, figures (``v``), phrases (``t``), « L'essentiel » (``e``),
    periods and method, from the build's results (and the year's plan file, ``data``, for the plan's priorities).
    """
    year, scope = results.year, results.scope
    perimeter = settings["perimeter"]
    programme = settings["programme"]
    names = Names(perimeter["names"])
    named = scope_names(scope, settings)
    return {
        "meta": {
            "year": str(year), "next_year": str(year + 1), "previous_year": str(year - 1),
            "scope": scope,
            "scope_label": named["scope_the"],
            **named,
            "perimeter": typographic(perimeter["name"]),
            "services": enumerate_fr([names.first(s) for s in perimeter["services"]]),
            "programme": " ; ".join(f"{h['year']} : {typographic(h['label'])}" for h in programme["history"]),
            "contact": programme["contact"],
        },
        "v": figures(results.table, year, scope, settings),
        "t": phrases(results.table, year),
        "e": summary.sentences(results.table, year, scope, settings, plan_actions(data)),
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

    ``has.targets``: some indicator of the year is judged against a target (met or not met); ``has.missed``: some
    misses it; ``has.changes``: some judged figure changed since the year before (``has.change_<n>``: its n-th
    sentence in « L'essentiel »).
    """
    current = table[table["year"] == year]
    present = set(zip(current["source"], current["indicator"], strict=True))
    sources = set(current["source"])
    has = {name: (source in sources if indicator is None else (source, indicator) in present)
           for name, (source, indicator) in FLAGS.items()}
    has["targets"] = bool(current["status"].isin([MET, NOT_MET]).any())
    has["missed"] = bool((current["status"] == NOT_MET).any())
    has["changes"] = not summary.changes(table, year).empty  # « L'essentiel »: what changed most
    has.update(summary.changed_flags(table, year))
    return {"has": has}
