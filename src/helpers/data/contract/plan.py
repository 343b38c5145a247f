"""Contract of the committee decisions and the improvement plan (``plan_amelioration``)."""

from __future__ import annotations

from helpers.data.contract.spec import Column, TableSpec

ENTRY_TYPES = ("décision", "action", "échéance")
STATUSES = ("accepté", "à étudier", "demandé", "information", "point de vigilance", "répondu",
            "non réalisé", "prévu", "en cours", "réalisé", "abandonné")

PLAN = TableSpec(
    stem="plan_amelioration",
    table="plan",
    source="plan",
    title="Décisions du comité et plan d'amélioration",
    description=(
        "Une ligne par décision ou demande du comité (attribuée à un organisme, jamais à une "
        "personne), par action du plan d'amélioration, ou par échéance à venir (audit, diagnostic)."
    ),
    columns=(
        Column("id", "entry_id", "text", "identifiant de la ligne", unique=True),
        Column("type", "entry_type", "category", "décision du comité, action du plan ou échéance", allowed=ENTRY_TYPES),
        Column("theme", "theme", "text", "thème", redacted=True, label=True),
        Column("libelle", "action", "text", "décision, action ou échéance", redacted=True, label=True),
        Column("demande_par", "requested_by", "text", "organisme à l'origine de la demande", nullable=True,
               redacted=True, label=True),
        Column("pilote", "owner", "text", "service pilote", nullable=True, redacted=True, label=True),
        Column("echeance", "due", "month", "mois d'échéance (mm/aaaa)", nullable=True),
        Column("statut", "status", "category", "statut", allowed=STATUSES),
        Column("precision", "detail", "text", "précision sur le statut ou la réponse apportée", required=False,
               nullable=True, redacted=True),
        Column("indicateur_lie", "linked_indicator", "text", "identifiant de l'indicateur suivi par l'action",
               required=False, nullable=True),
    ),
)
