"""Contract of the satisfaction survey: one row per questionnaire (``enquete_satisfaction``)."""

from __future__ import annotations

from helpers.data.contract.spec import Column, RowCheck, TableSpec, in_period

# Scored criteria of the published table: (field, header, label shown in the report).
CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("courtesy", "note_courtoisie", "Courtoisie"),
    ("availability", "note_disponibilite", "Disponibilité"),
    ("disability", "note_handicap", "Prise en compte des personnes en situation de handicap"),
    ("hardship", "note_difficulte", "Prise en compte des personnes en situation de difficulté"),
    ("clear_language", "note_langage", "Langage compréhensible"),
    ("signage", "note_signaletique", "Orientation et signalétique"),
    ("premises", "note_locaux", "Disponibilité des services, confort de l'accueil, confidentialité"),
    ("waiting_time", "note_attente", "Délai d'attente"),
    ("overall", "note_generale", "Taux de satisfaction général"),
    ("digital_point", "note_point_numerique", "Taux de satisfaction au point numérique"),
)

# Yes/no items: (field, header, label shown in the report).
YES_NO_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("easy_access", "acces_facile", "Facilité pour se rendre sur le site d'accueil"),
    ("web_info_available", "info_web_disponible", "Informations disponibles sur le site internet"),
    ("web_info_findable", "info_web_facile_a_trouver", "Informations faciles à trouver"),
    ("web_info_complete", "info_web_complete", "Informations complètes"),
    ("web_info_clear", "info_web_claire", "Informations claires"),
    ("procedure_done", "demarche_realisee", "Taux de réalisation des démarches"),
    ("help_needed", "aide_necessaire", "Taux d'aide pour réaliser la démarche"),
)

COMMENT_KINDS = ("félicitations", "amélioration ressentie", "critique", "suggestion", "autre")

_in_window = RowCheck(
    name="survey_window",
    column="date",
    expected="une date comprise dans la période de l'enquête déclarée dans annee.yaml",
    ok=lambda df, ctx: in_period(df["date"], ctx, "enquete_satisfaction"),
)

SURVEY = TableSpec(
    stem="enquete_satisfaction",
    table="survey",
    source="survey",
    title="Enquête de satisfaction",
    description="Un questionnaire par ligne. Une cellule vide signifie « pas de réponse » à la question.",
    required=False,
    columns=(
        Column("id_questionnaire", "questionnaire_id", "text", "identifiant du questionnaire", unique=True),
        Column("date", "date", "date", "date de passage de l'usager (jj/mm/aaaa)", in_year=True),
        Column("service", "service", "category", "service de l'ATE qui a accueilli l'usager",
               allowed="perimeter.services"),
        Column("site", "site", "text", "lieu d'accueil (commune, bâtiment)", redacted=True),
        Column("guichet", "counter", "category", "code du guichet (DMI, BER, PAN…, voir settings.yaml)",
               allowed="counters"),
        *(Column(header, field, "integer", f"note de 1 à 10 : {label}", nullable=True, min=1, max=10)
          for field, header, label in CRITERIA),
        *(Column(header, field, "yesno", f"oui/non : {label}", nullable=True) for field, header, label in YES_NO_ITEMS),
        Column("type_commentaire", "comment_kind", "category",
               "nature du commentaire libre, codée par le service qualité",
               required=False, nullable=True, allowed=COMMENT_KINDS),
        Column("commentaire", "comment", "text", "commentaire libre de l'usager (caviardé avant publication)",
               required=False, nullable=True),
    ),
    checks=(_in_window,),
)
