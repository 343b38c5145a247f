"""Contract of the Services Publics+ experience shares (platform export) and the mail survey."""

from __future__ import annotations

from helpers.data.contract.spec import Column, RowCheck, TableSpec, answered_within

FEELINGS = ("Positif", "Neutre", "Négatif")
STATES = ("Publiée", "Répondue", "En attente de réponse", "Clôturée", "Modérée")

EXPERIENCES = TableSpec(
    stem="sp_plus_experiences",
    table="experiences",
    source="experiences",
    title="Partages d'expérience Services Publics+",
    description=(
        "L'export de la plateforme Services Publics+ tel quel, une expérience par ligne. Les colonnes "
        "« tags_… » sont acceptées quelles qu'elles soient ; le pseudonyme de l'usager est ignoré."
    ),
    columns=(
        Column("id_experience", "experience_id", "text", "identifiant de l'expérience sur la plateforme", unique=True),
        Column("ecrit_le", "written", "date", "date de dépôt", in_year=True),
        Column("titre", "title", "text", "titre donné par l'usager (caviardé avant publication)",
               required=False, nullable=True, redacted=True),
        Column("description", "description", "text", "récit de l'usager (caviardé avant publication)",
               required=False, nullable=True, redacted=True),
        Column("ressenti_usager", "feeling", "category", "ressenti déclaré par l'usager", allowed=FEELINGS),
        Column("intitule_structure_1", "structure", "category", "structure concernée (nom sur la plateforme)",
               allowed="perimeter.platform_structures"),
        Column("intitule_typologie_1", "typology", "text", "typologie de la démarche", nullable=True,
               redacted=True),
        Column("date_de_premiere_reponse", "first_answer", "date", "date de la première réponse de l'administration",
               nullable=True),
        Column("etat_experience", "state", "category", "état de l'expérience sur la plateforme", allowed=STATES),
        Column("pseudo", "personal_pseudo", "text", "pseudonyme de l'usager : ignoré", required=False,
               nullable=True, personal=True),
    ),
    extra_prefixes=("tags_",),
    checks=(
        RowCheck("answer_after_written", "first_answer", "une date de première réponse postérieure ou égale au dépôt",
                 lambda df, ctx: df["first_answer"].isna() | df["written"].isna()
                 | (df["first_answer"] >= df["written"].dt.normalize())),
        RowCheck("answer_within_a_year", "first_answer",
                 "une date de première réponse au plus un an après le dépôt (une date plus lointaine est sans doute "
                 "une faute de frappe dans l’année)",
                 lambda df, ctx: answered_within(df["first_answer"], df["written"])),
    ),
)

MAIL_SURVEY = TableSpec(
    stem="enquete_mails",
    table="mail_survey",
    source="experiences",
    title="Enquête de satisfaction par courriel",
    description="Une vague d'envoi par ligne : questionnaires envoyés, réponses reçues et leur avis.",
    columns=(
        Column("vague", "wave", "month", "mois de la vague d'envoi (mm/aaaa)", unique=True, in_year=True),
        Column("envoyes", "sent", "integer", "questionnaires envoyés", min=0),
        Column("reponses", "responses", "integer", "réponses reçues", min=0),
        Column("satisfaits", "satisfied", "integer", "réponses satisfaites", min=0),
        Column("neutres", "neutral", "integer", "réponses neutres", min=0),
        Column("insatisfaits", "dissatisfied", "integer", "réponses insatisfaites", min=0),
    ),
    checks=(
        RowCheck("responses_le_sent", "responses", "un nombre de réponses inférieur ou égal au nombre d'envois",
                 lambda df, ctx: df["responses"] <= df["sent"]),
        RowCheck("ratings_sum", "responses", "la somme satisfaits + neutres + insatisfaits",
                 lambda df, ctx: df["satisfied"] + df["neutral"] + df["dissatisfied"] == df["responses"]),
    ),
)
