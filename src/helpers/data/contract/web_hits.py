"""Contract of the raw web-analytics export: one row per page view (``site_internet_pages_vues``).

An alternative to ``site_internet`` (the yearly unique visitors per section): when only the raw
export is provided, ``helpers.data.loading`` counts the visitors from it; when both are, they must
agree. The visitor id is only counted, never published; an IP address column is accepted and
dropped at load.
"""

from __future__ import annotations

from helpers.data.contract.communication import WHOLE_SITE
from helpers.data.contract.spec import Column, RowCheck, TableSpec, same_text

WEB_HITS = TableSpec(
    stem="site_internet_pages_vues",
    table="web_hits",
    needs=("web_visitors",),
    source="communication",
    title="Export brut des pages vues du site internet",
    description=(
        "L'export brut de l'outil de mesure d'audience (Matomo, AT Internet…), une page vue par ligne. "
        "Quand le fichier site_internet est absent, les visiteurs uniques de l'année par rubrique et de l'ensemble "
        "du site en sont comptés ; quand les deux fichiers sont fournis, leurs nombres doivent concorder. "
        "L'identifiant de visiteur sert seulement à compter les visiteurs : il n'est jamais publié."
    ),
    columns=(
        Column("date", "date", "date", "date et heure de la page vue (jj/mm/aaaa hh:mm:ss)", in_year=True),
        Column("id_visiteur", "visitor_id", "text",
               "identifiant pseudonyme du visiteur donné par l'outil (seulement compté, jamais publié)"),
        Column("rubrique", "section", "text", "rubrique du site de la page vue", redacted=True),
        Column("url", "url", "text", "adresse de la page vue", required=False, nullable=True),
        Column("adresse_ip", "personal_ip_address", "text", "donnée personnelle : acceptée, supprimée au chargement",
               required=False, nullable=True, personal=True),
    ),
    checks=(
        RowCheck("hits_section_not_total", "section",
                 f"une rubrique du site (« {WHOLE_SITE} » est le total, compté à partir des autres lignes)",
                 lambda df, ctx: ~same_text(df["section"], WHOLE_SITE)),
    ),
)
