"""Committee decisions and improvement plan: the tables the report shows, and their counts.

Decisions are attributed to the organisation that asked (``requested_by``), never to a
person; actions and deadlines to the service that leads them (``owner``).

These texts are typed by people (the minutes of a committee, a user's request quoted in it): their
personal data are masked at load (``redacted`` columns of ``helpers.data.contract.plan``), so « Demande
de M. Dupont » reaches these tables as « Demande de M. [nom masqué] ».
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.indicators.records import Indicator

SOURCE = "plan"
DECISION, ACTION, DEADLINE = "décision", "action", "échéance"


def _entries(plan: pd.DataFrame, entry_type: str, columns: list[str]) -> pd.DataFrame:
    """The entries of one type."""
    return plan.loc[plan["entry_type"] == entry_type, columns].reset_index(drop=True)


def decisions(plan: pd.DataFrame) -> pd.DataFrame:
    """Decisions and requests of the committee: who asked, what, status and detail."""
    return _entries(plan, DECISION, ["entry_id", "theme", "requested_by", "action", "status", "detail"])


def actions(plan: pd.DataFrame) -> pd.DataFrame:
    """Actions of the improvement plan by theme: owner, due month, status, linked dashboard indicator."""
    return _entries(plan, ACTION, ["entry_id", "theme", "action", "owner", "due", "status", "linked_indicator"])


def deadlines(plan: pd.DataFrame) -> pd.DataFrame:
    """Coming deadlines (audits, diagnostics), soonest first; those without a month last."""
    out = _entries(plan, DEADLINE, ["entry_id", "action", "owner", "due", "status", "detail"])
    return out.sort_values("due", kind="stable", na_position="last").reset_index(drop=True)


def indicators(plan: pd.DataFrame) -> list[Indicator]:
    """Counts of decisions, actions and deadlines."""
    counts = plan["entry_type"].value_counts()
    return [
        Indicator(SOURCE, "decisions", "Décisions et demandes du comité", float(counts.get(DECISION, 0)), "nombre",
                  decimals=0),
        Indicator(SOURCE, "actions", "Actions du plan d'amélioration", float(counts.get(ACTION, 0)), "nombre",
                  decimals=0),
        Indicator(SOURCE, "deadlines", "Échéances à venir", float(counts.get(DEADLINE, 0)), "nombre", decimals=0),
    ]


# The tables the source reads (``helpers.indicators.registry``).
TABLES = ("plan",)


def records(tables: dict[str, pd.DataFrame | None], settings: dict[str, Any], year: int) -> list[Indicator]:
    """The source's records from its tables restricted to the scope (None: not provided); [] without data."""
    return indicators(tables["plan"]) if tables["plan"] is not None else []
