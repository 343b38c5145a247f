"""« L'essentiel »: the one-page summary at the top of every report, each sentence from the build's figures.

The sentences read the tidy indicators table of the build (``helpers.indicators.results``): the
headline figure of each source with its change since the year before, the targets met and missed,
what changed most, and the priorities of next year's plan (the plan file's actions, the same in every
scope). No figure is typed here; a scope without a source gets no sentence about it (``None``), and
the report shows a sentence only where its ``has.`` flag is set.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators import disclosure
from helpers.indicators.records import MET, NOT_MET
from helpers.report import french
from helpers.report.formatting import fmt_month, fmt_number, fmt_value, round_half_up

MISSING = "non disponible"
WITHHELD = "non diffusé"
# How the summary names each part of a mystery call after its rate (« 98,8 % au standard »).
# The summary comes first in the report: « SVI » is spelled out there, at its first use.
CALL_PARTS = {"svi": "pour le serveur vocal interactif (SVI)", "standard": "au standard",
              "after_transfer": "après transfert"}
MOST_CHANGED = 3  # figures named in « what changed most »
MISSED_NAMED = 4  # missed targets named one by one; the others are counted


def figure_text(row: pd.Series, few: bool) -> str:
    """A record's value as the report writes it: « 95,1 % », « 67 % (sur 3 réponses seulement) », « non diffusé »."""
    if pd.isna(row["value"]):
        return WITHHELD if few or str(row.get("note") or "").startswith(WITHHELD) else MISSING
    text = fmt_value(float(row["value"]), row["unit"], int(row["decimals"]))
    if few:
        text += f" (sur {french.plural(row['denominator'], 'réponse')} seulement)"
    return text


class Figures:
    """The tidy table of a build seen by the summary: a record's row, its text and its change since last year."""

    def __init__(self, table: pd.DataFrame, year: int, scope: str, settings: dict[str, Any]):
        self.table, self.year = table, year
        self.few = disclosure.small(table, scope, settings)
        self.rows = {(r["source"], r["indicator"], int(r["year"])): i for i, r in table.iterrows()}

    def row(self, source: str, indicator: str, year: int | None = None) -> pd.Series | None:
        i = self.rows.get((source, indicator, self.year if year is None else year))
        return None if i is None else self.table.loc[i]

    def value(self, source: str, indicator: str) -> float | None:
        row = self.row(source, indicator)
        return None if row is None or pd.isna(row["value"]) else float(row["value"])

    def text(self, source: str, indicator: str, year: int | None = None) -> str | None:
        i = self.rows.get((source, indicator, self.year if year is None else year))
        return None if i is None else figure_text(self.table.loc[i], bool(self.few.loc[i]))

    def small(self, source: str, indicator: str, year: int) -> bool:
        i = self.rows.get((source, indicator, year))
        return i is not None and bool(self.few.loc[i])

    def evolution(self, source: str, indicator: str) -> str:
        """« (95,0 % en 2021, le taux progresse) », or empty when the year before has no comparable value.

        A rate on few answers (either year) is not compared: its change says little.
        """
        now, before = self.row(source, indicator), self.row(source, indicator, self.year - 1)
        if now is None or before is None or pd.isna(now["value"]) or pd.isna(before["value"]):
            return ""
        if self.small(source, indicator, self.year) or self.small(source, indicator, self.year - 1):
            return ""
        change = french.change(now["unit"], float(now["value"]), float(before["value"]), int(now["decimals"]),
                               _op(now), _target(now))
        return f" ({self.text(source, indicator, self.year - 1)} en {self.year - 1}, {change})"

    def with_evolution(self, source: str, indicator: str, words: str = "") -> str | None:
        """« X % d’usagers satisfaits (Y % l’an passé, le taux recule) »: the value, ``words``, its change.

        None when the scope has no value for it.
        """
        if self.value(source, indicator) is None and not self.small(source, indicator, self.year):
            return None
        return f"{self.text(source, indicator)}{words}{self.evolution(source, indicator)}"


def _op(row: pd.Series) -> str | None:
    return None if pd.isna(row["target_op"]) else str(row["target_op"])


def _target(row: pd.Series) -> float | None:
    return None if pd.isna(row["target_value"]) else float(row["target_value"])


def lower_first(label: str) -> str:
    """A label inside a sentence: « Taux de … » -> « taux de … »; an acronym (« CNI … », « PAN : … ») is kept."""
    return label[:1].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def count(f: Figures, source: str, indicator: str, singular: str, plural_form: str | None = None,
          zero: str | None = None) -> str | None:
    """« 19 réclamations » (``zero``: « aucun remerciement » for 0), from a count of the table; None without it."""
    value = f.value(source, indicator)
    return None if value is None else french.plural(value, singular, plural_form, zero=zero)


# --- Headline figures, one sentence per source --------------------------------------------------------


def survey(f: Figures) -> str | None:
    """« X % d’usagers satisfaits aux guichets (Y % l’an passé, le taux progresse), sur N questionnaires. »"""
    counted = count(f, "survey", "questionnaires", "questionnaire")
    overall = f.with_evolution("survey", "overall", " d’usagers satisfaits" + (f" sur {counted}" if counted else ""))
    return None if overall is None else f"Enquête de satisfaction : {overall}."


def mystery_calls(f: Figures) -> str | None:
    """« Appels mystères (20 appels), part des points de la grille atteints : 88,2 % pour le SVI (…), … »"""
    parts = [p for p in (f.with_evolution("mystery_calls", i, f" {words}") for i, words in CALL_PARTS.items()) if p]
    if not parts:
        return None
    calls = count(f, "mystery_calls", "calls", "appel")
    return (f"Appels mystères{f' ({calls})' if calls else ''}, part des points de la grille atteints : "
            f"{french.enumerate_fr(parts)}.")


def complaints(f: Figures) -> str | None:
    """« Registre : 19 réclamations, 3 suggestions et 1 remerciement ; 89 % de réponses dans le délai (…) ; … »"""
    counts = [c for c in (count(f, "complaints", "reclamations", "réclamation", zero="aucune réclamation"),
                          count(f, "complaints", "suggestions", "suggestion", zero="aucune suggestion"),
                          count(f, "complaints", "remerciements", "remerciement", zero="aucun remerciement")) if c]
    if not counts:
        return None
    sentence = f"Registre des réclamations : {french.enumerate_fr(counts)}"
    in_time = f.with_evolution("complaints", "complaints_answered_in_time", " de réponses dans le délai")
    if in_time is not None:
        sentence += f" ; {in_time}"
    delay = f.value("complaints", "complaints_mean_delay")
    if delay is not None:
        sentence += f" ; délai moyen de réponse de {f.with_evolution('complaints', 'complaints_mean_delay')}"
    return sentence + "."


def experiences(f: Figures) -> str | None:
    """« Services Publics+ : 5 expériences partagées, dont 1 au ressenti positif et 4 au ressenti négatif. »"""
    shared = count(f, "experiences", "experiences_shared", "expérience partagée", "expériences partagées")
    if shared is None:
        return None
    feelings = [f"{fmt_number(v)} au ressenti {word}" for word, v in
                (("positif", f.value("experiences", "experiences_positive")),
                 ("négatif", f.value("experiences", "experiences_negative"))) if v]
    return f"Services Publics+ : {shared}" + (f", dont {french.enumerate_fr(feelings)}." if feelings else ".")


def training(f: Figures) -> str | None:
    """« Formation : 54 formations suivies (40 en 2021, le nombre augmente) par 45 agents. »"""
    total = f.value("training", "agents_trained_total")
    if total is None:
        return None
    followed = french.plural(total, "formation suivie", "formations suivies")
    agents = count(f, "training", "agents_distinct", "agent")
    return (f"Formation des agents : {followed}{f.evolution('training', 'agents_trained_total')}"
            + (f" par {agents}." if agents else "."))


def communication(f: Figures) -> str | None:
    """« Site internet : N visiteurs uniques (M l’an passé, le nombre augmente). »"""
    visitors = f.value("communication", "unique_visitors_year")
    if visitors is None:
        return None
    return (f"Site internet : {french.plural(visitors, 'visiteur unique', 'visiteurs uniques')}"
            f"{f.evolution('communication', 'unique_visitors_year')}.")


HEADLINES = {"survey": survey, "mystery_calls": mystery_calls, "complaints": complaints, "experiences": experiences,
             "training": training, "communication": communication}


# --- Targets met and missed ------------------------------------------------------------------------


def judged(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's figures judged against a target, each indicator once (a figure two sources show counts once)."""
    current = table[(table["year"] == year) & table["status"].isin([MET, NOT_MET])]
    return current.drop_duplicates("indicator", keep="first").reset_index(drop=True)


def targets(table: pd.DataFrame, year: int) -> str | None:
    """« Sur 27 indicateurs dotés d’une cible, 25 l’atteignent et 2 ne l’atteignent pas. »"""
    rows = judged(table, year)
    if rows.empty:
        return None
    met, total = int((rows["status"] == MET).sum()), len(rows)
    missed = total - met
    if total == 1:
        return f"Le seul indicateur doté d’une cible {'l’atteint' if met else 'ne l’atteint pas'}."
    if missed == 0:
        return f"Les {fmt_number(total)} indicateurs dotés d’une cible l’atteignent tous."
    if met == 0:
        return f"Aucun des {fmt_number(total)} indicateurs dotés d’une cible ne l’atteint."
    return (f"Sur {fmt_number(total)} indicateurs dotés d’une cible, {fmt_number(met)} "
            f"{french.agree(met, 'l’atteint', 'l’atteignent')} et {fmt_number(missed)} "
            f"{french.agree(missed, 'ne l’atteint pas', 'ne l’atteignent pas')}.")


def missed(table: pd.DataFrame, year: int) -> str | None:
    """« Cibles non atteintes : taux de mise à jour du site internet… (97,4 % pour une cible de 100 %). »"""
    from helpers.report.tables import target_text

    rows = judged(table, year)
    rows = rows[rows["status"] == NOT_MET]
    if rows.empty:
        return None
    def target(r: pd.Series) -> str:  # « une cible de 100 % », « une cible ≥ 85 % »
        text = target_text(r["target_op"], r["target_value"], r["unit"])
        return "de " + text[2:] if r["target_op"] == "=" else text

    named = [f"{lower_first(french.typographic(r['label']))} "
             f"({fmt_value(float(r['value']), r['unit'], int(r['decimals']))} pour une cible {target(r)})"
             for _, r in rows.head(MISSED_NAMED).iterrows()]
    others = len(rows) - len(named)
    if others:
        named.append(french.plural(others, "autre indicateur", "autres indicateurs")
                     + ", dans le tableau des indicateurs à surveiller")
    head = "Cible non atteinte" if len(rows) == 1 else "Cibles non atteintes"
    return f"{head} : {' ; '.join(named)}."


# --- What changed most since last year -----------------------------------------------------------


def changes(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """The figures judged against a target (those the committee follows), with both years' values as shown.

    ``delta`` is the change as shown (points for a rate, days for a delay); ``size`` ranks them: points
    for a rate, the relative change for a delay or a count. Each indicator once; no change left out.
    """
    if not {"value", "unit", "decimals", "target_op", "target_value", "label"} <= set(table.columns):
        return pd.DataFrame()  # a table of statuses only (a flag's test) has no figure to compare
    now = table[(table["year"] == year) & table["target_op"].notna()]
    before = table[table["year"] == year - 1].set_index(["source", "indicator"])["value"]
    rows = []
    for _, r in now.drop_duplicates("indicator", keep="first").iterrows():
        previous = before.get((r["source"], r["indicator"]))
        if pd.isna(r["value"]) or previous is None or pd.isna(previous):
            continue
        d = int(r["decimals"])
        shown, was = round_half_up(float(r["value"]), d), round_half_up(float(previous), d)
        if shown == was:
            continue
        delta = round_half_up(shown - was, d)
        size = abs(delta) if r["unit"] == "%" else abs(delta) / max(abs(was), 1.0) * 100
        rows.append({**r.to_dict(), "previous": float(previous), "delta": delta, "size": size})
    out = pd.DataFrame(rows)
    return out.sort_values("size", ascending=False, kind="stable").reset_index(drop=True) if rows else out


def change_sentence(row: pd.Series, year: int) -> str:
    """« le taux de satisfaction au point numérique progresse de 10,0 points (90,0 % en 2021, 100,0 % en 2022) »."""
    d, unit = int(row["decimals"]), row["unit"]
    move = french.UP if row["delta"] > 0 else french.DOWN
    amount = abs(float(row["delta"]))
    by = (french.plural(amount, "point", decimals=d) if unit == "%" else
          fmt_value(amount, unit, d) if unit == "jours" else fmt_number(amount, d))
    words = (f"{named(row['label'], unit)} {french.moves(unit, move)} de {by} "
             f"({fmt_value(row['previous'], unit, d)} en {year - 1}, {fmt_value(float(row['value']), unit, d)} "
             f"en {year})")
    op = _op(row)
    if op == "=":
        target = float(row["target_value"])
        closer = abs(round_half_up(float(row["value"]), d) - target) < abs(round_half_up(row["previous"], d) - target)
        words += f" et {'se rapproche de' if closer else 's’éloigne de'} la cible"
    return words


def named(label: str, unit: str) -> str:
    """An indicator as the subject of a sentence: « le taux de réponse… », « le taux pour « Courtoisie » »."""
    label = french.typographic(label)
    if label.split(" ")[0].lower() in ("taux", "délai", "nombre"):
        return f"le {lower_first(label)}"
    return f"{french.subject(unit)} pour {french.quoted(label)}"


def most_changed(table: pd.DataFrame, year: int) -> list[str]:
    """The largest changes since the year before, each told in its direction, one sentence each (at most 3).

    « Le délai moyen de réponse … se réduit de 14,7 jours (18,0 jours en 2021, 3,3 jours en 2022). »
    """
    found = changes(table, year)
    if found.empty:
        return []
    told = [change_sentence(r, year) for _, r in found.head(MOST_CHANGED).iterrows()]
    return [f"{t[:1].upper()}{t[1:]}." for t in told]


# --- Next year's plan ---------------------------------------------------------------------------


def owned_by(actions: pd.DataFrame, scope: str, whole: bool) -> pd.DataFrame:
    """The actions a scope leads (``owner`` « DDPP » or « SGC-D - formation »); every action for the whole scope."""
    if whole:
        return actions
    owner = actions["owner"].fillna("").astype(str)
    return actions[(owner == scope) | owner.str.startswith((f"{scope} -", f"{scope} –"))]


def changed_flags(table: pd.DataFrame, year: int) -> dict[str, bool]:
    """``has.change_1`` … ``has.change_3``: which sentences of « what changed most » the scope has."""
    told = min(len(changes(table, year)), MOST_CHANGED)
    return {f"change_{n}": n <= told for n in range(1, MOST_CHANGED + 1)}


def plan(actions: pd.DataFrame | None, scope: str, whole: bool, names: french.Names, year: int) -> str | None:
    """The priorities of next year's plan: its themes and actions for the whole scope, a service's own actions.

    « Le plan d’amélioration 2023 compte 9 actions en 3 thèmes : « … » (3 actions), … »; for a service,
    « Actions pilotées par la DDPP en 2023 : « … » (octobre 2023). »
    """
    if actions is None:
        return None
    next_year = year + 1
    if actions.empty:
        return f"Le plan d’amélioration {next_year} ne compte encore aucune action."
    if whole:
        themes = actions.groupby("theme", sort=False).size()
        listed = french.enumerate_fr([f"{french.quoted(t)} ({french.plural(n, 'action')})"
                                      for t, n in themes.items()])
        return (f"Le plan d’amélioration {next_year} compte {french.plural(len(actions), 'action')} en "
                f"{french.plural(len(themes), 'thème')} : {listed}.")
    own = owned_by(actions, scope, whole)
    if own.empty:
        return (f"Aucune action du plan d’amélioration {next_year} n’est pilotée par {names.then(scope)} ; "
                f"le plan compte {french.plural(len(actions), 'action')} pour l’ensemble du périmètre.")
    listed = french.enumerate_fr([french.quoted(a) + (f" ({fmt_month(d)})" if pd.notna(d) else "")
                                  for a, d in zip(own["action"], own["due"], strict=True)])
    head = "Action pilotée" if len(own) == 1 else "Actions pilotées"
    return f"{head} par {names.then(scope)} dans le plan d’amélioration {next_year} : {listed}."


def first_deadline(actions: pd.DataFrame | None, scope: str, whole: bool) -> str | None:
    """« Première échéance : avril 2023, « Déploiement SP+… ». »: the scope's soonest action with a month."""
    if actions is None or actions.empty:
        return None
    own = owned_by(actions, scope, whole).dropna(subset=["due"])
    if own.empty:
        return None
    soonest = own.sort_values("due", kind="stable").iloc[0]
    return f"Première échéance : {fmt_month(soonest['due'])}, {french.quoted(soonest['action'])}."


def sentences(table: pd.DataFrame, year: int, scope: str, settings: dict[str, Any],
              actions: pd.DataFrame | None = None) -> dict[str, str]:
    """Every sentence of « L'essentiel » that the scope has (a missing key: nothing to say about it)."""
    from helpers.data.scope import is_whole

    names = french.Names(settings["perimeter"]["names"])
    whole = is_whole(scope, settings)
    f = Figures(table, year, scope, settings)
    found: dict[str, str | None] = {name: make(f) for name, make in HEADLINES.items()}
    found["intro"] = (f"Ce qu’il faut retenir de l’année {year} pour {names.first(scope)} : les chiffres clés et "
                      "leur évolution depuis l’année précédente, les cibles atteintes ou non, et les priorités "
                      "de l’année qui vient.")
    found["targets"] = targets(table, year)
    found["missed"] = missed(table, year)
    for n, sentence in enumerate(most_changed(table, year), start=1):
        found[f"change_{n}"] = sentence  # shown when ``has.change_<n>`` (``changed_flags``)
    # A service's actions are listed with their months: the first deadline is told for the whole scope only.
    found["plan"] = " ".join(s for s in (plan(actions, scope, whole, names, year),
                                         first_deadline(actions, scope, whole) if whole else None) if s)
    planned = f.value("plan", "actions")
    if actions is None and planned is not None:  # no plan file given: its count, from the table
        found["plan"] = (f"Le plan d’amélioration {year + 1} compte "
                         f"{french.plural(planned, 'action', zero='aucune action')}.")
    return {k: v for k, v in found.items() if v}
