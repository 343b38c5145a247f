"""Masking personal data in users' free text before a reader sees any of it (GDPR).

``redact(text)`` replaces, in this order:

1. e-mail addresses, also written ``nom(at)domaine.fr``, ``nom [at] domaine.fr`` or
   ``nom arobase domaine.fr`` -> « [courriel masqué] »;
2. numbers shaped like a French social security number (NIR: 13 digits, or 15 with the key,
   spaces allowed, Corsica's 2A/2B) -> « [numéro masqué] »;
3. French phone numbers: ``0X`` followed by eight digits, grouped or not, separated by spaces,
   dots or dashes (``06 12 34 56 78``, ``06.12.34.56.78``, ``0612345678``, ``06 1234 5678``),
   and the international forms ``+33 6 12 34 56 78``, ``+33 (0)6 12 34 56 78``, ``0033 6…``
   -> « [téléphone masqué] »;
4. postal addresses: a street number (``12``, ``12 bis``, ``3B``) followed by a kind of street
   (rue, avenue, av., boulevard, bd, place, chemin, allée, impasse, route, quai, cours…) and its
   name, up to the next punctuation mark, with the postal code and town when they follow
   -> « [adresse masquée] »;
5. names after a civility (M., MM., Mr, Monsieur, Mme, Madame, Mlle, Mademoiselle, Dr, Docteur,
   Pr, Professeur, Maître, Me, in the singular or plural): the capitalised words that follow,
   hyphenated (``Jean-Pierre``, ``DUPONT-MORETTI``), with particles (``de La Fontaine``, ``d'Arc``,
   ``Le Goff``, ``van der Berg``), initials (``J.-P. Martin``) or in capitals (``DUPONT``); the
   civility is kept: « Mme [nom masqué] »;
6. a first name followed by a surname in capitals, or the reverse (``Zébulon QUINTARD``,
   ``QUINTARD Zébulon``), without civility -> « [nom masqué] ».

Decisions and known limits (the verbatims of the report are few and short for that reason):

- A function after a civility is not a name and is kept: « Madame la Préfète », « Monsieur le
  Sous-Préfet », « Madame la Directrice » stay as written (they name an office, not a citizen);
  a name that follows the function is masked (« Madame la Préfète [nom masqué] »). Hence
  « M. Le Maire » is read as the mayor, not as Mr Le Maire.
- A civility with nothing capitalised after it is left alone (« J'ai vu M. » at the end of a
  sentence); conversely a civility ending a sentence eats the capitalised first word of the next
  one (« … à M. Puis » -> « … à M. [nom masqué] »): masking too much is the safe side.
- Not detected: a name without civility that is not in the « Prénom NOM » form (« merci à
  Zébulon », « Quintard m'a reçu »), a name in lower case after a civility (« mme quintard »),
  a phone number spelled in words or foreign phone numbers other than +33, an address without a
  street number (« rue des Lilas »), dates of birth, IBANs. Dates (« 12/01/2023 »), times
  (« 10 h 30 »), amounts (« 1 500 € »), percentages and article numbers are not touched.
- Over-masking: any ten-digit number starting with 0 (a file number ``0123456789``) is masked
  as a phone number; a capitalised word followed by a word of four capitals or more that is not
  a known acronym (« Dossier PREFECTURE ») is masked as a name.
"""

from __future__ import annotations

import re

import pandas as pd

EMAIL = "[courriel masqué]"
PHONE = "[téléphone masqué]"
NAME = "[nom masqué]"
ADDRESS = "[adresse masquée]"
NIR = "[numéro masqué]"

_UP = "A-ZÀ-ÖØ-ÞŒŸ"
_LO = "a-zß-öø-ÿœ"
_SP = r"[ \t\u00a0\u202f]"  # horizontal spaces, non-breaking ones included

# ---- e-mail addresses ---------------------------------------------------------------------------
_AT = r"(?:@|\s*[(\[]\s*(?i:at|arobase)\s*[)\]]\s*|\s+(?i:arobase)\s+)"
_EMAIL_RE = re.compile(rf"(?<![\w.+\-])[\w.+\-]+{_AT}[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{{2,}}\b")

# ---- NIR (social security number) --------------------------------------------------------------
_NIR_RE = re.compile(r"(?<![\d])[1-478]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[ABab])\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?![\d])")

# ---- phone numbers -------------------------------------------------------------------------------
_SEP = r"[ .\-\u00a0\u202f]?"
_PHONE_RE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00){_SEP}33{_SEP}(?:\(\s?0\s?\){_SEP})?[1-9]|0[1-9])(?:{_SEP}\d){{8}}(?![\d])"
)

# ---- postal addresses ----------------------------------------------------------------------------
# Kinds of street that are unambiguous after a number, and those that are only a street when a
# capitalised name follows (« 3 place du Martroi », but « 2 places », « 1 cours de français »).
_STREETS = (r"rue|avenue|av\.|bd|boulevard|chemin|all[ée]e|impasse|faubourg|fbg|rond-point|esplanade|sentier|"
            r"lotissement|r[ée]sidence|hameau|ruelle|venelle|villa|square|parvis|promenade|quai")
_AMBIGUOUS_STREETS = r"place|route|cours|passage|voie|cit[ée]|mail"
_STOP = (r"(?:et|à|a|pour|depuis|mais|car|où|qui|que|dont|je|j['’]|nous|on|il|elle|ils|elles|sans|avec|est|"
         r"était|puis|donc|ou|ni)")
_STREET_WORD = rf"(?!{_STOP}\b)[\w'’\-]+"
_PARTICLE_WORDS = r"(?:de|du|des|la|le|les|l['’]|d['’]|aux|au|saint|sainte)"
_NUMBER = rf"(?<![\d,.])\d{{1,4}}(?:{_SP}?(?i:bis|ter|quater)\b|[A-Da-d]\b)?,?"
_TOWN = rf"(?:,?{_SP}*\d{{5}}{_SP}+[{_UP}][\w'’\-]*(?:{_SP}+(?:[{_UP}][\w'’\-]*|sur|sous|en|la|le|les))*)?"
_ADDRESS_RE = re.compile(
    rf"{_NUMBER}{_SP}+(?:"
    rf"(?i:{_STREETS})\b(?:{_SP}+{_STREET_WORD}){{1,6}}"
    rf"|(?i:{_AMBIGUOUS_STREETS})\b(?:{_SP}+{_PARTICLE_WORDS})*{_SP}*[{_UP}][\w'’\-]*(?:{_SP}+{_STREET_WORD}){{0,5}}"
    rf"){_TOWN}"
)

# ---- names ---------------------------------------------------------------------------------------
_CIVILITY = (
    r"(?:(?<![\w.])(?:MM\.|M\.|(?:Mmes|Mme|Mlles|Mlle|Mrs|Mr|Dr|Pr|Me)\.?(?![\w]))"
    r"|\b(?i:monsieur|messieurs|madame|mesdames|mademoiselle|mesdemoiselles|docteur|professeur|ma[iî]tre)\b)"
)
_FUNCTION = (
    r"(?i:(?:sous-)?pr[ée]f[eè]te?|secr[ée]taire(?:\s+g[ée]n[ée]rale?)?|directeur|directrice|maire|pr[ée]sidente?|"
    r"ministre|d[ée]put[ée]e?|s[ée]nat(?:eur|rice)|juge|procureure?|commissaire|cheffe?|responsable|agente?|"
    r"conseill[eè]re?|adjointe?|m[ée]diat(?:eur|rice)|d[ée]l[ée]gu[ée]e?)\b"
)
_ARTICLE = rf"(?:(?i:le|la|les){_SP}+|(?i:l)['’]{_SP}*)"
_WORD = rf"[{_UP}][{_UP}{_LO}'’]*(?:-[{_UP}][{_UP}{_LO}'’]*)*"
_INITIAL = rf"[{_UP}]\.(?:-[{_UP}]\.)?"
_PARTICLE = rf"(?:(?:de|du|des|le|la|les|van|von|der|den|di|da|del|della|dos|das|ben|bin|el|al|ter|ten){_SP}+|[dl]['’])"
_TOKEN = rf"{_PARTICLE}*(?:{_INITIAL}|{_WORD})"
_NAMES = rf"{_TOKEN}(?:{_SP}+{_TOKEN})*"
_PLURAL_CIVILITY = r"(?:(?<![\w.])(?:MM\.|(?:Mmes|Mlles)\.?(?![\w]))|\b(?i:messieurs|mesdames|mesdemoiselles)\b)"


def _civility_name_re(civility: str, names: str) -> re.Pattern[str]:
    """A civility, an optional function kept (« Madame la Préfète »), then the names to mask."""
    return re.compile(rf"(?P<keep>{civility}(?:{_SP}+{_ARTICLE}{_FUNCTION})?)(?:\s+|(?<=\.))"
                      rf"(?!{_ARTICLE}?{_FUNCTION})(?P<name>{names})")


# Plural civilities first: their names may be joined by commas or « et » (« MM. Dupont et Durand »).
_PLURAL_NAME_RE = _civility_name_re(_PLURAL_CIVILITY, rf"{_NAMES}(?:{_SP}*(?:,|et){_SP}+{_NAMES})*")
_CIVILITY_NAME_RE = _civility_name_re(_CIVILITY, _NAMES)

# « Prénom NOM » or « NOM Prénom » without civility; acronyms of four capitals or more that are
# not surnames are listed so that « Démarche ANTS » stays readable.
_ACRONYMS = frozenset({
    "ANTS", "CPAM", "URSSAF", "SNCF", "DDPP", "DDETS", "DDFIP", "DREAL", "DRFIP", "DGFIP", "CARSAT", "OFII",
    "OFPRA", "ANEF", "PREFECTURE", "PRÉFECTURE", "FRANCE", "SERVICE", "SERVICES", "PUBLICS", "ACCUEIL", "MERCI",
    "URGENT", "BRAVO", "SVP", "TRES", "TRÈS", "RDV", "ATTENTION", "AUCUN", "AUCUNE", "JAMAIS", "TOUJOURS",
    "RIEN", "TOUT", "TOUS", "PAS", "NON", "OUI", "INADMISSIBLE", "SCANDALEUX", "HONTEUX", "INACCEPTABLE",
    "MADAME", "MONSIEUR", "MADEMOISELLE", "MESDAMES", "MESSIEURS", "DOCTEUR", "MAÎTRE", "MAITRE",
})
_FIRST = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
_CAPS = rf"[{_UP}]{{2,}}(?:[-'’][{_UP}]{{2,}})*"
_FIRST_CAPS_RE = re.compile(rf"\b(?P<a>{_FIRST}){_SP}+(?P<b>{_CAPS})\b(?![{_LO}])"
                            rf"|\b(?P<c>{_CAPS}){_SP}+(?P<d>{_FIRST})\b")


def _first_caps(match: re.Match[str]) -> str:
    caps = match.group("b") or match.group("c")
    if len(caps) < 4 or caps.upper() in _ACRONYMS:
        return match.group(0)
    return NAME


def _civility_name(match: re.Match[str]) -> str:
    keep = match.group("keep")
    separator = match.group(0)[len(keep):match.start("name") - match.start()]
    return f"{keep}{separator or ' '}{NAME}"


def redact(text: str) -> str:
    """The text with e-mails, phone and social security numbers, addresses and names masked."""
    if not isinstance(text, str) or not text:
        return text
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _NIR_RE.sub(NIR, text)
    text = _PHONE_RE.sub(PHONE, text)
    text = _ADDRESS_RE.sub(ADDRESS, text)
    text = _PLURAL_NAME_RE.sub(_civility_name, text)
    text = _CIVILITY_NAME_RE.sub(_civility_name, text)
    return _FIRST_CAPS_RE.sub(_first_caps, text)


def redact_series(s: pd.Series) -> pd.Series:
    """``redact`` applied to every text of a column; empty cells stay empty."""
    return s.map(lambda v: redact(v) if isinstance(v, str) else v)
