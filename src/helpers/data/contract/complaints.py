"""Contract of the complaints and suggestions register (``registre_reclamations``)."""

from __future__ import annotations

from helpers.data.contract.spec import Column, RowCheck, TableSpec, answered_within

CHANNELS = ("courriel", "courrier", "urne", "formulaire web", "plateforme SP+")
KINDS = ("réclamation", "suggestion", "remerciement")

REGISTER = TableSpec(
    stem="registre_reclamations",
    table="complaints",
    source="complaints",
    title="Registre des réclamations et suggestions",
    description=(
        "Une réclamation, suggestion ou remerciement par ligne. Les colonnes d'identité de "
        "l'usager (nom, prénom, courriel, téléphone, adresse) sont acceptées mais jamais lues."
    ),
    required=True,
    columns=(
        Column("id", "entry_id", "text", "numéro d'enregistrement", unique=True),
        Column("date_reception", "received", "date", "date de réception (jj/mm/aaaa)", in_year=True),
        Column("date_reponse", "answered", "date", "date de la réponse (vide tant que la réponse est en attente)",
               nullable=True),
        Column("canal", "channel", "category", "canal de réception", allowed=CHANNELS),
        Column("nature", "kind", "category", "nature de l'écrit", allowed=KINDS),
        Column("service", "service", "category", "service de l'ATE concerné", allowed="perimeter.services"),
        Column("objet", "topic", "text", "thème de la demande (sans donnée personnelle)", redacted=True),
        *(Column(h, f"personal_{h}", "text", "donnée personnelle : acceptée, supprimée au chargement",
                 required=False, nullable=True, personal=True)
          for h in ("nom", "prenom", "courriel", "telephone", "adresse")),
    ),
    checks=(
        RowCheck("answered_after_received", "answered",
                 "une date de réponse postérieure ou égale à la date de réception",
                 lambda df, ctx: df["answered"].isna() | df["received"].isna() | (df["answered"] >= df["received"])),
        RowCheck("answered_within_a_year", "answered",
                 "une date de réponse au plus un an après la date de réception (une date plus lointaine est sans "
                 "doute une faute de frappe dans l’année)",
                 lambda df, ctx: answered_within(df["answered"], df["received"])),
    ),
)
