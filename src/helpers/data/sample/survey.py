"""Sample satisfaction survey: questionnaires whose rates reproduce the published table.

For each year, counters get a number of questionnaires; for each criterion the answered cells
are drawn, then the number of satisfied (and very satisfied) answers per counter is searched
so that the rate computed with the settings' method shows as the published figure. Scores
follow a per-respondent mood, so a respondent's answers hang together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.config.settings import load_settings
from helpers.data.contract.survey import CRITERIA, YES_NO_ITEMS
from helpers.data.sample.fitting import fit_group_mean, fit_pooled, hits_for
from helpers.data.sample.generate import decimals_of, periods
from helpers.data.sample.writers import write_csv, write_xlsx
from helpers.indicators.workdays import public_holidays

# Sample design (not published figures): questionnaires per counter besides DMI, DMI takes the rest.
OTHER_COUNTERS = {
    2020: {"BER": 35, "ACC": 25, "PAN": 19},
    2021: {"BER": 44, "ACC": 28, "PAN": 22},
    2022: {"BER": 50, "ACC": 30, "PAN": 23},
}
QUESTIONNAIRES = {2020: 121, 2021: 148}
# Share of respondents who leave a criterion unanswered (the questions on disability and
# hardship concern few users); the digital point is rated only by its users, at the PAN.
NO_ANSWER = {"disability": 0.55, "hardship": 0.5, "signage": 0.05, "premises": 0.08, "waiting_time": 0.04}
DIGITAL_POINT_USERS = 0.82
WEBSITE_USERS = 0.65

PRAISE = [
    "Accueil très agréable, merci à l'agent pour sa patience.",
    "Nette amélioration par rapport à l'an dernier, attente beaucoup plus courte.",
    "Personnel aimable et efficace, démarche faite en une seule visite.",
    "Merci à Mme Martin pour ses explications claires.",
    "Bravo pour l'organisation, on se sent écouté.",
    "Beaucoup mieux qu'avant depuis la prise de rendez-vous.",
]
CRITICISM = {
    "DMI": ["Très difficile d'obtenir un rendez-vous en ligne, aucun créneau pendant des semaines.",
            "Il manque un guichet de renseignements pour poser une simple question.",
            "Pas de ticket pour la remise des titres, on ne sait pas quand c'est notre tour.",
            "Locaux exigus et salle d'attente trop petite.",
            "Site de rendez-vous saturé, j'ai dû revenir trois fois."],
    "BER": ["Difficile de trouver le bon bureau, la signalétique n'est pas claire."],
    "PAN": ["Le point numérique est mal indiqué depuis l'entrée."],
}
SUGGESTIONS = ["Proposer un numéro d'appel direct pour les questions simples.",
               "Installer des panneaux plus visibles dans le hall.",
               "Prévoir des chaises supplémentaires dans la salle d'attente."]


def _dates(n: int, window: tuple[pd.Timestamp, pd.Timestamp], rng: np.random.Generator) -> pd.Series:
    """``n`` opening days drawn in the window (Monday to Friday, public holidays excluded)."""
    days = pd.bdate_range(*window)
    hol = set(pd.DatetimeIndex(public_holidays(window[0].year, window[1].year).astype("datetime64[ns]")))
    days = [d for d in days if d not in hol]
    return pd.Series(sorted(rng.choice(days, size=n)))


def _published(ref: dict[str, Any], year: int) -> dict[str, float]:
    """Published satisfied rate per criterion for the year."""
    return {c["id"]: c[str(year)] for c in ref["satisfaction_survey"]["criteria"]}


def _assign_scores(mood: pd.Series, hits: int, very: int, rng: np.random.Generator) -> pd.Series:
    """Scores for the answered rows: the lowest moods are dissatisfied, the highest very satisfied."""
    order = (mood + rng.normal(0, 0.5, len(mood))).sort_values().index
    n = len(order)
    scores = np.empty(n, dtype=int)
    scores[: n - hits] = rng.choice([1, 2, 3, 4, 5], size=n - hits, p=[0.1, 0.15, 0.25, 0.25, 0.25])
    scores[n - hits: n - very] = rng.choice([6, 7, 8], size=hits - very, p=[0.25, 0.35, 0.4])
    scores[n - very:] = rng.choice([9, 10], size=very, p=[0.45, 0.55])
    return pd.Series(scores, index=order).reindex(mood.index)


def _criterion(frame: pd.DataFrame, field: str, target: float, decimals: int, very_target: Any,
               rng: np.random.Generator) -> pd.Series:
    """Scores of one criterion whose counter-mean rates show as the published figures."""
    for _attempt in range(500):
        if field == "digital_point":
            answered = (frame["counter"] == "PAN") & (rng.random(len(frame)) < DIGITAL_POINT_USERS)
        else:
            answered = rng.random(len(frame)) >= NO_ANSWER.get(field, 0.03)
        groups = [g for g in frame.loc[answered].groupby("counter").groups.values()]
        sizes = [len(g) for g in groups]
        try:
            hits = fit_group_mean(target, decimals, sizes, rng)
            if very_target is None:
                very = [int(h * rng.uniform(0.55, 0.8)) for h in hits]
            else:
                very = fit_group_mean(very_target, decimals_of(very_target), sizes, rng, caps=hits)
        except ValueError:
            continue
        scores = pd.Series(pd.NA, index=frame.index, dtype="Int64")
        for index, h, v in zip(groups, hits, very, strict=True):
            scores[index] = _assign_scores(frame.loc[index, "mood"], h, v, rng)
        return scores
    raise RuntimeError(f"no sample found for {field} = {target}")


def _yes_no(frame: pd.DataFrame, ref: dict[str, Any], year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Yes/no answers; in 2022 their pooled rates show as the published figures."""
    published = {o["id"]: o for o in ref["satisfaction_survey"]["other_2022"]} if year == 2022 else {}
    web_users = frame.sample(frac=WEBSITE_USERS, random_state=rng).index
    if "web_info_available" in published and published["web_info_available"].get("n"):
        web_users = frame.sample(n=published["web_info_available"]["n"], random_state=rng).index
    out = pd.DataFrame(index=frame.index)
    for field, _header, _label in YES_NO_ITEMS:
        pool = web_users if field.startswith("web_") else frame.index
        if field in published:
            yes, n = fit_pooled(published[field]["value"], decimals_of(published[field]["value"]), len(pool) - 2)
            if field == "web_info_available" or n > len(pool):
                yes, n = fit_pooled(published[field]["value"], decimals_of(published[field]["value"]), len(pool))
        else:
            n = int(len(pool) * rng.uniform(0.93, 0.99))
            yes = int(n * rng.uniform(0.55 if field == "help_needed" else 0.85, 0.95))
        answered = rng.permutation(pool)[:n]
        values = pd.Series(pd.NA, index=frame.index, dtype="boolean")
        values[answered] = False
        values[rng.permutation(answered)[:yes]] = True
        out[field] = values
    return out


def _comments(frame: pd.DataFrame, ref: dict[str, Any], year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Coded free-text comments; the DMI praise share shows as published in 2022."""
    kinds = pd.Series(pd.NA, index=frame.index, dtype="object")
    texts = pd.Series(pd.NA, index=frame.index, dtype="object")
    published = {o["id"]: o["value"] for o in ref["satisfaction_survey"]["other_2022"]} if year == 2022 else {}
    for counter, rows in frame.groupby("counter").groups.items():
        rows = rng.permutation(rows)
        key = f"{counter.lower()}_praise"
        praised = (hits_for(published[key], decimals_of(published[key]), len(rows)) if key in published
                   else int(rng.integers(0, max(2, len(rows) // 15))))
        critics = int(len(rows) * rng.uniform(0.08, 0.15))
        for i, row in enumerate(rows[: praised + critics + 2]):
            if i < praised:
                kinds[row] = "félicitations" if i % 3 else "amélioration ressentie"
                texts[row] = PRAISE[i % len(PRAISE)]
            elif i < praised + critics:
                kinds[row] = "critique"
                pool = CRITICISM.get(counter, CRITICISM["BER"])
                texts[row] = pool[i % len(pool)]
            else:
                kinds[row] = "suggestion"
                texts[row] = SUGGESTIONS[i % len(SUGGESTIONS)]
    return pd.DataFrame({"type_commentaire": kinds, "commentaire": texts})


def build(year: int, rng: np.random.Generator, ref: dict[str, Any]) -> pd.DataFrame:
    """The year's questionnaires, with the file's French headers."""
    total = ref["satisfaction_survey"]["questionnaires_2022"] if year == 2022 else QUESTIONNAIRES[year]
    others = OTHER_COUNTERS[year]
    counters = ["DMI"] * (total - sum(others.values()))
    for counter, n in others.items():
        counters += [counter] * n
    frame = pd.DataFrame({"counter": rng.permutation(counters)})
    frame["mood"] = rng.normal(0, 1, total)
    published = _published(ref, year)
    headline = ref["satisfaction_survey"]["headline_2022"] if year == 2022 else {}
    out = pd.DataFrame({
        "id_questionnaire": [f"Q{year}-{i:04d}" for i in range(1, total + 1)],
        "date": _dates(total, periods(year, ref)["enquete_satisfaction"], rng),
        "service": "Préfecture",
        "site": "Orléans",
        "guichet": frame["counter"],
    })
    for field, header, _label in CRITERIA:
        target = published[field]
        very = headline.get(field, {}).get("very_satisfied")
        out[header] = _criterion(frame, field, target, decimals_of(target), very, rng)
    yes_no = _yes_no(frame, ref, year, rng)
    for field, header, _label in YES_NO_ITEMS:
        out[header] = yes_no[field]
    return pd.concat([out, _comments(frame, ref, year, rng)], axis=1)


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write ``enquete_satisfaction``: Excel-French CSV in 2022, xlsx in 2021, UTF-8 with BOM in 2020."""
    frame = build(year, rng, ref)
    assert load_settings()["survey"]["combine_scores"] == "counter_mean", "sample built for counter_mean"
    if year == 2021:
        return [write_xlsx(frame, folder / "enquete_satisfaction.xlsx", title=f"Enquête de satisfaction {year}")]
    if year == 2020:
        return [write_csv(frame, folder / "enquete_satisfaction.csv", encoding="utf-8", bom=True)]
    return [write_csv(frame, folder / "enquete_satisfaction.csv")]
