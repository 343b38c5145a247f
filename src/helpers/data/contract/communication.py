"""Contract of the communication sources: website audience, social networks, press sends."""

from __future__ import annotations

import pandas as pd

from helpers.data.contract.spec import Column, RowCheck, TableSpec

WHOLE_SITE = "Ensemble du site"
NETWORKS = ("Twitter", "Facebook", "Instagram", "LinkedIn", "Mastodon")
PRESS_KINDS = ("communiqué", "invitation presse", "agenda public")

WEBSITE = TableSpec(
    stem="site_internet",
    table="web_visitors",
    needs=("web_hits",),
    source="communication",
    title="Audience du site internet",
    description=(
        f"Visiteurs uniques de l'année par rubrique. La ligne « {WHOLE_SITE} » donne le total du "
        "site (un visiteur qui consulte plusieurs rubriques n'y compte qu'une fois)."
    ),
    columns=(
        Column("annee", "year", "integer", "année"),
        Column("rubrique", "section", "text", f"rubrique du site, ou « {WHOLE_SITE} »", unique=True,
               redacted=True),
        Column("visiteurs_uniques", "visitors", "integer", "visiteurs uniques de l'année", min=0),
    ),
    checks=(
        RowCheck("web_year", "year", "l'année du dossier", lambda df, ctx: df["year"] == ctx.year),
        RowCheck("web_section_le_total", "visitors", f"un nombre inférieur ou égal à celui de « {WHOLE_SITE} »",
                 lambda df, ctx: df["visitors"] <= df.loc[df["section"] == WHOLE_SITE, "visitors"].max()),
        RowCheck("web_total_present", "section", f"une ligne « {WHOLE_SITE} » dans le fichier",
                 lambda df, ctx: pd.Series((df["section"] == WHOLE_SITE).any() | (df.index != df.index.min()),
                                           index=df.index)),
    ),
)

SOCIAL = TableSpec(
    stem="reseaux_sociaux",
    table="social_networks",
    source="communication",
    title="Connexions aux réseaux sociaux",
    description="Connexions (vues des publications) par mois et par réseau social.",
    columns=(
        Column("mois", "month", "month", "mois (mm/aaaa)", in_year=True),
        Column("reseau", "network", "category", "réseau social", allowed=NETWORKS),
        Column("connexions", "connections", "integer", "connexions du mois", min=0),
    ),
    checks=(
        RowCheck("social_once", "month", "une seule ligne par mois et par réseau",
                 lambda df, ctx: ~df.duplicated(["month", "network"], keep="first")),
    ),
)

PRESS = TableSpec(
    stem="presse",
    table="press",
    source="communication",
    title="Envois à la presse",
    description="Nombre d'envois à la presse par mois et par type d'envoi.",
    columns=(
        Column("mois", "month", "month", "mois (mm/aaaa)", in_year=True),
        Column("type_envoi", "kind", "category", "type d'envoi", allowed=PRESS_KINDS),
        Column("envois", "sends", "integer", "nombre d'envois du mois", min=0),
    ),
    checks=(
        RowCheck("press_once", "month", "une seule ligne par mois et par type d'envoi",
                 lambda df, ctx: ~df.duplicated(["month", "kind"], keep="first")),
    ),
)
