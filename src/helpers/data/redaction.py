"""Masking personal data in free text before a reader sees any of it (GDPR).

``redact(text)`` first normalises the text, then masks what it recognises, rule after rule.

Normalisation (kept in the output):

- Unicode NFKC (fullwidth ``０６``, ``＠``, ligatures, superscript ``Mᵐᵉ``, exotic spaces become
  plain characters), except the non-breaking spaces U+00A0 and U+202F and the ellipsis « … »,
  which NFKC would turn into plain spaces and three dots: the French typography of a quote is
  kept, and every rule reads them as spaces or a full stop;
- invisible characters removed: every format character (Unicode category Cf: zero-width space,
  joiners U+200B-U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, bidirectional
  controls…), the combining grapheme joiner, Hangul fillers, keycap marks after a digit
  (``6️⃣``), and variation selectors except after a pictograph (whose emoji form they choose).

Matching only (the output keeps the characters as written): every rule reads a "skeleton" of the
text, of the same length, where accented Latin letters are their base letter (``é`` -> ``e``,
``ł`` -> ``l``), Cyrillic and Greek look-alikes of Latin letters are Latin (``М`` in ``Мme``,
``о``, ``Ρ``…), non-ASCII decimal digits are ASCII digits, typographic apostrophes and dashes are
``'`` and ``-``. A mask replaces the same span of the output.

What is masked, in this order:

1. e-mail addresses -> « [courriel masqué] »: ``nom@domaine.fr``, spaces around ``@`` or a dot,
   ``(at)``, ``[at]``, ``{at}``, ``(a)``, ``[@]``, ``(arobase)``, `` arobase ``, `` at ``, and dots
   written ``dot``, ``point``, ``(point)``, ``[dot]`` (``jean point dupont arobase gmail point com``);
2. bank details -> « [coordonnées bancaires masquées] »: IBANs of any country, grouped or not,
   any case (``FR76 3000 6000 0112 3456 7890 189``), French RIBs (5 + 5 + 11 + 2 characters);
3. social security numbers (NIR: 13 digits, or 15 with the key, Corsica's 2A/2B, a space, dot or
   dash allowed between any two digits) -> « [numéro masqué] »;
4. phone numbers -> « [téléphone masqué] »: ``+33``, ``0033`` or ``(+33)``, with or without
   ``(0)`` or a leading 0 kept after it, then nine digits with any separators; national numbers
   ``0X`` + eight digits in pairs with one separator repeated (space, dot, dash, slash, spaced or
   not: ``06/12/34/56/78``, ``06 - 12 - 34 - 56 - 78``), as ``06 1234 5678``, bare, or with
   irregular spaces; the leading 0 forgotten (``6 12 34 56 78``, and bare ``612345678`` for a
   mobile); other countries' numbers written with ``+`` or ``00`` and their country code;
5. identity numbers -> « [numéro masqué] »: the number that follows a document word (AGDREF,
   numéro étranger, passeport, carte d'identité, CNI, titre de séjour, récépissé, permis, carte
   Vitale, numéro fiscal, allocataire, CAF…), six digits or more or a mix of letters and digits;
   French passport numbers (``12AB34567``); any run of ten digits or more (the foreigner's AGDREF
   number has ten); IPv4 addresses;
6. number plates -> « [immatriculation masquée] »: ``AB-123-CD``, ``AB 123 CD``, ``AB123CD``
   (the letters the plates use), and the old ``1234 AB 45`` after « immatriculé », « plaque »,
   « véhicule » or « voiture »;
7. dates of birth -> « [date masquée] »: the date (``12/03/1985``, ``12.03.85``, ``1er mars
   1985``, ``1985-03-12``, ``mars 1985``, a year) after « né », « née », « né(e) », « date de
   naissance », « DDN », « naissance », a birth place allowed between (« née à Casablanca le … »);
8. postal addresses -> « [adresse masquée] »: a street number (``12``, ``12 bis``, ``3B``,
   ``12-14``) then a kind of street, in full or abbreviated (rue, r., av., bd, bld, pl., imp.,
   all., chem., ch., rte, quai, fbg, sq., résidence, lieu-dit…) and its name, up to the next
   punctuation mark or a word like « et », « depuis »; a postal code, town and CEDEX that
   follow. Without a number: a street with its postal code, or a street after « j'habite »,
   « domicilié », « demeurant », « adresse : »;
9. names -> « [nom masqué] »: after a civility in any case (M., M, MM., Mr, Mrs, Ms, Mme, Mmes,
   Mlle, Melle, Monsieur, Madame, Mademoiselle, Messieurs, Mesdames, Dr, Docteur, Pr, Professeur,
   Maître, Me), the capitalised words that follow (hyphenated, with particles ``de La``, ``d'``,
   ``van der``, ``El``, initials ``J.-P.``, capitals), or up to three lower-case words
   (« mme quintard »); the civility is kept: « Mme [nom masqué] »; the name after « je suis »,
   « je m'appelle », « je me nomme », « mon nom est », « nom : », « prénom : », « signé », a
   closing formula (« Cordialement, Jean Dupont »), « merci à », « grâce à », « reçu par »,
   « l'agent », « née », « épouse »; a first name followed by a surname in capitals, or the reverse (``Zébulon
   QUINTARD``, ``QUINTARD Zébulon``).

Decisions:

- A function after a civility is kept (« Madame la Préfète », « Monsieur le Sous-Préfet »,
  « Madame la Directrice »): it names an office, not a citizen; a name after it is masked
  (« Madame la Préfète [nom masqué] »). Hence « M. Le Maire » is read as the mayor. ``Me`` is a
  civility only capitalised and before a capitalised word (« Me voici » is left alone), ``M``
  without a dot only in capitals, ``Pr`` only capitalised.
- The report's ordinary figures are not touched: dates of events (« 12/01/2023 », « 06/12/2022 »,
  « 12.01.2023 », « 3 février 2023 », « Comité du 24/01/2023 ») outside a birth context, times
  (« 10 h 30 », « 14:30 »), amounts (« 1 500 € »), percentages, counts (« 10 000 »), article
  numbers (« L. 121-1 », « R. 311-2-4 »), engagement codes (« E 3.1 »), file numbers such as
  « 45-2022-000123 » and a postal code alone (« code postal 45000 ») outside an identity context.
  A slashed or dotted phone number needs the same separator between its five pairs, so that
  « 01/02/2023 10 h » stays a date.
- Masking too much is the safe side: a civility ending a sentence eats the capitalised first word
  of the next one (« … à M. Puis » -> « … à M. [nom masqué] »); in a text written in capitals,
  every word after a civility is taken for the name (« MADAME DURAND A REFUSÉ » -> « MADAME
  [nom masqué] »); « Je suis Français » is masked as a name unless the word is a listed
  nationality; any ten-digit number starting with 0 is a phone number, any other run of ten
  digits or more a number; a capitalised word followed by a word of four capitals or more that is
  not a known acronym (« Dossier PREFECTURE ») is a name; the administration's own phone numbers
  and addresses are masked like anyone's.

Known limits (not recognised reliably, hence few and short quotes, chosen by people):

- a name without any cue: « Quintard m'a reçu », « merci à jean », a first name alone in lower
  case, a nickname or pseudonym, a name in a script other than Latin, Greek or Cyrillic;
- an address without a street number nor postal code nor residence verb (« rue des Lilas »),
  a lieu-dit without a kind of street, a P.O. box, a town alone;
- numbers spelled in words (« zéro six douze… »), with letters for digits (``O6``), or split by
  words; a foreign phone number without its country code; an AGDREF or identity card number
  written in groups without a document word; the new identity card's nine characters without
  a document word;
- a date of birth without a cue (« 12/03/1985 » alone), an age (« j'ai 38 ans »), a birth place;
- obfuscations beyond the listed ones (other look-alike letters, combining marks inside a word,
  an e-mail split over several lines, spelled domains with an unusual top-level domain);
- indirect identification: a rare situation, a job, a family detail, a date of visit combined
  with a counter. Only people can judge that: quotes are few, short, per counter with enough
  questionnaires, and switched on or off by ``survey.quote_comments``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

EMAIL = "[courriel masqué]"
PHONE = "[téléphone masqué]"
NAME = "[nom masqué]"
ADDRESS = "[adresse masquée]"
NIR = "[numéro masqué]"  # social security, AGDREF, passport, identity card and other long numbers
NUMBER = NIR
PLATE = "[immatriculation masquée]"
BIRTH_DATE = "[date masquée]"
BANK = "[coordonnées bancaires masquées]"
PLACEHOLDERS = (EMAIL, PHONE, NAME, ADDRESS, NIR, PLATE, BIRTH_DATE, BANK)

# ---- normalisation -------------------------------------------------------------------------------
_KEPT_RE = re.compile("([\u00a0\u202f\u2026])")  # NFKC would lose them; they are kept as written
_INVISIBLE_RE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
    r"|(?<=\w)[\ufe00-\ufe0f\u20e3]+"  # a keycap or a variation selector after a letter or digit
    # a variation selector anywhere but after a pictograph (whose emoji form it chooses)
    "|(?<![\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u2bff\u3030\u303d\U0001f000-\U0001faff])[\ufe00-\ufe0f]"
)


def normalise(text: str) -> str:
    """NFKC (non-breaking spaces and the ellipsis kept), invisible characters removed."""
    parts = _KEPT_RE.split(text)
    text = "".join(part if i % 2 else unicodedata.normalize("NFKC", part) for i, part in enumerate(parts))
    return _INVISIBLE_RE.sub("", text)


# ---- skeleton: what the rules read ------------------------------------------------------------------
_LOOKALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Ү": "Y", "Һ": "H", "Ӏ": "I",
    "Ԛ": "Q", "Ԝ": "W", "а": "a", "е": "e", "ё": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ү": "y", "һ": "h", "ӏ": "l", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "к": "k", "м": "m", "т": "t", "н": "h", "в": "b",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    # Armenian and Latin letters without a decomposition
    "օ": "o", "ս": "u", "հ": "h", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ħ": "h",
    "Ħ": "H", "ı": "i", "ɑ": "a", "ɡ": "g", "ɩ": "i",
}
_PUNCTUATION = {"\u00a0": " ", "\u202f": " ", "\u2026": ".", "\u2019": "'", "\u2018": "'", "\u201b": "'",
                "\u02bc": "'", "\u00b4": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-",
                "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\ufe63": "-"}


def _build_skeleton() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xA0, 0x2000):
        char = chr(cp)
        if unicodedata.category(char)[0] == "L":
            base = unicodedata.normalize("NFD", char)[0]
            base = _LOOKALIKES.get(base, base)
            if base != char:
                table[cp] = base
        elif unicodedata.decimal(char, None) is not None:
            table[cp] = str(unicodedata.decimal(char))
    table.update({ord(k): v for k, v in {**_LOOKALIKES, **_PUNCTUATION}.items()})
    return table


_SKELETON = _build_skeleton()


def skeleton(text: str) -> str:
    """What the rules read: same length as ``text``, accents, look-alikes and dashes made plain."""
    return text.translate(_SKELETON)


def _letters() -> tuple[str, str]:
    """Upper- and lower-case letters of the skeleton (ASCII, and the letters left as they are)."""
    upper, lower = set(), set()
    for cp in [*range(0xC0, 0x530), *range(0x1E00, 0x2000)]:
        char = chr(cp).translate(_SKELETON)
        if char.isascii() or not char.isalpha():
            continue
        (upper if char.isupper() else lower if char.islower() else set()).add(char)
    return "A-Z" + _ranges(upper), "a-z" + _ranges(lower)


def _ranges(chars: set[str]) -> str:
    """A character class's content for ``chars``, consecutive code points written as ranges."""
    points, out = sorted(ord(c) for c in chars), []
    for cp in points:
        if out and cp == out[-1][1] + 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in out)


_UP, _LO = _letters()
_SP = r"[ \t]"  # horizontal spaces (the skeleton's non-breaking spaces are plain spaces)

Replacement = str | Callable[[re.Match[str], str], str | None]


class _Lazy:
    """A pattern compiled on its first use (the rules cost a tenth of a second to compile)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled.search(text, pos)


def _sub(pattern: _Lazy, replace: Replacement, text: str, skel: str) -> tuple[str, str]:
    """Replace the matches found in the skeleton, in the text and in the skeleton alike.

    A replacement function returning None rejects its match (« CCI Zébulon » is no name): the
    search starts again one character further, so that « Zébulon TRÉBUCHET » is still found.
    """
    texts, skels, last, pos = [], [], 0, 0
    while pos <= len(skel) and (match := pattern.search(skel, pos)) is not None:
        new = replace if isinstance(replace, str) else replace(match, text)
        if new is None or new == text[match.start():match.end()] or match.end() == match.start():
            pos = match.start() + 1
            continue
        texts += (text[last:match.start()], new)
        skels += (skel[last:match.start()], new.translate(_SKELETON))
        last = pos = match.end()
    if not texts:
        return text, skel
    return "".join([*texts, text[last:]]), "".join([*skels, skel[last:]])


def _keep(group: str, mask: str) -> Callable[[re.Match[str], str], str]:
    """A replacement keeping the text before group ``group`` and masking the group."""
    def replace(match: re.Match[str], text: str) -> str:
        return text[match.start():match.start(group)] + mask + text[match.end(group):match.end()]
    return replace


# ---- e-mail addresses -------------------------------------------------------------------------------
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT = (rf"(?:\s*@\s*|\s*{_OPEN}\s*(?:@|(?i:at|a|arobase|arobas))\s*{_CLOSE}\s*"
       r"|\s+(?i:at|arobase|arobas)\s+)")
_SPELLED_DOT = rf"(?:\s*{_OPEN}\s*(?:\.|(?i:dot|point))\s*{_CLOSE}\s*|\s+(?i:dot|point)\s+)"
_ANY_DOT = rf"(?:\s*\.\s*|{_SPELLED_DOT})"
_TLD = (r"(?i:com|net|org|fr|eu|info|biz|gouv|be|ch|ca|de|es|it|uk|lu|ma|dz|tn|sn|ci|cm|re|pt|nl|io|me|co|us"
        r"|ru|pl|ro|tr|bzh|mc|ml|mg|ht|gp|mq|yt|nc|pf)")
_LOCAL = rf"[\w+\-]+(?:(?:\.|{_SPELLED_DOT})[\w+\-]+)*"
_DOMAIN = rf"(?:[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{{2,}}\b|[\w\-]+(?:{_ANY_DOT}[\w\-]+)*?{_ANY_DOT}{_TLD}\b)"
_EMAIL_RE = _Lazy(rf"(?<![\w.+\-]){_LOCAL}{_AT}{_DOMAIN}")

# ---- bank details -------------------------------------------------------------------------------------
_IBAN_RE = _Lazy(r"(?<!\w)(?i:[a-z]{2}\d{2}[ \-]?[a-z0-9]{4}(?:[ \-]?(?=[a-z0-9]{0,3}\d)[a-z0-9]{4}){2,7}"
                      r"(?:[ \-]?(?=[a-z]{0,2}\d)[a-z0-9]{1,3})?)(?!\w)")
_RIB_RE = _Lazy(r"(?<![\w])\d{5}[ \-]?\d{5}[ \-]?[A-Za-z0-9]{11}[ \-]?\d{2}(?![\w])")

# ---- NIR (social security number) ------------------------------------------------------------------------
_N = r"[ .\-]?"
_NIR_RE = _Lazy(rf"(?<!\d)[1-478]{_N}\d{_N}\d{_N}\d{_N}\d{_N}(?:\d{_N}\d|2{_N}[ABab])"
                     rf"(?:{_N}\d){{6}}(?:\s?[/\-.]?\s?\d{_N}\d)?(?!\d)")

# ---- phone numbers ----------------------------------------------------------------------------------------
_GAP = r"(?:\s?[.\-/]\s?|\s{1,2})?"  # between two digits of a number known to be a phone number
_PHONE_INTL_RE = _Lazy(
    rf"(?<![\w+])(?:\(\s?)?(?:\+\s?|00)33\s?\)?(?:\s?[.\-]?\s?\(\s?0\s?\))?(?:\s?[.\-/]?\s?)0?[1-9](?:{_GAP}\d){{8}}(?!\d)"
)
_PAIR_SEP = r"\s?[.\-/]\s?|\s{1,3}"
_PHONE_RE = _Lazy(
    rf"(?<![\d+])(?:0[1-9](?P<s>{_PAIR_SEP}|)\d\d(?:(?P=s)\d\d){{3}}"  # pairs, one separator repeated
    r"|0[1-9](?P<t>[ .\-])\d{4}(?P=t)\d{4}"  # 06 1234 5678
    r"|0[1-9](?: ?\d){8})(?!\d)"  # irregular spaces
)
_PHONE_NO_ZERO_RE = _Lazy(rf"(?<![\d+])(?<!\d[ .\-/])(?:[1-9](?P<u>{_PAIR_SEP})\d\d(?:(?P=u)\d\d){{3}}"
                               r"|[67]\d{8})(?!\d)")
_PHONE_FOREIGN_RE = _Lazy(rf"(?<![\w+])(?:\+\s?|00)(?!33)[1-9]\d{{0,2}}(?:\s?\(\s?0\s?\))?"
                               rf"(?:{_GAP}\d){{7,12}}(?!\d)")

# ---- identity numbers, long numbers, IP addresses --------------------------------------------------------
_ID_WORDS = (r"(?i:agdref|(?:num(?:ero)?|n°|no)\s*(?:d')?etrangers?|passeports?|carte\s+(?:nationale\s+)?d'identite"
             r"|cni|titre\s+de\s+sejour|recepisse|permis(?:\s+de\s+conduire)?|carte\s+vitale|securite\s+sociale|secu"
             r"|nir|numero\s+fiscal|spi|allocataire|caf|compte\s+bancaire|iban|rib)\b")
_ID_FILLER = r"(?:\s*(?i:n°|no|num|numero|nr|est|le|mon|ma|:|#|=|-)\.?)"
_ID_RE = _Lazy(rf"\b{_ID_WORDS}{_ID_FILLER}{{0,4}}\s*(?P<id>(?=(?:[ .\-]?\d){{6}})\d(?:[ .\-]?\d)+"
                    r"|(?i:(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{6,14}))(?![\w])")
_PASSPORT_RE = _Lazy(r"(?<![\w])\d{2}(?P<p> ?)(?:[A-Z]{2}|[a-z]{2})(?P=p)\d{5}(?![\w])")
_LONG_NUMBER_RE = _Lazy(r"(?<!\d)\d{10,}(?!\d)")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IP_RE = _Lazy(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\d|\.\d)")

# ---- number plates ----------------------------------------------------------------------------------------
_PL, _pl = "A-HJ-NP-TV-Z", "a-hj-np-tv-z"  # plates use neither I, O nor U
_PLATE_RE = _Lazy(rf"(?<![\w])(?:[{_PL}]{{2}}(?P<q>[ \-]?)\d{{3}}(?P=q)[{_PL}]{{2}}"
                       rf"|[{_pl}]{{2}}-\d{{3}}-[{_pl}]{{2}})(?![\w])")
_OLD_PLATE_RE = _Lazy(r"\b(?i:immatricul\w*|plaques?(?:\s+d'immatriculation)?|vehicules?|voitures?)"
                           r"(?:\s*(?i:n°|no|:|est|le))*\s*(?P<plate>\d{1,4}[ \-]?[A-Z]{1,3}[ \-]?(?:\d{2}|2[AB]|97\d))"
                           r"(?![\w])")

# ---- dates of birth --------------------------------------------------------------------------------------
_MONTH = (r"(?i:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
          r"|janv|fevr?|avr|juil|sept|oct|nov|dec)\.?")
_DATE = (rf"(?:\d{{1,2}}(?:er)?\s?[./\-]\s?\d{{1,2}}(?:\s?[./\-]\s?\d{{2,4}})?"
         rf"|\d{{1,2}}(?:er)?\s+{_MONTH}(?:\s+\d{{2,4}})?"
         rf"|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{4}}|(?:19|20)\d{{2}})(?![\d])")
_BIRTH_RE = _Lazy(
    r"\b(?i:ne\s?\(\s?e\s?\)(?:\s?s)?|(?:nee?s?|date\s+de\s+naissance|date\s+naiss|ddn|naissance)\b\.?)"
    rf"(?:\s+(?i:a)\s+[{_UP}][\w'\-]*(?:[ \-][\w'\-]+){{0,3}}?)?\s*,?\s*(?:(?i:le|en|du|:|-)\s*)?(?P<date>{_DATE})"
)

# ---- postal addresses -------------------------------------------------------------------------------------
_STREETS = (r"rue|avenue|boulevard|chemin|allee|impasse|faubourg|rond-point|esplanade|sentier|lotissement|residence"
            r"|hameau|ruelle|venelle|villa|square|parvis|promenade|quai|lieu-dit|lieudit"
            r"|av\.|av|bd|bld|blvd|boul\.|chem\.|all\.|imp\.|imp|fbg|fg|lot\.|res\.|sq\.|rte\.|rte|r\.|r"
            r"|pl\.|ch\.|crs\.|pass\.")
_AMBIGUOUS_STREETS = r"place|route|cours|passage|voie|cite|mail|pl|ch|crs"
_STOP = (r"(?:et|a|au|aux|pour|depuis|mais|car|ou|qui|que|dont|je|j'|nous|on|il|elle|ils|elles|sans|avec|est|"
         r"etait|puis|donc|ni|sur|en|tel|tél|telephone|mail|courriel|portable)")
_STREET_WORD = rf"(?!{_STOP}\b)(?!\d{{5}}\b)[\w'\-]+"
_PARTICLE_WORDS = r"(?:de|du|des|la|le|les|l'|d'|aux|au|saint|sainte)"
_KIND = rf"(?:(?i:{_STREETS})(?:(?<=\.)|\b)(?:{_SP}+{_STREET_WORD}){{1,6}}" \
        rf"|(?i:{_AMBIGUOUS_STREETS})\b(?:{_SP}+{_PARTICLE_WORDS})*{_SP}*[{_UP}][\w'\-]*(?:{_SP}+{_STREET_WORD}){{0,5}})"
_NUMBER = rf"(?<![\d,.\w])\d{{1,4}}(?:{_SP}?[\-/]{_SP}?\d{{1,4}})?(?:{_SP}?(?i:bis|ter|quater)\b|{_SP}?[A-Da-d]\b)?,?"
_TOWN_NAME = (rf"[{_UP}][\w'\-]*(?:{_SP}+(?:(?:sur|sous|en|la|le|les|de|du){_SP}+)?(?!(?i:cedex)\b)"
              rf"[{_UP}][\w'\-]*)*")
_POSTCODE_TOWN = rf"\s*[,\-]?\s*\d{{5}}{_SP}+{_TOWN_NAME}(?:{_SP}+(?i:cedex)(?:{_SP}+\d{{1,2}})?)?"
_ADDRESS_RE = _Lazy(rf"{_NUMBER}{_SP}+{_KIND}(?:{_POSTCODE_TOWN})?")
_STREET_POSTCODE_RE = _Lazy(rf"\b(?:(?i:{_STREETS})(?:(?<=\.)|\b)|(?i:{_AMBIGUOUS_STREETS})\b)"
                                 rf"(?:{_SP}+{_STREET_WORD}){{1,6}}?{_POSTCODE_TOWN}")
_RESIDENCE_RE = _Lazy(
    r"\b(?i:habit(?:e|es|ons|ez|ent)|domicilie(?:e|s|es)?|demeurant|resid(?:ant|e|ons|ez|ent)|adresse\s*:|domicile\s*:)"
    rf"(?:{_SP}+(?i:au|a|a la|dans la|dans le|en|sur|:))?{_SP}+(?P<addr>(?:{_KIND}))"
)

# ---- names -----------------------------------------------------------------------------------------------------
_CIVILITY_WORDS = r"monsieur|messieurs|madame|mesdames|mademoiselle|mesdemoiselles|docteur|professeur|maitre"
_CIVILITY = (
    r"(?:(?<![\w.])(?i:mm\.|(?<!\d )m\.)|(?<!\w)(?i:(?:mmes|mme|mlles|mlle|melles|melle|mrs|mr|ms|dr)\.?(?!\w))"
    r"|(?<![\w.])(?:Me|Pr|PR|M)\.?(?!\w)"
    rf"|\b(?i:{_CIVILITY_WORDS})\b)"
)
_FUNCTION = (
    r"(?i:(?:sous-|vice-)?prefete?|secretaire(?:\s+generale?)?|(?:sous-)?direct(?:eur|rice)|maire|presidente?"
    r"|ministre|deputee?|senat(?:eur|rice)|juge|procureure?|commissaire|cheffe?|responsable|agente?|conseill(?:er|ere)"
    r"|adjointe?|mediat(?:eur|rice)|deleguee?|inspect(?:eur|rice)|controle(?:ur|use)|capitaine|commandant|lieutenant"
    r"|colonel|generale?|officier|brigadier|gendarme|policiere?|rect(?:eur|rice)|avocate?|notaire|huissier)\b"
)
_ARTICLE = rf"(?:(?i:le|la|les){_SP}+|(?i:l)'{_SP}*)"
_WORD = rf"[{_UP}][{_UP}{_LO}']*(?:-[{_UP}][{_UP}{_LO}']*)*"
_INITIAL = rf"[{_UP}]\.(?:-[{_UP}]\.)?"
_PARTICLE = (rf"(?:(?:de|du|des|le|la|les|van|von|der|den|di|da|del|della|dos|das|ben|bin|ibn|el|al|ter|ten){_SP}+"
             r"|[dl]')")
_TOKEN = rf"{_PARTICLE}*(?:{_INITIAL}|{_WORD})"
_NAMES = rf"{_TOKEN}(?:{_SP}+{_TOKEN})*"
_NOT_A_NAME_START = rf"(?!(?i:{_CIVILITY_WORDS})\b)(?!\[)"
_PLURAL_CIVILITY = r"(?:(?<![\w.])(?i:mm\.|(?:mmes|mlles|melles)\.?(?!\w))|\b(?i:messieurs|mesdames|mesdemoiselles)\b)"

# Words that end a lower-case name (« madame dupont est partie »), or that are never one.
_STOPWORDS = (
    "a ai as au aux avec avait avaient avons avez ont bien bon bonne c ca car ce ces cet cette chez comme dans de des "
    "du deja donc elle elles en encore est et etait etaient etre ete eu fait fut il ils je jamais l la le les leur "
    "leurs lui m ma mais me meme mes moi mon ne ni nos notre nous on ou par pas peu plus pour pourtant puis qu que "
    "quel quelle qui quoi sa sans se ses si son sont sur ta te tes toi ton toujours tout toute tous toutes tres trop "
    "tu un une vos votre vous vraiment y merci bonjour bonsoir svp stp aimable agreable gentil gentille sympathique "
    "sympa souriant souriante patient patiente competent competente efficace disponible serviable poli polie courtois "
    "courtoise charmant charmante adorable parfait parfaite desagreable impoli impolie agent agente dame accueil "
    "guichet service personne responsable ici hier demain maintenant alors ensuite apres avant pendant depuis lors "
    "quand lorsque peut doit devrait pourrait va vient dit part"
).split()
_STOP_RE = "(?:" + "|".join(sorted(set(_STOPWORDS), key=len, reverse=True)) + ")"
_LOW_TOKEN = (rf"(?:(?:de|du|des|d'|van|von|der|el|al|ben|le|la){_SP}*)*(?!{_STOP_RE}\b)"
              rf"[{_LO}]{{2,}}(?:-[{_LO}]{{2,}})*(?![\w'])")
_LOW_CIVILITY = (r"(?<!\w)(?i:(?:monsieur|madame|mademoiselle|messieurs|mesdames|docteur|professeur|maitre"
                 r"|mmes|mme|mlles|mlle|melles|melle|mrs|mr|dr)\b\.?|(?<!\d )(?<!\.)m\.)")


def _civility_name_re(civility: str, names: str) -> _Lazy:
    """A civility, an optional function kept (« Madame la Préfète »), then the names to mask."""
    return _Lazy(rf"(?P<keep>{civility}(?:{_SP}+{_ARTICLE}{_FUNCTION})?)(?:\s+|(?<=\.))"
                      rf"(?!{_ARTICLE}?{_FUNCTION}){_NOT_A_NAME_START}(?P<name>{names})")


# Plural civilities first: their names may be joined by commas or « et » (« MM. Dupont et Durand »).
_PLURAL_NAME_RE = _civility_name_re(_PLURAL_CIVILITY, rf"{_NAMES}(?:{_SP}*(?:,|et){_SP}+{_NAMES})*")
_CIVILITY_NAME_RE = _civility_name_re(_CIVILITY, _NAMES)
_LOWER_NAME_RE = _Lazy(rf"{_LOW_CIVILITY}{_SP}+(?!{_ARTICLE}?{_FUNCTION}){_NOT_A_NAME_START}"
                            rf"(?P<name>{_LOW_TOKEN}(?:{_SP}+{_LOW_TOKEN}){{0,2}})")

# A name introduced by the user (any case after the strong cues, capitalised after the others).
_LABEL = r"(?i:(?:pre)?noms?|adresse|tel|telephone|portable|courriel|e-?mail|mail|date|nee?|age|ville|signature)"
_ANY_TOKEN = rf"(?:{_INITIAL}|{_PARTICLE}*(?!{_STOP_RE}\b)(?!{_LABEL}\s*:)[^\W\d_][\w'\-]*)"
_SELF_NAME_RE = _Lazy(
    r"\b(?i:je\s+m'appelle|je\s+me\s+(?:pre)?nomme|mon\s+(?:pre)?nom\s+(?:est|c'est|:)|(?:pre)?noms?\s*:"
    r"|nom\s+de\s+(?:famille|naissance|jeune\s+fille)\s*:?|nom\s+d'usage\s*:?|name\s*:|signature\s*:)"
    rf"{_SP}*{_NOT_A_NAME_START}(?!{_CIVILITY})(?P<name>{_ANY_TOKEN}(?:{_SP}+{_ANY_TOKEN}){{0,3}})"
)
_CAPITALISED_NAMES = rf"(?=[{_UP}][{_UP}{_LO}'\-.])(?:{_INITIAL}|{_WORD})(?:{_SP}+{_TOKEN})*"
_CUE_NAME_RE = _Lazy(
    r"\b(?i:je\s+suis|moi\s*,?\s*c'est|c'est\s+moi\s*,?"
    r"|(?:bien\s+)?cordialement|bien\s+a\s+vous|(?:sinceres\s+)?salutations(?:\s+distinguees)?|respectueusement"
    r"|signe|nee|epouse|epoux|veuve|merci(?:\s+beaucoup|\s+encore|\s+infiniment)?\s+a|remerci(?:e|er|ons|ez)(?:\s+vivement|\s+beaucoup)?"
    r"|grace\s+a|(?:recu|accueilli|aide|conseille|renseigne|oriente|servi|accompagne)(?:e|s|es)?\s+par"
    r"|(?:l'|un\s+|une\s+|votre\s+|cet\s+|cette\s+|notre\s+)?(?:agent|agente|conseiller|conseillere|interlocuteur"
    r"|interlocutrice|employee?|guichetiere?|collegue|hotesse|instruct(?:eur|rice)|technicienne?|operat(?:eur|rice)))"
    rf"{_SP}*[,.:\-]?\s+(?!{_CIVILITY}){_NOT_A_NAME_START}(?P<name>{_CAPITALISED_NAMES})"
)

# Capitalised words that follow such a cue without being a name (compared in the skeleton, lower case).
_NOT_NAMES = frozenset((
    "tous toutes tout toute vous nous toi lui eux elle elles dieu internet france services service prefecture "
    "sous-prefecture mairie etat administration equipe equipes agents agent accueil guichet personnel madame "
    "monsieur mademoiselle merci bonjour bravo cordialement bonne bon ce cette cet ces la le les un une mon ma mes "
    "votre vos notre nos leur leurs ensemble chacun chacune celle celui ceux point numerique orleans montargis "
    "pithiviers loiret centre paris europe publics public anef ants caf cpam urssaf ofii ofpra pole emploi "
    "francais francaise europeen europeenne etranger etrangere algerien algerienne marocain marocaine tunisien "
    "tunisienne senegalais senegalaise malien malienne ivoirien ivoirienne camerounais camerounaise ukrainien "
    "ukrainienne russe turc turque chinois chinoise portugais portugaise espagnol espagnole italien italienne "
    "anglais anglaise allemand allemande belge suisse roumain roumaine polonais polonaise afghan afghane syrien "
    "syrienne congolais congolaise guineen guineenne haitien haitienne comorien comorienne americain americaine "
    "bresilien bresilienne indien indienne pakistanais pakistanaise orleanais orleanaise loiretain loiretaine "
    "retraite retraitee etudiant etudiante"
).split())

# « Prénom NOM » or « NOM Prénom » without civility; acronyms of four capitals or more that are
# not surnames are listed so that « Démarche ANTS » stays readable (compared in the skeleton).
_ACRONYMS = frozenset({
    "ANTS", "CPAM", "URSSAF", "SNCF", "DDPP", "DDETS", "DDFIP", "DREAL", "DRFIP", "DGFIP", "CARSAT", "OFII",
    "OFPRA", "ANEF", "PREFECTURE", "FRANCE", "SERVICE", "SERVICES", "PUBLICS", "ACCUEIL", "MERCI", "URGENT",
    "BRAVO", "TRES", "ATTENTION", "AUCUN", "AUCUNE", "JAMAIS", "TOUJOURS", "RIEN", "TOUT", "TOUS", "INADMISSIBLE",
    "SCANDALEUX", "HONTEUX", "INACCEPTABLE", "MADAME", "MONSIEUR", "MADEMOISELLE", "MESDAMES", "MESSIEURS",
    "DOCTEUR", "MAITRE", "CERFA", "MDPH", "AFOC", "INSEE", "ANAH", "PREFET", "MAIRIE", "POLE", "EMPLOI", "ETAT",
    "LOIRET", "SVP", "RDV", "AGDREF", "IBAN", "CEDEX", "NEANT",
})
_FIRST = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
_CAPS = rf"[{_UP}]{{2,}}(?:[-'][{_UP}]{{2,}})*"
_FIRST_CAPS_RE = _Lazy(rf"\b(?P<a>{_FIRST}){_SP}+(?P<b>{_CAPS})\b(?![{_LO}])"
                            rf"|\b(?P<c>{_CAPS}){_SP}+(?P<d>{_FIRST})\b")


def _first_caps(match: re.Match[str], text: str) -> str | None:
    caps = match.group("b") or match.group("c")
    return None if len(caps) < 4 or caps.upper() in _ACRONYMS else NAME


def _civility_name(match: re.Match[str], text: str) -> str:
    keep = text[match.start():match.end("keep")]
    separator = text[match.end("keep"):match.start("name")]
    return f"{keep}{separator or ' '}{NAME}"


def _cued_name(match: re.Match[str], text: str) -> str | None:
    first = re.split(r"[ \t]+", match.group("name"))[0]
    if (first.lower() in _NOT_NAMES or first.upper() in _ACRONYMS or re.match(r"[LDld]'", first)
            or (first.isalpha() and first.isupper() and len(first) <= 3)):
        return None  # an institution, a pronoun, an acronym: not a name
    return _keep("name", NAME)(match, text)


_RULES: tuple[tuple[_Lazy, Replacement], ...] = (
    (_EMAIL_RE, EMAIL),
    (_IBAN_RE, BANK),
    (_RIB_RE, BANK),
    (_NIR_RE, NIR),
    (_PHONE_INTL_RE, PHONE),
    (_PHONE_RE, PHONE),
    (_PHONE_FOREIGN_RE, PHONE),
    (_ID_RE, _keep("id", NUMBER)),
    (_PHONE_NO_ZERO_RE, PHONE),
    (_PASSPORT_RE, NUMBER),
    (_LONG_NUMBER_RE, NUMBER),
    (_IP_RE, NUMBER),
    (_PLATE_RE, PLATE),
    (_OLD_PLATE_RE, _keep("plate", PLATE)),
    (_BIRTH_RE, _keep("date", BIRTH_DATE)),
    (_ADDRESS_RE, ADDRESS),
    (_STREET_POSTCODE_RE, ADDRESS),
    (_RESIDENCE_RE, _keep("addr", ADDRESS)),
    # Self-introductions and signatures first: a civility just before one (« MADAME DURAND Je suis
    # Fatima… ») would take « Je » for part of a name and hide the cue.
    (_SELF_NAME_RE, _keep("name", NAME)),
    (_CUE_NAME_RE, _cued_name),
    (_PLURAL_NAME_RE, _civility_name),
    (_CIVILITY_NAME_RE, _civility_name),
    (_LOWER_NAME_RE, _keep("name", NAME)),
    (_FIRST_CAPS_RE, _first_caps),
)


def redact(text: str) -> str:
    """The normalised text with personal data masked (see the module's docstring for what and how)."""
    if not isinstance(text, str) or not text:
        return text
    text = normalise(text)
    skel = skeleton(text)
    for pattern, replace in _RULES:
        text, skel = _sub(pattern, replace, text, skel)
    return text


def redact_series(s: pd.Series) -> pd.Series:
    """``redact`` applied to every text of a column, each distinct text once; empty cells stay empty."""
    codes, distinct = pd.factorize(s)  # an empty cell is coded -1
    masked = [redact(v) if isinstance(v, str) else v for v in distinct]
    if masked == list(distinct):
        return s.copy()
    values = np.asarray(masked + [None], dtype=object)[codes]  # code -1 takes the trailing None
    out = pd.Series(values, index=s.index, name=s.name).astype(s.dtype)
    return out.mask(codes == -1, s)
