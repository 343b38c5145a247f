"""Sample decisions and improvement plan: the quality officer's follow-up workbook (2022 only).

Decisions come from the minutes (``committee_decisions``), each attributed to an organisation;
a published status with a remark (« non réalisé ; mention légale… ») is split into a status of
the contract and its ``precision``. Actions come from the 2023 plan, with a plausible pilot
service, a due month in 2023 and, where an action clearly follows a dashboard indicator, that
indicator. Deadlines come from the « Prochaines échéances » slide.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.contract.plan import PLAN, STATUSES
from helpers.data.sample.writers import write_xlsx

PLAN_YEAR = 2022  # the plan was adopted at the committee reviewing 2022
STATUS_ALIASES = {"réponse": "répondu"}
QUALITY_OFFICE = "Préfecture - mission qualité"
# First keyword found in an action's wording -> pilot service.
OWNERS = (
    ("DDPP", "DDPP"),
    ("étrangers", "Préfecture - direction des migrations et de l'intégration"),
    ("PAN", "Préfecture - points d'accueil numériques"),
    ("site internet", "Préfecture - service communication"),
    ("Formations", "SGC-D - formation"),
    ("Tutorats", "SGC-D - formation"),
    ("éco-responsables", "SGC-D"),
)
# First keyword found in an action's wording -> dashboard indicator the action follows.
LINKED_INDICATORS = (
    ("accueil téléphonique", "calls_answered"),
    ("site internet", "web_update_3d"),
)


def split_status(text: str) -> tuple[str, str | None]:
    """A published status as (status of the contract, remark): « réponse : identique » -> (répondu, identique)."""
    if text in STATUSES:
        return text, None
    for sep in (" ; ", " : "):
        head, _, rest = text.partition(sep)
        head = STATUS_ALIASES.get(head, head)
        if rest and head in STATUSES:
            return head, rest
    raise ValueError(f"status not in the contract: {text!r}")


def first_match(text: str, rules: tuple[tuple[str, str], ...], default: str | None) -> str | None:
    """The value of the first rule whose keyword appears in ``text``."""
    return next((value for keyword, value in rules if keyword in text), default)


def due_month(when: object) -> tuple[pd.Timestamp | None, str | None]:
    """A published deadline (``2023-12`` or ``2023``) as (month, remark for a year-only deadline)."""
    text = str(when)
    if len(text) == 4:
        return None, f"à l'horizon {text}"
    return pd.Timestamp(f"{text}-01"), None


def frame(rng: np.random.Generator, ref: dict[str, Any]) -> pd.DataFrame:
    """Every decision, action and deadline as a row of the workbook."""
    meeting = ref["meeting"]["date"]
    meeting = meeting if isinstance(meeting, dt.date) else dt.date.fromisoformat(str(meeting))
    known = {i["id"] for i in ref["quality_dashboard"]["indicators"]}
    rows = []
    for n, item in enumerate(ref["committee_decisions"], start=1):
        status, detail = split_status(item["status"])
        rows.append({"id": f"D{n:02d}", "type": "décision", "theme": f"Comité du {meeting:%d/%m/%Y}",
                     "libelle": item["topic"], "demande_par": item["by"], "statut": status, "precision": detail})
    plan_year = meeting.year
    n = 0
    for theme in ref["improvement_plan_2023"]["themes"]:
        for action in theme["actions"]:
            n += 1
            linked = first_match(action, LINKED_INDICATORS, None)
            rows.append({"id": f"A{n:02d}", "type": "action", "theme": theme["theme"], "libelle": action,
                         "pilote": first_match(action, OWNERS, QUALITY_OFFICE),
                         "echeance": pd.Timestamp(plan_year, int(rng.integers(3, 13)), 1), "statut": "prévu",
                         "indicateur_lie": linked if linked in known else None})
    for n, item in enumerate(ref["improvement_plan_2023"]["deadlines"], start=1):
        due, detail = due_month(item["when"])
        rows.append({"id": f"E{n:02d}", "type": "échéance", "theme": "Prochaines échéances", "libelle": item["what"],
                     "pilote": QUALITY_OFFICE, "echeance": due, "statut": "prévu", "precision": detail})
    out = pd.DataFrame(rows, columns=[c.header for c in PLAN.columns])
    out["echeance"] = pd.to_datetime(out["echeance"])
    return out


def write(year: int, folder: Path, rng: np.random.Generator, ref: dict[str, Any]) -> list[Path]:
    """Write ``plan_amelioration.xlsx`` in the folder of the reviewed year (2022); nothing otherwise."""
    if year != PLAN_YEAR:
        return []
    return [write_xlsx(frame(rng, ref), folder / f"{PLAN.stem}.xlsx", sheet="Suivi")]
