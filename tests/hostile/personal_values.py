"""Personal data as users write it, and what of it must never reach an output.

``PERSONAL_VALUES`` pairs a sentence that a user could write in a comment, an experience share or
that an agent could type in a plan or decision text, with the substring of it that no output may
hold (a surname, a street's name, a number as it is written). Each form of writing that
``helpers.data.redaction`` masks has at least one pair; the forbidden substrings are specific enough not
to appear by chance in a French report (invented surnames and street names, numbers written with
their separators). ``leaks(text)`` says which forbidden substrings a text holds.
"""

from __future__ import annotations

import re
import unicodedata

PERSONAL_VALUES: list[tuple[str, str]] = [
    # Civilities: without a dot, in any case, plural, look-alike letters, invisible characters.
    ("Reçu par M Durandeau, très aimable.", "Durandeau"),
    ("Reçue par mme lhermitte au guichet, rien à redire.", "lhermitte"),
    ("MADAME FAUCONNIER A REFUSÉ MON DOSSIER", "FAUCONNIER"),
    ("Accueil par monsieur jaquemin-morel très patient.", "jaquemin"),
    ("\u041cme Quintard m'a très bien renseigné.", "Quintard"),  # Cyrillic М
    ("\u039cme Ravignac a pris le temps.", "Ravignac"),  # Greek Μ
    ("Merci à Mme Tré\u200bmoureux pour son accueil.", "Trémoureux"),  # zero-width space
    ("Dossier suivi par M. Castag\u00adnède, injoignable.", "Castagnède"),  # soft hyphen
    ("Reçus par MM. Bourdalou et Kerbiriou, puis plus rien.", "Kerbiriou"),
    # Names introduced by the user, signatures, thanks, « Prénom NOM ».
    ("Je suis Fatima Zahra El Idrissi et j'attends ma carte depuis six mois.", "Idrissi"),
    ("Je suis Fatima Zahra El Idrissi et j'attends ma carte depuis six mois.", "Fatima Zahra"),
    ("Bonjour, je m'appelle Yannick Kerouédan et je n'ai pas de réponse.", "Kerouédan"),
    ("je m'appelle gwenaëlle poupardin, merci de me rappeler", "poupardin"),
    ("Nom : VASSEUR-LEBRUN Prénom : Ombeline", "Ombeline"),
    ("Cordialement, Aubéry Castaignède", "Castaignède"),
    ("Merci à l'agent Morvillier pour sa patience !", "Morvillier"),
    ("Zébulon TRÉBUCHET attend toujours sa réponse.", "TRÉBUCHET"),
    ("Mme Lachaume née Frouvillier demande son acte.", "Frouvillier"),
    # E-mail addresses, plain and disguised.
    ("Mon adresse : jean.bour\u200bdalou@exemple.fr", "jean.bourdalou@exemple.fr"),
    ("Écrivez-moi : jean.soubeyran at gmail dot com", "jean.soubeyran"),
    ("Contact : claire.pelletan [at] orange [dot] fr", "claire.pelletan"),
    ("Écrire à marc.vignerot(arobase)laposte.net", "marc.vignerot"),
    ("Mon mail : paul point lachaumette arobase free point fr", "lachaumette"),
    ("Répondez à anne.quesnoy @ gmail . com", "anne.quesnoy"),
    # Phone numbers in every French writing.
    ("Rappelez-moi au 06/12/34/56/78 s'il vous plaît.", "06/12/34/56/78"),
    ("Mon portable : 6 12 34 56 78, le soir.", "6 12 34 56 78"),
    ("Tél. 07.98.76.54.32 après 18 h.", "07.98.76.54.32"),
    ("Joignable au 07 98 76 54 31 ou au 0798765430.", "07 98 76 54 31"),
    ("Joignable au 07 98 76 54 31 ou au 0798765430.", "0798765430"),
    ("Appelez le +33 6 11 22 33 44 en journée.", "6 11 22 33 44"),
    ("Appelez le +33 06 55 44 33 22 ou le 0033 (0)6 55 44 33 21.", "06 55 44 33 22"),
    ("Appelez le +33 06 55 44 33 22 ou le 0033 (0)6 55 44 33 21.", "6 55 44 33 21"),
    ("Mon numéro : +33698765432", "+33698765432"),
    ("Numéro : 06 - 19 - 28 - 37 - 46", "06 - 19 - 28 - 37 - 46"),
    ("Mon numéro belge : +32 2 123 45 67", "+32 2 123 45 67"),
    # Postal addresses, street abbreviations, postal codes, invisible characters.
    ("J'habite au 12 rue des Ta\u200bmaris depuis dix ans.", "Tamaris"),
    ("Domicile : 12 r. des Coquelicots-Sauvages, 45380 La Chapelle-Saint-Mesmin", "Coquelicots"),
    ("Envoyez au 4 imp. des Ravaudeurs 45380 La Chapelle-Saint-Mesmin", "45380"),
    ("Courrier au 8 av. Anatole-Vauquelin, merci.", "Vauquelin"),
    ("Je vis au 3 bd Hippolyte-Jaquemart.", "Jaquemart"),
    ("Au 11 pl. Adrien-Morvilliers, deuxième étage.", "Morvilliers"),
    ("Au 5 all. des Glycines-Mauves, bâtiment C.", "Glycines-Mauves"),
    ("Au 7 chem. de la Garenne-Frouville.", "Frouville"),
    ("Au 9 rte de Saint-Ythier, lieu de mon exploitation.", "Ythier"),
    # Number plates, foreigner's, passport, social security, bank numbers.
    ("Véhicule AB-123-CD enlevé sans préavis.", "AB-123-CD"),
    ("Ma voiture GH 456 JK est en fourrière.", "GH 456 JK"),
    ("Plaque ab-987-cd introuvable dans le fichier.", "ab-987-cd"),
    ("Voiture immatriculée 1234 AB 45, toujours pas de carte grise.", "1234 AB 45"),
    ("Mon numéro AGDREF est 4512345678.", "4512345678"),
    ("N° étranger : 45 98 76 54 32", "45 98 76 54 32"),
    ("Mon passeport 12AB34567 est bloqué.", "12AB34567"),
    ("passeport n° 98 CD 76543 perdu", "98 CD 76543"),
    ("Sécurité sociale 1-85-05-78-006-084-36", "1-85-05-78-006-084-36"),
    ("NIR 285 05 78 006 084 36 à corriger", "285 05 78 006 084 36"),
    ("n° de sécu 1850578006084", "1850578006084"),
    ("Remboursez sur FR76 3000 6000 0112 3456 7890 189 merci", "FR76 3000 6000 0112 3456 7890 189"),
    ("IBAN : fr7630006000011234567890189", "fr7630006000011234567890189"),
    ("Mon adresse IP : 203.0.113.87", "203.0.113.87"),
    # Dates of birth.
    ("Je suis né le 12/03/1985 à Gien.", "12/03/1985"),
    ("Date de naissance : 07.11.1979", "07.11.1979"),
    ("Née à Casablanca le 3 mars 1982, j'attends mon titre.", "3 mars 1982"),
    ("né(e) le 21-06-1990", "21-06-1990"),
]

_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u206f\u3164\ufeff\uffa0]")


def _flat(text: str) -> str:
    """NFKC, invisible characters removed, runs of spaces made one space, case folded."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).casefold()


def leaks(text: str) -> list[str]:
    """The forbidden substrings of ``PERSONAL_VALUES`` found in ``text``, in their order.

    Compared after NFKC and removing invisible characters, whatever the case, with any run of
    spaces or line breaks read as one space, or a line break read as nothing (a PDF wraps
    ``06/12/34/`` then ``56/78``), and with words cut at a line end (``Quin-`` then ``tard``)
    read joined.
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    variants = {_flat(text), _flat(re.sub(r"-[ \t]*\n\s*", "", text)), _flat(re.sub(r"-[ \t]*\n\s*", "-", text)),
                _flat(re.sub(r"[ \t]*\n\s*", "", text))}
    found: list[str] = []
    for _sentence, forbidden in PERSONAL_VALUES:
        if forbidden not in found and any(_flat(forbidden) in variant for variant in variants):
            found.append(forbidden)
    return found
