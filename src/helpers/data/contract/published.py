"""Contract of the figures already published (``chiffres_publies``): what an earlier deck printed.

The analyst records here figures communicated before (slides of the committee, dashboards
sent out); the pipeline recomputes each one and lists every difference in the report's
data-quality notes, so a figure never changes, nor was ever printed wrong, silently.
"""

from __future__ import annotations

from helpers.data.contract.spec import Column, TableSpec

PUBLISHED = TableSpec(
    stem="chiffres_publies",
    table="published",
    source="published",
    title="Chiffres déjà publiés",
    description=(
        "Un chiffre déjà communiqué par ligne, tel qu'il a été imprimé (« 64% », « 81,50 % »), avec "
        "l'identifiant de l'indicateur qui le recalcule et le support où il a paru."
    ),
    columns=(
        Column("source", "source", "text", "source de l'indicateur (survey, mystery_calls…)"),
        Column("indicateur", "indicator", "text", "identifiant de l'indicateur"),
        Column("annee", "year", "integer", "année du chiffre"),
        Column("valeur_imprimee", "printed", "text", "le chiffre tel qu'il a été imprimé"),
        Column("support", "medium", "text", "où il a été publié (présentation du comité du …)", redacted=True),
    ),
)
