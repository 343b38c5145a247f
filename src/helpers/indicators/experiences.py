"""Experience shares on Services Publics+ ("Donnez votre avis") and the satisfaction survey by e-mail.

Shares are counted per feeling declared by the user (Positif, Neutre, Négatif); a share is
answered when the platform records a first answer of the administration. The mail survey's
response rate is the responses over the questionnaires sent, all waves pooled.

The users' titles and stories are never counted nor shown here: the functions return numbers and
the platform's feelings only (the texts' personal data are masked at load all the same).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators.records import Indicator, rate
from helpers.report.formatting import fmt_month

SOURCE = "experiences"

# Indicator id and label of each feeling of the platform.
FEELING_IDS = {"Positif": ("experiences_positive", "Expériences au ressenti positif"),
               "Neutre": ("experiences_neutral", "Expériences au ressenti neutre"),
               "Négatif": ("experiences_negative", "Expériences au ressenti négatif")}

# Column, indicator id and label of each count of the mail survey.
MAIL_COUNTS = (("sent", "mail_survey_sent", "Questionnaires envoyés par courriel"),
               ("responses", "mail_survey_responses", "Réponses à l'enquête par courriel"),
               ("satisfied", "mail_survey_satisfied", "Réponses satisfaites"),
               ("neutral", "mail_survey_neutral", "Réponses neutres"),
               ("dissatisfied", "mail_survey_dissatisfied", "Réponses insatisfaites"))


def feeling_counts(experiences: pd.DataFrame) -> pd.Series:
    """Number of shares per feeling (every feeling, zero included)."""
    return experiences["feeling"].value_counts().reindex(list(FEELING_IDS), fill_value=0).astype("int64")


def answered_count(experiences: pd.DataFrame) -> int:
    """Shares that received a first answer from the administration."""
    return int(experiences["first_answer"].notna().sum())


def by_feeling(experiences: pd.DataFrame) -> pd.DataFrame:
    """One row per feeling (every feeling, zero included): ``feeling, shared, answered``."""
    answered = experiences["first_answer"].notna().groupby(experiences["feeling"]).sum()
    return pd.DataFrame({
        "feeling": list(FEELING_IDS),
        "shared": feeling_counts(experiences).to_list(),
        "answered": answered.reindex(list(FEELING_IDS), fill_value=0).astype("int64").to_list(),
    })


def feeling_table(experiences: pd.DataFrame) -> pd.DataFrame:
    """``by_feeling`` followed by a « Total » row: ``feeling, shared, answered``."""
    table = by_feeling(experiences)
    table.loc[len(table)] = ["Total", len(experiences), answered_count(experiences)]
    return table


def mail_totals(mail_survey: pd.DataFrame) -> dict[str, int]:
    """Counts of the mail survey, all waves added: sent, responses, satisfied, neutral, dissatisfied."""
    return {col: int(mail_survey[col].sum()) for col, _id, _label in MAIL_COUNTS}


def response_rate(mail_survey: pd.DataFrame) -> tuple[float | None, int, int]:
    """Responses over questionnaires sent (0-100), with both counts."""
    totals = mail_totals(mail_survey)
    return rate(totals["responses"], totals["sent"]), totals["responses"], totals["sent"]


WAVE_COLUMNS = ["wave", "sent", "responses", "satisfied", "neutral", "dissatisfied", "rate"]


def wave_table(mail_survey: pd.DataFrame) -> pd.DataFrame:
    """One row per wave of the mail survey (oldest first), then a « Total » row of all waves.

    Columns ``wave`` (the month sent, « novembre 2022 »; « Total »), the counts of ``MAIL_COUNTS``
    and ``rate``, the wave's response rate (0-100, NA when nothing was sent).
    """
    waves = mail_survey.sort_values("wave", kind="stable").reset_index(drop=True)
    rows = [[fmt_month(wave.wave), *(int(getattr(wave, col)) for col, _id, _label in MAIL_COUNTS),
             rate(int(wave.responses), int(wave.sent))] for wave in waves.itertuples(index=False)]
    rows.append(["Total", *mail_totals(mail_survey).values(), response_rate(mail_survey)[0]])
    table = pd.DataFrame(rows, columns=WAVE_COLUMNS)
    table["rate"] = table["rate"].astype("Float64")
    return table


def monthly_feelings(experiences: pd.DataFrame, year: int) -> pd.DataFrame:
    """Shares per month of writing and feeling (every feeling, zeros kept; rows: first days of months)."""
    from helpers.indicators.complaints import by_month

    return by_month(experiences["written"], experiences["feeling"], list(FEELING_IDS), year)


def indicators(experiences: pd.DataFrame | None, mail_survey: pd.DataFrame | None,
               settings: dict[str, Any]) -> list[Indicator]:
    """The records of the files provided (either may be None: its records are then left out)."""
    records: list[Indicator] = []
    if experiences is not None:
        records.append(Indicator("experiences", "experiences_shared", "Expériences partagées sur Services Publics+",
                                 float(len(experiences)), "nombre", decimals=0))
        for feeling, n in feeling_counts(experiences).items():
            ident, label = FEELING_IDS[feeling]
            records.append(Indicator("experiences", ident, label, float(n), "nombre", decimals=0))
        records.append(Indicator("experiences", "experiences_answered", "Expériences ayant reçu une réponse",
                                 float(answered_count(experiences)), "nombre", decimals=0))
    if mail_survey is not None:
        totals = mail_totals(mail_survey)
        for col, ident, label in MAIL_COUNTS:
            records.append(Indicator("experiences", ident, label, float(totals[col]), "nombre", decimals=0))
        value, responses, sent = response_rate(mail_survey)
        records.append(Indicator("experiences", "mail_survey_response_rate",
                                 "Taux de réponse à l'enquête par courriel", value, "%", responses, sent, decimals=1))
    return records


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("experiences", "mail_survey")


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["experiences"], tables["mail_survey"], settings)
