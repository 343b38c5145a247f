"""Sample Services Publics+ experience shares (platform CSV export, UTF-8 and commas) and mail survey.

The platform and the mail survey started in 2022: earlier years have no file. The number of
shares, their split by feeling, the waves, questionnaires sent and the answers' split are
read from the reference (``measurement_overview_2022``). Texts are invented and hold no
personal data; pseudonyms are obviously fictional.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.sample.writers import write_csv

FIRST_YEAR = 2022
SUMMER_BREAK = (pd.Timestamp("2022-07-14"), pd.Timestamp("2022-08-31"))

# title, description, structure (platform name), typology, tags; per feeling.
STORIES = {
    "Positif": (
        ("Accompagnement efficace au point numérique",
         "J'ai été aidé pour ma demande de permis de conduire en ligne. L'agent a pris le temps de tout "
         "m'expliquer, la démarche a été faite en vingt minutes.",
         "Préfecture du Loiret", "Permis de conduire", "accueil physique"),
    ),
    "Neutre": (
        ("Démarche aboutie mais longue",
         "Ma demande a fini par aboutir mais j'ai dû relancer deux fois avant d'avoir une réponse.",
         "Direction départementale des territoires du Loiret", "Aides agricoles", "délai"),
    ),
    "Négatif": (
        ("Impossible d'obtenir un rendez-vous",
         "Depuis plusieurs semaines, aucun créneau n'est disponible sur le site pour déposer ma demande de "
         "titre de séjour. Mon récépissé arrive à échéance et je n'ai aucune solution.",
         "Préfecture du Loiret", "Titre de séjour", "prise de rendez-vous"),
        ("Serveur vocal incompréhensible",
         "Le serveur vocal propose des choix qui ne correspondent pas à ma demande, et après plusieurs "
         "essais l'appel a été coupé sans que je puisse parler à quelqu'un.",
         "Préfecture du Loiret", "Accueil téléphonique", "téléphone"),
        ("Attente très longue pour retirer mon titre",
         "Plus de deux heures d'attente dans le hall pour retirer un titre déjà prêt, sans ticket ni "
         "information sur l'ordre de passage.",
         "Préfecture du Loiret", "Titre de séjour", "attente"),
        ("Dossier sans nouvelles",
         "J'ai envoyé mon dossier complet il y a trois mois et je n'ai reçu aucun accusé de réception, "
         "ni par courriel ni par courrier.",
         "Sous-préfecture de Montargis", "Naturalisation", "délai"),
        ("Fermeture de l'accueil non annoncée",
         "Je me suis déplacé aux horaires indiqués sur le site internet mais l'accueil était fermé, sans "
         "affichage ni message sur le site.",
         "Sous-préfecture de Pithiviers", "Horaires d'ouverture", "information"),
    ),
}


def shown_counts(text: str) -> list[int]:
    """The counts printed side by side in a slide (``"1 et 4"`` -> ``[1, 4]``)."""
    return [int(n) for n in re.findall(r"\d+", text)]


def feelings_2022(ref: dict[str, Any]) -> list[str]:
    """One feeling per share: the slide's split read as positive then negative."""
    avis = ref["measurement_overview_2022"]["donnez_votre_avis"]
    positive, negative = shown_counts(avis["split_shown"])
    if positive + negative != int(avis["experiences_shared"]):
        raise ValueError("the split of the experience shares does not add up to their number")
    return ["Positif"] * positive + ["Négatif"] * negative


def experiences_frame(year: int, ref: dict[str, Any], rng: np.random.Generator) -> pd.DataFrame:
    """The platform export: one share per line, timestamps as ISO text, ``tags_…`` columns."""
    since = pd.Timestamp(ref["measurement_overview_2022"]["donnez_votre_avis"]["since"] + "-01")
    feelings = list(rng.permutation(feelings_2022(ref)))
    days = pd.date_range(since, pd.Timestamp(year=year, month=12, day=15))
    days = days[(days < SUMMER_BREAK[0]) | (days > SUMMER_BREAK[1])]
    written = sorted(days[rng.choice(len(days), size=len(feelings), replace=False)]
                     + pd.to_timedelta(rng.integers(7 * 3600, 22 * 3600, len(feelings)), unit="s"))
    used = {k: list(rng.permutation(len(v))) for k, v in STORIES.items()}
    ids = rng.choice(np.arange(100000, 1000000), size=len(feelings), replace=False)
    rows = []
    for k, (feeling, when) in enumerate(zip(feelings, written, strict=True), start=1):
        title, text, structure, typology, tag = STORIES[feeling][used[feeling].pop()]
        last = k == len(feelings)  # the latest share is still waiting for an answer
        answer = None if last else (when + pd.Timedelta(days=int(rng.integers(2, 12)))).strftime("%Y-%m-%d")
        rows.append({
            "id_experience": str(ids[k - 1]),
            "ecrit_le": when.strftime("%Y-%m-%d %H:%M:%S"),
            "titre": title, "description": text, "ressenti_usager": feeling,
            "intitule_structure_1": structure, "intitule_typologie_1": typology,
            "date_de_premiere_reponse": answer,
            "etat_experience": "En attente de réponse" if last else "Répondue",
            "pseudo": f"usager_fictif_{k}", "tags_thematique": tag, "tags_canal": "site internet",
        })
    return pd.DataFrame(rows)


def mail_survey_frame(ref: dict[str, Any], rng: np.random.Generator) -> pd.DataFrame:
    """One row per wave: the published totals split across the waves."""
    conf = ref["measurement_overview_2022"]["mail_survey"]
    waves = [pd.Timestamp(w + "-01") for w in conf["waves"]]
    ratings = shown_counts(conf["split_shown"])  # satisfied, neutral, dissatisfied
    if sum(ratings) != int(conf["responses"]):
        raise ValueError("the split of the mail survey's answers does not add up to the responses")
    sent = rng.multinomial(int(conf["sent"]) - 10 * len(waves), [1 / len(waves)] * len(waves)) + 10
    votes = np.array([rng.multinomial(n, [1 / len(waves)] * len(waves)) for n in ratings]).T  # wave x rating
    return pd.DataFrame({
        "vague": [w.strftime("%m/%Y") for w in waves], "envoyes": sent, "reponses": votes.sum(axis=1),
        "satisfaits": votes[:, 0], "neutres": votes[:, 1], "insatisfaits": votes[:, 2],
    })


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write the platform export and the mail survey (none before the platform started)."""
    if year < FIRST_YEAR:
        return []
    return [write_csv(experiences_frame(year, ref, rng), folder / "sp_plus_experiences.csv",
                      encoding="utf-8", sep=",", decimal="."),
            write_csv(mail_survey_frame(ref, rng), folder / "enquete_mails.csv")]
