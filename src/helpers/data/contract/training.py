"""Contract of the staff training records (``formations``): one training followed by one agent per row."""

from __future__ import annotations

from helpers.data.contract.spec import Column, RowCheck, TableSpec

TRAINING = TableSpec(
    stem="formations",
    table="training",
    source="training",
    title="Formations des agents",
    description=(
        "Une formation suivie par un agent par ligne. L'agent est désigné par un identifiant "
        "pseudonyme ; des colonnes nom et prénom éventuelles sont ignorées."
    ),
    columns=(
        Column("id_agent", "agent_id", "text", "identifiant pseudonyme de l'agent (ex. AG-0042)"),
        Column("service", "service", "category", "service de l'agent", allowed="perimeter.services"),
        Column("formation", "training", "text", "intitulé de la formation", redacted=True),
        Column("date_formation", "date", "date", "date de la formation (jj/mm/aaaa)", in_year=True),
        Column("tutorat", "tutoring", "yesno", "formation reçue en tutorat (oui/non)", required=False, nullable=True),
        *(Column(h, f"personal_{h}", "text", "donnée personnelle : ignorée", required=False, nullable=True,
                 personal=True) for h in ("nom", "prenom")),
    ),
    checks=(
        RowCheck("training_once", "training", "une seule ligne par agent et par formation",
                 lambda df, ctx: ~df.duplicated(["agent_id", "training"], keep="first")),
    ),
)
