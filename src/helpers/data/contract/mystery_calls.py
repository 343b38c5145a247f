"""Contract of the mystery calls: the evaluation grid and the results of each call."""

from __future__ import annotations

from helpers.data.contract.spec import Column, RowCheck, TableSpec, in_lookup, in_period

SECTIONS = ("SVI", "standard", "après transfert")
RESULTS = ("atteint", "non atteint", "sans objet")

GRID = TableSpec(
    stem="appels_mysteres_grille",
    table="mystery_grid",
    source="mystery_calls",
    title="Appels mystères : grille d'évaluation",
    description="Un critère de la grille par ligne, avec sa partie de l'appel et son poids.",
    columns=(
        Column("id_critere", "item_id", "text", "identifiant du critère", unique=True),
        Column("libelle", "label", "text", "ce que l'évaluateur vérifie", redacted=True, label=True),
        Column("partie", "section", "category", "partie de l'appel évaluée", allowed=SECTIONS),
        Column("poids", "weight", "integer", "points du critère", min=1),
    ),
)

RESULTS_TABLE = TableSpec(
    stem="appels_mysteres_resultats",
    table="mystery_results",
    needs=("mystery_grid",),
    source="mystery_calls",
    title="Appels mystères : résultats",
    description="Un critère évalué par ligne : pour chaque appel, une ligne par critère de la grille.",
    columns=(
        Column("id_appel", "call_id", "text", "identifiant de l'appel"),
        Column("date_appel", "date", "date", "date de l'appel (jj/mm/aaaa)", in_year=True),
        Column("ligne_appelee", "line", "text", "ligne téléphonique appelée (standard, service…)"),
        Column("service", "service", "category", "service de l'ATE joint", allowed="perimeter.services"),
        Column("id_critere", "item_id", "text", "critère de la grille évalué"),
        Column("resultat", "result", "category", "résultat du critère", allowed=RESULTS),
    ),
    checks=(
        RowCheck("mystery_window", "date", "une date comprise dans la période des appels déclarée dans annee.yaml",
                 lambda df, ctx: in_period(df["date"], ctx, "appels_mysteres")),
        RowCheck("mystery_duplicate", "item_id", "un seul résultat par appel et par critère",
                 lambda df, ctx: ~df.duplicated(["call_id", "item_id"], keep="first")),
        RowCheck("mystery_item_in_grid", "item_id",
                 "un critère de la grille d'évaluation (colonne id_critere de appels_mysteres_grille)",
                 lambda df, ctx: in_lookup(df["item_id"], ctx, "mystery_grid.item_id")),
    ),
)
