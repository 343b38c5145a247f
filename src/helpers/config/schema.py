"""Schema of the methodology settings (``settings.yaml``): every key, its type and allowed values.

``problems(data, layers)`` checks the settings (the package defaults deep-merged with an override
file) and returns one ``SettingsProblem`` per problem, in French: the file that gave the value,
its line when known, the key path (``survey.satisfied_min_score``), the value and what is expected.

- pydantic, in strict mode (``"6"`` is not 6, ``true`` is not 1), checks types, allowed values and
  bounds, and refuses unknown keys (a typo is never silently ignored: the closest key is named);
- ``relations`` checks what ties keys together: scores within ``score_min..score_max`` and the
  satisfied threshold at most the very satisfied one, a deadline for every complaint channel,
  platform structures mapped to known services, the whole scope not one of the services, no item
  repeated in a list, a country known to the ``holidays`` package.

pydantic's English messages never reach the user: a line is written from the error's location and
kind, with the French description of the key (``Field(description=...)``) or of its type
(``Expected`` in ``Annotated``). A list item is named by its position counted from 1
(``synthesis.key_indicators[2].source``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from helpers.data.contract import SOURCES
from helpers.data.contract.complaints import CHANNELS, KINDS
from helpers.data.contract.dashboard import OPERATORS
from helpers.data.contract.mystery_calls import SECTIONS
from helpers.data.contract.survey import COMMENT_KINDS

NBSP = "\u00a0"
MISSING: Any = object()  # no value: an absent or unknown key


def quoted(text: object) -> str:
    """``« text »``, with non-breaking spaces inside the quotes."""
    return f"«{NBSP}{text}{NBSP}»"


def typeset(text: str) -> str:
    """French spacing in a message written with plain spaces: non-breaking inside « » and before : ? ;"""
    for plain, fixed in (("« ", "«" + NBSP), (" »", NBSP + "»"), (" :", NBSP + ":"), (" ?", NBSP + "?"),
                         (" ;", NBSP + ";")):
        text = text.replace(plain, fixed)
    return text


def choices(values: tuple[str, ...] | list[str], last: str = "ou") -> str:
    """``« a », « b » ou « c »`` (``last="et"``: ``« a », « b » et « c »``)."""
    shown = [quoted(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {last} {shown[-1]}"


@dataclass(frozen=True)
class Expected:
    """What a type expects, in French: metadata of an ``Annotated`` type, read when an error is written."""

    text: str


NAME_RULE = "un texte non vide, sans « / » ni « \\ », sans espace au début ni à la fin"
# A name that becomes part of a file name (a scope: build/<year>-<scope>/) or a code matched in the data.
Name = Annotated[str, StringConstraints(pattern=r"^[^\s/\\](?:[^/\\]*[^\s/\\])?$"), Expected(NAME_RULE)]
Text = Annotated[str, StringConstraints(pattern=r"\S"), Expected("un texte non vide")]
Positive = Annotated[int, Field(ge=1), Expected("un nombre entier positif (1 ou plus)")]
Combine = Annotated[Literal["counter_mean", "pooled"], Expected(
    "« counter_mean » (un taux par guichet, puis leur moyenne) ou « pooled » (toutes les réponses ensemble)")]
Operator = Annotated[Literal[OPERATORS], Expected(f"un opérateur : {choices(OPERATORS)}")]
Channel = Annotated[Literal[CHANNELS], Expected(f"un canal de réception : {choices(CHANNELS)}")]
Kind = Annotated[Literal[KINDS], Expected(f"une nature d’écrit du registre : {choices(KINDS)}")]
CommentKind = Annotated[Literal[COMMENT_KINDS], Expected(f"une nature de commentaire : {choices(COMMENT_KINDS)}")]
Section = Annotated[Literal[SECTIONS], Expected(f"une partie de l’appel : {choices(SECTIONS)}")]
Source = Annotated[Literal[tuple(SOURCES)], Expected(f"une source : {choices(tuple(SOURCES))}")]
SCORE_RANGE = "un nombre entier de {score_min} à {score_max}"  # filled with the settings' bounds


class Strict(BaseModel):
    """A settings table: strict types, unknown keys refused."""

    model_config = ConfigDict(strict=True, extra="forbid")


class ScopeName(Strict):
    article: Annotated[Literal["le", "la", "l'", "les"], Expected("un article : « le », « la », « l' » ou « les »")]
    short: Text = Field(description="le nom court du service dans une phrase (ex. DDT) : un texte non vide")
    long: Text | None = Field(default=None, description=(
        "le nom écrit à sa première mention (ex. direction départementale des territoires (DDT)) : un texte non vide"))


class Perimeter(Strict):
    name: Text = Field(description="le nom du périmètre : un texte non vide")
    whole_scope: Name = Field(description=f"le code du périmètre entier (ex. ATE) : {NAME_RULE}")
    services: list[Annotated[Name, Expected(f"un nom de service : {NAME_RULE}")]] = Field(
        min_length=1, description=f"une liste non vide de services, chacun {NAME_RULE}")
    names: dict[Annotated[Name, Expected("un service de perimeter.services ou perimeter.whole_scope")],
                ScopeName] = Field(description=(
                    "une table « service: {article: la, short: DDT, long: …} » pour chaque service et le "
                    "périmètre entier"))
    platform_structures: dict[Annotated[Text, Expected("un nom de structure : un texte non vide")],
                              Annotated[Name, Expected("un service de perimeter.services")]] = Field(
        min_length=1, description="une table non vide « structure sur Services Publics+: service »")


class Survey(Strict):
    score_min: int = Field(description="un nombre entier : la plus petite note (ex. 1)")
    score_max: int = Field(description="un nombre entier supérieur à survey.score_min : la plus grande note (ex. 10)")
    satisfied_min_score: int = Field(description=SCORE_RANGE)
    very_satisfied_min_score: int = Field(description=SCORE_RANGE)
    combine_scores: Combine
    combine_yes_no: Combine
    praise_comment_kinds: list[CommentKind] = Field(
        min_length=1, description=f"une liste non vide de natures de commentaire : {choices(COMMENT_KINDS)}")
    min_answers_for_verbatims: Positive = Field(
        description="un nombre entier positif (1 ou plus) de questionnaires")
    quote_comments: bool = Field(description="true ou false (citer ou non des extraits de commentaires)")
    verbatims_per_kind: Positive = Field(
        description="un nombre entier positif (1 ou plus) de commentaires cités par nature et par guichet")


class MysteryCalls(Strict):
    sections: list[Section] = Field(
        min_length=1, description=f"une liste non vide de parties de l’appel : {choices(SECTIONS)}")


class Complaints(Strict):
    kinds_answered: list[Kind] = Field(
        min_length=1, description=f"une liste non vide de natures d’écrit : {choices(KINDS)}")
    deadline_working_days: dict[Channel, Annotated[Positive, Expected(
        "un délai en jours ouvrés : un nombre entier positif (1 ou plus)")]] = Field(
        description=f"une table « canal: délai en jours ouvrés » pour chaque canal : {choices(CHANNELS)}")
    holidays_country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="un code de pays en deux lettres majuscules, connu du module holidays (ex. FR)")


class Target(Strict):
    op: Operator
    value: float = Field(ge=0, le=100, allow_inf_nan=False, description="un pourcentage : un nombre de 0 à 100")


TARGET = "une cible « {op: \">=\", value: 85} » (opérateur et pourcentage)"


class Targets(Strict):
    survey: Target = Field(description=TARGET)
    mystery_calls: Target = Field(description=TARGET)


class Validation(Strict):
    # 0 is refused, not read as "no limit": it would list no problem and every file would look valid.
    max_problems_per_file: int = Field(ge=1, description=(
        "un nombre entier positif (1 ou plus) : avec 0, aucun problème ne serait listé et les fichiers "
        "sembleraient conformes ; pour tout voir, écrire un grand nombre (ex. 100000)"))


class KeyIndicator(Strict):
    source: Source
    indicator: Name = Field(description=f"l’identifiant d’un indicateur de la table (ex. overall) : {NAME_RULE}")


class Synthesis(Strict):
    key_indicators: list[KeyIndicator] = Field(
        min_length=1, description="une liste non vide de « {source: …, indicator: …} »")


class Milestone(Strict):
    year: int = Field(ge=1900, le=2100, description="une année : un nombre entier de 1900 à 2100")
    label: Text


class Programme(Strict):
    history: list[Milestone] = Field(description="une liste d’étapes « {year: aaaa, label: …} »")
    contact: Text = Field(description="le contact du service qualité : un texte non vide")


class SmallCounts(Strict):
    min_answers: Positive = Field(description="un nombre entier positif (1 ou plus) de réponses")
    policy: Literal["caution", "mask"] = Field(description=(
        "« caution » (taux donné avec son nombre de réponses et un avertissement) ou « mask » (taux non diffusé)"))


class Settings(Strict):
    """The whole settings file: every table is required."""

    perimeter: Perimeter
    counters: dict[Annotated[Name, Expected(f"un code de guichet : {NAME_RULE}")], Text] = Field(
        min_length=1, description="une table non vide « code du guichet: libellé » (ex. « DMI: Direction des "
                                  "migrations et de l’intégration »)")
    survey: Survey
    mystery_calls: MysteryCalls
    complaints: Complaints
    targets: Targets
    validation: Validation
    synthesis: Synthesis
    programme: Programme
    small_counts: SmallCounts


KeyPath = tuple[Any, ...]  # a key path: table keys, and list positions (from 0)


@dataclass(frozen=True)
class Layer:
    """One source of settings: its label (a file as the user named it), its data and its keys' lines."""

    label: str
    data: Any
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)


@dataclass(frozen=True)
class SettingsProblem:
    """One problem of the settings, as the user reads it (French)."""

    file: str
    expected: str
    line: int | None = None
    key: str | None = None
    value: Any = MISSING
    what: str | None = None  # instead of the value: "clé inconnue", "clé absente"…

    def __str__(self) -> str:
        where = ", ".join([self.file, *([f"ligne {self.line}"] if self.line else []),
                           *([f"clé {quoted(self.key)}"] if self.key else [])])
        what = typeset(self.what) if self.what else (
            "valeur vide" if self.value is None else f"valeur {quoted(shown(self.value))}")
        return f"{where}{NBSP}: {what} — {typeset(self.expected)}"


def shown(value: Any) -> str:
    """A value as the user wrote it in YAML, at most 60 characters."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, (dict, list)):
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False).strip()
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


@dataclass(frozen=True)
class Issue:
    """A problem before it is put in its file: key path, value, what is expected (French)."""

    path: KeyPath
    expected: str
    value: Any = MISSING
    what: str | None = None


def key_name(path: KeyPath, data: Any = MISSING) -> str:
    """``survey.satisfied_min_score``; a list item by its position from 1: ``synthesis.key_indicators[2]``.

    With ``data``, a number is a position only where ``data`` holds a list (``counters: {1: …}`` has a key 1).
    """
    text, node = "", data
    for part in path:
        if data is MISSING:
            position = isinstance(part, int) and not isinstance(part, bool)
        else:
            position, node = isinstance(node, list), _get(node, part)
        text += f"[{part + 1}]" if position else f".{part}"
    return text.lstrip(".")


# --- what a location expects -------------------------------------------------------------------------------------


def _unwrap(tp: Any) -> tuple[Any, str | None]:
    """The type inside ``Annotated`` and its ``Expected`` text, if any."""
    text = None
    while get_origin(tp) is Annotated:
        tp, *meta = get_args(tp)
        text = next((m.text for m in reversed(meta) if isinstance(m, Expected)), text)
    return tp, text


def _describe(tp: Any) -> str:
    """What a type expects, in French, when no description says it."""
    tp, text = _unwrap(tp)
    if text:
        return text
    if get_origin(tp) is Literal:
        return f"l’une des valeurs {choices([str(v) for v in get_args(tp)])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"une table « clé: valeur » avec les clés {', '.join(tp.model_fields)}"
    return {bool: "true ou false", int: "un nombre entier", float: "un nombre", str: "un texte"}.get(
        tp, "une valeur valide")


def _at(loc: tuple[Any, ...]) -> tuple[Any, str | None, type[BaseModel] | None]:
    """The type at pydantic's error location, the description of its key, and the table that holds it."""
    tp: Any = Settings
    described: str | None = None
    holder: type[BaseModel] | None = None
    i = 0
    while i < len(loc):
        tp, _ = _unwrap(tp)
        part = loc[i]
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            holder = tp
            info = tp.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return None, None, holder
            described = info.description
            tp = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        elif get_origin(tp) is dict:
            key_type, value_type = get_args(tp)
            is_key = i + 1 < len(loc) and loc[i + 1] == "[key]"
            tp, described, i = (key_type, None, i + 1) if is_key else (value_type, None, i)
        elif get_origin(tp) is list:
            tp, described = get_args(tp)[0], None
        i += 1
    return tp, described, holder


def _expected(loc: tuple[Any, ...], context: dict[str, str]) -> str:
    tp, described, _ = _at(loc)
    text = described or _describe(tp)
    for name, value in context.items():
        text = text.replace("{" + name + "}", value)
    return text


def _suggestion(value: Any, loc: tuple[Any, ...]) -> str:
    """`` ; vouliez-vous dire « x » ?`` for a value close to one of the allowed values, or nothing."""
    tp, _, _ = _at(loc)
    tp, _ = _unwrap(tp)
    if get_origin(tp) is not Literal or not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, [str(v) for v in get_args(tp)], n=1, cutoff=0.6)
    return f" ; vouliez-vous dire {quoted(close[0])} ?" if close else ""


def _from_pydantic(error: Any, context: dict[str, str]) -> Issue:
    """One pydantic error as an ``Issue`` in French (its English message is not used)."""
    loc, kind = tuple(error["loc"]), error["type"]
    path = loc[:-1] if loc and loc[-1] == "[key]" else loc
    if kind == "missing":
        return Issue(path, f"attendu : {_expected(loc, context)}", what="clé absente")
    if kind == "extra_forbidden":
        _, _, holder = _at(loc)
        known = list(holder.model_fields) if holder else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            return Issue(path, f"vouliez-vous dire {quoted(key_name((*path[:-1], close[0])))} ?",
                         what="clé inconnue")
        table = f"de {quoted(key_name(path[:-1]))}" if path[:-1] else "du fichier"
        return Issue(path, f"attendu : l’une des clés {table} : {', '.join(known)}", what="clé inconnue")
    value = error.get("input", MISSING)
    hint = _suggestion(value, loc)
    if kind in ("int_type", "float_type") and isinstance(value, str) and _number(value):
        hint = " (écrire le nombre sans guillemets)"
    return Issue(path, f"attendu : {_expected(loc, context)}{hint}", value=value)


def _number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


# --- relations between keys ---------------------------------------------------------------------------------------


def _get(data: Any, *path: Any) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return MISSING
    return node


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _repeated(path: KeyPath, items: Any) -> list[Issue]:
    """An item met earlier in the same list."""
    if not isinstance(items, list):
        return []
    seen: dict[Any, int] = {}
    out = []
    for i, item in enumerate(items):
        key = tuple(sorted(item.items(), key=str)) if isinstance(item, dict) else item
        try:
            first = seen.setdefault(key, i)
        except TypeError:
            continue
        if first != i:
            out.append(Issue((*path, i), f"attendu : une valeur qui n’apparaît qu’une fois dans la liste "
                                         f"(déjà à la position {first + 1})", value=item))
    return out


@lru_cache(maxsize=16)
def country_known(code: str) -> bool:
    """True when the ``holidays`` package knows the public holidays of the country."""
    import holidays

    try:
        holidays.country_holidays(code, years=())
    except NotImplementedError:
        return False
    return True


Either = tuple[Issue, ...]  # one problem, told at the key of the latest layer that wrote one of these keys


def relations(data: Any) -> list[Issue | Either]:
    """What ties keys together (each check skips values whose type is wrong: pydantic names those)."""
    out: list[Issue | Either] = []
    services = _get(data, "perimeter", "services")
    out += _repeated(("perimeter", "services"), services)
    names = [s for s in services if isinstance(s, str)] if isinstance(services, list) else None
    whole = _get(data, "perimeter", "whole_scope")
    if names is not None and isinstance(whole, str) and whole in names:
        out.append((Issue(("perimeter", "whole_scope"), "attendu : un code différent de chaque service de "
                                                        "perimeter.services (il désigne l’ensemble du périmètre)",
                          value=whole),
                    Issue(("perimeter", "services", names.index(whole)),
                          "attendu : un service autre que le périmètre entier (perimeter.whole_scope)",
                          value=whole)))
    named = _get(data, "perimeter", "names")
    # Each valid scope needs its name in sentences (the scope's problems themselves are named above).
    if names is not None and isinstance(named, dict) and isinstance(whole, str) and whole not in names:
        missing = [s for s in [whole, *names] if s not in named and s.strip() == s and s]
        if missing:
            out.append(Issue(("perimeter", "names"), f"attendu : un nom pour chaque service et le périmètre entier ; "
                             f"manque{'nt' if len(missing) > 1 else ''} {choices(missing, 'et')}", value=named))
    structures = _get(data, "perimeter", "platform_structures")
    if names is not None and isinstance(structures, dict):
        unknown = {k: v for k, v in structures.items() if isinstance(v, str) and v not in names}
        absent = list(dict.fromkeys(unknown.values()))
        for structure, service in unknown.items():
            out.append((Issue(("perimeter", "platform_structures", structure),
                              f"attendu : un service de perimeter.services ({', '.join(names)})", value=service),
                        Issue(("perimeter", "services"), f"attendu : une liste de services qui contient aussi "
                              f"{choices(absent, 'et')} (nommé{'s' if len(absent) > 1 else ''} "
                              "par perimeter.platform_structures)", value=services)))
    out += _score_relations(data)
    out += _repeated(("survey", "praise_comment_kinds"), _get(data, "survey", "praise_comment_kinds"))
    out += _repeated(("mystery_calls", "sections"), _get(data, "mystery_calls", "sections"))
    out += _repeated(("complaints", "kinds_answered"), _get(data, "complaints", "kinds_answered"))
    deadlines = _get(data, "complaints", "deadline_working_days")
    if isinstance(deadlines, dict):
        missing = [c for c in CHANNELS if c not in deadlines]
        if missing:
            out.append(Issue(("complaints", "deadline_working_days"),
                             f"attendu : un délai pour chaque canal ; manque{'nt' if len(missing) > 1 else ''} "
                             f"{choices(missing, 'et')}", value=deadlines))
    country = _get(data, "complaints", "holidays_country")
    if isinstance(country, str) and len(country) == 2 and country.isupper() and not country_known(country):
        out.append(Issue(("complaints", "holidays_country"),
                         "attendu : un pays dont le module holidays connaît les jours fériés (ex. FR)",
                         value=country))
    out += _repeated(("synthesis", "key_indicators"), _get(data, "synthesis", "key_indicators"))
    return out


def _score_relations(data: Any) -> list[Issue | Either]:
    low, high = _get(data, "survey", "score_min"), _get(data, "survey", "score_max")
    if not (_is_int(low) and _is_int(high)):
        return []
    if low >= high:
        return [(Issue(("survey", "score_max"), f"attendu : un nombre entier supérieur à survey.score_min ({low})",
                       value=high),
                 Issue(("survey", "score_min"), f"attendu : un nombre entier inférieur à survey.score_max ({high})",
                       value=low))]
    out: list[Issue | Either] = []
    within = {}
    for key in ("satisfied_min_score", "very_satisfied_min_score"):
        value = _get(data, "survey", key)
        within[key] = _is_int(value) and low <= value <= high
        if _is_int(value) and not within[key]:
            out.append(Issue(("survey", key), f"attendu : un nombre entier de {low} à {high}", value=value))
    satisfied, very = _get(data, "survey", "satisfied_min_score"), _get(data, "survey", "very_satisfied_min_score")
    if all(within.values()) and satisfied > very:
        out.append((Issue(("survey", "satisfied_min_score"), f"attendu : un nombre entier de {low} à {very} "
                          f"(au plus survey.very_satisfied_min_score, {very})", value=satisfied),
                    Issue(("survey", "very_satisfied_min_score"), f"attendu : un nombre entier de {satisfied} à "
                          f"{high} (au moins survey.satisfied_min_score, {satisfied})", value=very)))
    return out


# --- problems in their files --------------------------------------------------------------------------------------


def _touches(data: Any, path: KeyPath) -> bool:
    """True when a layer wrote the value at ``path`` (or a value above it, which replaced it in the merge)."""
    node = data
    for part in path:
        if not isinstance(node, dict):
            return True  # a list or a value: replaced whole by the merge, so this layer wrote it
        if part not in node:
            return False
        node = node[part]
    return True


def _owner(path: KeyPath, layers: list[Layer]) -> int:
    """The latest layer that wrote the value at ``path``; the first one (the defaults) otherwise."""
    return next((i for i in range(len(layers) - 1, -1, -1) if _touches(layers[i].data, path)), 0)


def _line(path: KeyPath, layer: Layer) -> int | None:
    """The line of the key (or of its deepest parent) in the layer's file."""
    parts = tuple(str(p) for p in path)
    for n in range(len(parts), 0, -1):
        if parts[:n] in layer.lines:
            return layer.lines[parts[:n]]
    return None


def problems(data: Any, layers: list[Layer]) -> list[SettingsProblem]:
    """Every problem of the merged settings ``data``, each told in the layer that wrote the value."""
    low, high = _get(data, "survey", "score_min"), _get(data, "survey", "score_max")
    bounds = _is_int(low) and _is_int(high) and low < high
    context = {"score_min": str(low) if bounds else "survey.score_min",
               "score_max": str(high) if bounds else "survey.score_max"}
    found: list[Issue | Either] = []
    try:
        Settings.model_validate(data)
    except ValidationError as err:
        found += [_from_pydantic(e, context) for e in err.errors()]
    found += relations(data)
    out: list[SettingsProblem] = []
    told: list[KeyPath] = []
    for item in found:
        options = item if isinstance(item, tuple) else (item,)
        owners = [_owner(o.path, layers) for o in options]
        issue = options[owners.index(max(owners))]
        if any(issue.path[:len(p)] == p for p in told):
            continue  # one line per key: a key's wrong key or type already said, the rest would repeat it
        told.append(issue.path)
        layer = layers[max(owners)]
        out.append(SettingsProblem(layer.label, issue.expected, _line(issue.path, layer),
                                   key_name(issue.path, data) or None, issue.value, issue.what))
    return out
