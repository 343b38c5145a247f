"""French written as a person writes it: agreements from numbers, articles of names, trends, typography.

Every sentence the project writes for a reader goes through these rules, so that a count agrees with
its noun (« 1 réclamation », « 3 réclamations », never « réclamation(s) »), a service is named with
its article and preposition (« de la DDT », « au SGC-D »), a trend is told in the direction that is
good for the indicator (« le délai s’allonge », never « en baisse » for a delay that rose), and text
written by us or read from data shows typographic apostrophes and quotes (’ and « »).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from helpers.report.formatting import fmt_number, round_half_up

NBSP = "\u00a0"
APOSTROPHE = "\u2019"

# --- Agreements from numbers ------------------------------------------------------------------


def is_plural(count: float, decimals: int = 0) -> bool:
    """French rule: plural from 2 on, the count taken as shown (« 1,5 jour », « 0 réclamation »)."""
    return abs(round_half_up(float(count), decimals)) >= 2


def agree(count: float, singular: str, plural_form: str | None = None, decimals: int = 0) -> str:
    """The word agreed with ``count``: ``agree(2, "était", "étaient")`` -> ``étaient``."""
    return (plural_form or _plural_of(singular)) if is_plural(count, decimals) else singular


def plural(count: float, singular: str, plural_form: str | None = None, decimals: int = 0,
           zero: str | None = None) -> str:
    """``1 formation``, ``1,5 envoi``, ``2 formations``: the count as shown and its noun, agreed.

    ``zero`` is the words written instead of « 0 … » when it reads better (« aucune réclamation »).
    """
    if zero is not None and round_half_up(float(count), decimals) == 0:
        return zero
    return f"{fmt_number(count, decimals)} {agree(count, singular, plural_form, decimals)}"


def _plural_of(words: str) -> str:
    """The plural of a noun group written word by word (« expérience partagée » -> « expériences partagées »)."""
    def one(word: str) -> str:
        if word in _INVARIABLE or word.endswith(("s", "x", "z")):
            return word
        if word.endswith(("au", "eu")):
            return word + "x"
        if word.endswith("al") and word not in ("final", "natal", "bancal"):
            return word[:-2] + "aux"
        return word + "s"
    return " ".join(one(w) for w in words.split(" "))


# Words that stay as they are in a plural noun group (prepositions, articles, conjunctions).
_INVARIABLE = {"de", "du", "des", "d’", "à", "au", "aux", "et", "ou", "en", "par", "pour", "sur", "la", "le", "les",
               "l’", "dans", "avec", "sans"}


def enumerate_fr(items: list[str], last: str = "et") -> str:
    """``a, b et c``; ``a`` alone; empty for no item."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


# --- Articles and prepositions of names ---------------------------------------------------------

ARTICLES = ("le", "la", "l'", "les")
# « de » and « à » contract with « le » and « les »; other prepositions are written before the article.
_CONTRACTED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def with_article(name: str, article: str, preposition: str = "") -> str:
    """``la DDT``, ``de la DDT``, ``au SGC-D``, ``pour l’ensemble du périmètre``.

    ``article`` is one of ``le``, ``la``, ``l'``, ``les`` (``l'`` is written ``l’``, glued to the name).
    """
    if article not in ARTICLES:
        raise ValueError(f"article inconnu : {article!r}")
    if (preposition, article) in _CONTRACTED:
        return f"{_CONTRACTED[preposition, article]} {name}"
    head = f"l{APOSTROPHE}{name}" if article == "l'" else f"{article} {name}"
    return f"{preposition} {head}" if preposition else head


class Names:
    """How the report names the scopes (``perimeter.names`` of the settings): article, short and long name.

    The long name (« direction départementale des territoires (DDT) ») is written at the first use of
    a name in the report, the short one (« DDT ») after it: ``first`` and ``then`` make the two forms.
    """

    def __init__(self, names: Mapping[str, Mapping[str, Any]]):
        self.names = names

    def entry(self, scope: str) -> Mapping[str, Any]:
        return self.names.get(scope, {"article": "la", "short": scope})

    def short(self, scope: str) -> str:
        return typographic(str(self.entry(scope).get("short") or scope))

    def long(self, scope: str) -> str:
        entry = self.entry(scope)
        return typographic(str(entry.get("long") or self.short(scope)))

    def then(self, scope: str, preposition: str = "") -> str:
        """``la DDT``, ``pour la DDT``, ``du SGC-D``: the name after its first use."""
        return with_article(self.short(scope), str(self.entry(scope)["article"]), preposition)

    def first(self, scope: str, preposition: str = "") -> str:
        """``la direction départementale des territoires (DDT)``: the name at its first use."""
        return with_article(self.long(scope), str(self.entry(scope)["article"]), preposition)


# --- Trends told in the indicator's good direction -----------------------------------------------

UP, DOWN, SAME = "up", "down", "same"
# What the value does, by the unit's kind of figure: (rises, falls, stays).
_MOVES = {
    "jours": ("s’allonge", "se réduit", "reste stable"),
    "%": ("progresse", "recule", "reste stable"),
    "nombre": ("augmente", "diminue", "reste stable"),
}


def movement(value: float | None, previous: float | None, decimals: int = 0) -> str | None:
    """``up``, ``down`` or ``same``, comparing the figures as the report shows them; None without both."""
    value, previous = _number(value), _number(previous)
    if value is None or previous is None:
        return None
    now, before = round_half_up(value, decimals), round_half_up(previous, decimals)
    return SAME if now == before else (UP if now > before else DOWN)


def _number(value: object) -> float | None:
    """A figure as a float; None for no figure (None, NaN, pandas' NA)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def good_direction(op: str | None) -> str | None:
    """Which way is better for an indicator with this target: ``up`` (``>=``, ``>``), ``down`` (``<=``, ``<``).

    None: no target, or a target to hit exactly (``=``), where both ways can be worse.
    """
    return {">=": UP, ">": UP, "<=": DOWN, "<": DOWN}.get(op or "")


def moves(unit: str, move: str) -> str:
    """The verb of a figure's movement: ``moves("jours", "up")`` -> « s’allonge »; « progresse » for a rate."""
    rises, falls, stays = _MOVES.get(unit, _MOVES["nombre"])
    return {UP: rises, DOWN: falls, SAME: stays}[move]


def judgement(move: str | None, good: str | None) -> str | None:
    """« s’améliore », « se dégrade » or « reste stable » from the movement and the good direction."""
    if move is None:
        return None
    if move == SAME:
        return "reste stable"
    if good is None:
        return None
    return "s’améliore" if move == good else "se dégrade"


SUBJECTS = {"jours": "le délai", "%": "le taux", "nombre": "le nombre"}


def subject(unit: str) -> str:
    """What an indicator is, by its unit: « le délai », « le taux », « le nombre »."""
    return SUBJECTS.get(unit, "le nombre")


def change(unit: str, value: float | None, previous: float | None, decimals: int, op: str | None,
           target: float | None = None) -> str | None:
    """What a figure did since the year before, in words: « le délai s’allonge », « le taux progresse ».

    A target to hit exactly (``=``) is judged by the distance to it: « le taux s’éloigne de la cible »
    or « se rapproche de la cible ». None when one of the two years has no value.
    """
    move = movement(value, previous, decimals)
    if move is None:
        return None
    if op == "=" and target is not None and move != SAME:
        now = abs(round_half_up(float(value), decimals) - target)
        before = abs(round_half_up(float(previous), decimals) - target)
        if now != before:
            return f"{subject(unit)} {'s’éloigne de' if now > before else 'se rapproche de'} la cible"
    return f"{subject(unit)} {moves(unit, move)}"


# --- Typography ---------------------------------------------------------------------------------

_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')
_INNER_SPACES = re.compile(r"«\s*(.*?)\s*»")


def typographic(text: str) -> str:
    """Straight apostrophes as ’ and straight double quotes as « », with non-breaking spaces inside."""
    text = text.replace("'", APOSTROPHE)
    text = _STRAIGHT_QUOTES.sub(r"«\1»", text)
    return _INNER_SPACES.sub(lambda m: f"«{NBSP}{m.group(1)}{NBSP}»", text)


def quoted(text: object) -> str:
    """« text », with non-breaking spaces inside the quotes and the text's own typography made French."""
    return f"«{NBSP}{typographic(str(text))}{NBSP}»"


# Slide artefacts: « @ » written for « à » before a noun (« Taux de satisfaction @ point numérique »).
_AT = re.compile(r"\s@\s+(\w+)")
_VOWEL_START = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœh]", re.IGNORECASE)
# Feminine nouns of the slides, for « @ » read as « à la » rather than « au ».
_FEMININE = {"borne", "plateforme", "permanence", "messagerie", "maison", "préfecture", "sous-préfecture"}


def _at(match: re.Match[str]) -> str:
    word = match.group(1)
    if _VOWEL_START.match(word):
        return f" à l{APOSTROPHE}{word}"
    return f" à la {word}" if word.lower() in _FEMININE else f" au {word}"


def clean_label(text: object) -> object:
    """A label read from data, as a reader should see it: slide artefacts removed, French typography.

    « Taux de satisfaction @ point numérique » -> « Taux de satisfaction au point numérique »; spaces
    collapsed; straight apostrophes and quotes made typographic. Nothing else changes (no word is lost);
    a value that is not text is returned as it is.
    """
    if not isinstance(text, str):
        return text
    cleaned = _AT.sub(_at, " ".join(text.split()))
    return typographic(cleaned)
