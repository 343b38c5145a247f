"""Contract of the quality dashboard (``tableau_de_bord``): one indicator per row, one column per year."""

from __future__ import annotations

from helpers.data.contract.spec import Column, RowCheck, TableSpec

UNITS = ("%", "jours", "nombre")
OPERATORS = ("=", ">=", ">", "<=", "<")

DASHBOARD = TableSpec(
    stem="tableau_de_bord",
    table="dashboard",
    source="dashboard",
    title="Tableau de bord qualité",
    description=(
        "Un indicateur par ligne, une colonne par année (en-tête « 2019 », « 2020 »…). Une cellule "
        "annuelle contient un nombre, « non suivi » (indicateur pas encore suivi) ou « - » (pas de "
        "valeur cette année) : les trois restent distincts, et aucun ne vaut zéro."
    ),
    required=True,
    columns=(
        Column("id_indicateur", "indicator", "text", "identifiant stable de l'indicateur", unique=True),
        Column("domaine", "domain", "text", "domaine du tableau de bord", redacted=True, label=True),
        Column("libelle", "label", "text", "libellé de l'indicateur", redacted=True, label=True),
        Column("engagements", "engagements", "text", "codes des engagements, séparés par « ; » (ex. E 1.2 ; E 11.2)"),
        Column("service", "service", "category", "service qui suit l'indicateur", allowed="perimeter.services"),
        Column("unite", "unit", "category", "unité", allowed=UNITS),
        # "text", not "category": category matching ignores punctuation, so "=" and ">=" would collide.
        Column("cible_operateur", "target_op", "text", "opérateur de la cible (vide sans cible)",
               nullable=True, allowed=OPERATORS),
        Column("cible_valeur", "target_value", "decimal", "valeur de la cible (vide sans cible)", nullable=True),
    ),
    # The yearly columns are named by their year; they are read by helpers.data.loading.
    extra_prefixes=("19", "20"),
    checks=(
        RowCheck("target_pair", "target_value", "une valeur de cible si et seulement si un opérateur est donné",
                 lambda df, ctx: df["target_op"].isna() == df["target_value"].isna()),
    ),
)
