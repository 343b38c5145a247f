"""Methodology settings: loaded from ``settings.yaml`` in one place, optionally overridden, always checked.

``load_settings`` parses the package defaults and an optional override file with
``helpers.data.yaml_files.load_text`` (no anchors or aliases), deep-merges them and checks the result
against the schema of ``helpers.config.schema``; every problem (an unreadable file, a YAML syntax
error, a repeated key, a wrong value, an unknown key) is one French line of a ``SettingsError``,
naming the file, the line, the key and the value. The settings are returned as plain dicts.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from helpers.data.yaml_files import AliasRefused, StrictLoader, load_text
from helpers.paths import SETTINGS_FILE

if TYPE_CHECKING:
    from helpers.config.schema import Layer, SettingsProblem


class SettingsError(Exception):
    """Settings that cannot be used; ``lines`` holds one French line per problem."""

    def __init__(self, problems: list[SettingsProblem]) -> None:
        self.problems = problems
        self.lines = [str(p) for p in problems]
        super().__init__("\n".join(self.lines))


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``override`` into a copy of ``base`` (override wins on leaves)."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _label(path: Path) -> str:
    """A file as the user reads it: relative to the working folder when it is inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# What PyYAML's (English) syntax errors mean, in French; the line is given with it.
_YAML_PROBLEMS = (
    ("'\\t'", "une tabulation : indenter avec des espaces"),
    ("mapping values are not allowed", "un deux-points inattendu (mettre la valeur entre guillemets ?)"),
    ("could not find expected ':'", "un deux-points manquant après une clé"),
    ("quoted scalar", "un guillemet non refermé"),
    ("flow", "une « { » ou une « [ » non refermée"),
    ("expected <block end>", "une indentation incohérente"),
    ("did not find expected key", "une indentation incohérente"),
    ("did not find expected '-'", "une indentation incohérente dans une liste"),
)


def _yaml_problem(label: str, text: str, err: yaml.YAMLError) -> SettingsProblem:
    from helpers.config.schema import SettingsProblem

    if isinstance(err, AliasRefused):
        return SettingsProblem(label, "attendu : chaque valeur écrite en entier, sans « & » ni « * »", line=err.line,
                               what=f"« {err.token} » refusé (ancre ou alias YAML)")
    mark, start = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    if start is not None and (mark is None or mark.index >= len(text.rstrip())):
        mark = start  # the file ended inside a quote or a bracket: the line where it opened
    english = " ".join(str(getattr(err, name, "") or "") for name in ("context", "problem"))
    reason = next((french for words, french in _YAML_PROBLEMS if words in english), "une erreur de syntaxe")
    return SettingsProblem(label, "attendu : un fichier YAML valide (indentation par des espaces, « clé: valeur », "
                                  "guillemets et crochets refermés)",
                           line=mark.line + 1 if mark else None, what=f"YAML illisible, {reason}")


def _key_lines(text: str, label: str) -> tuple[dict[tuple[str, ...], int], list[SettingsProblem]]:
    """The line of every key path of a YAML text, and its keys written twice (PyYAML keeps the last)."""
    from helpers.config.schema import SettingsProblem, key_name

    lines: dict[tuple[str, ...], int] = {}
    repeated: list[SettingsProblem] = []

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark)
                at = (*path, name)
                line = key.start_mark.line + 1
                if (key.tag, name) in seen:
                    repeated.append(SettingsProblem(
                        label, f"attendu : chaque clé une seule fois (déjà écrite ligne {seen[(key.tag, name)]})",
                        line=line, key=key_name(at), what="clé écrite deux fois"))
                seen.setdefault((key.tag, name), line)
                lines.setdefault(tuple(str(p) for p in at), line)
                walk(value, at)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines.setdefault((*(str(p) for p in path), str(i)), item.start_mark.line + 1)
                walk(item, (*path, i))

    root = yaml.compose(text, Loader=StrictLoader)
    if root is not None:
        walk(root, ())
    return lines, repeated


@lru_cache(maxsize=16)
def _parse(path: Path, label: str, stamp: tuple[int, int]) -> Layer:
    """One settings file parsed (cached on its modification time and size), or a SettingsError."""
    from helpers.config.schema import Layer, SettingsProblem, shown

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SettingsError([SettingsProblem(label, "attendu : un fichier texte encodé en UTF-8",
                                             what="caractères illisibles")]) from None
    except OSError:
        raise SettingsError([SettingsProblem(label, "attendu : un fichier de réglages YAML lisible",
                                             what="fichier introuvable ou illisible")]) from None
    try:
        data = load_text(text)
        lines, repeated = _key_lines(text, label)
    except yaml.YAMLError as err:
        raise SettingsError([_yaml_problem(label, text, err)]) from None
    if repeated:
        raise SettingsError(repeated)
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise SettingsError([SettingsProblem(label, "attendu : des rubriques « clé: valeur » (perimeter, counters, "
                                                    "survey…)", line=1, what=f"contenu « {shown(data)} »")])
    return Layer(label, data, lines)


def _layer(path: Path) -> Layer:
    path = Path(path)
    try:
        info = path.resolve().stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = (0, 0)
    return _parse(path.resolve(), _label(path), stamp)


def _checked(layers: list[Layer]) -> dict[str, Any]:
    """The layers deep-merged and checked: plain dicts, defaults of optional keys filled; or a SettingsError."""
    from helpers.config.schema import Settings, problems

    merged: dict[str, Any] = {}
    for layer in layers:
        merged = merge(merged, layer.data)
    found = problems(merged, layers)
    if found:
        raise SettingsError(found)
    # The values as written (a target of 85 stays 85), with the defaults of keys the files may leave out.
    return copy.deepcopy(merge(Settings.model_validate(merged).model_dump(), merged))


def load_settings(override: Path | str | None = None) -> dict[str, Any]:
    """Return the settings: the package defaults, deep-merged with an optional override file, checked.

    Raises ``SettingsError`` (one French line per problem) when a file or a value is wrong.
    """
    layers = [_layer(SETTINGS_FILE)]
    if override is not None:
        layers.append(_layer(Path(override)))
    return _checked(layers)


SET_OPTION = "option --set"


def assignments(texts: list[str]) -> dict[str, Any]:
    """``["survey.satisfied_min_score=9"]`` -> ``{"survey": {"satisfied_min_score": 9}}`` (values read as YAML)."""
    from helpers.config.schema import SettingsProblem

    nested: dict[str, Any] = {}
    problems = []
    for text in texts:
        key, sep, raw = text.partition("=")
        path = [part.strip() for part in key.split(".")]
        if not sep or not all(path):
            problems.append(SettingsProblem(SET_OPTION, "attendu : clé=valeur, la clé en rubriques séparées par des "
                                                        "points (ex. survey.satisfied_min_score=9)", value=text))
            continue
        try:
            value = load_text(raw) if raw.strip() else None
        except yaml.YAMLError:
            value = raw.strip()
        if isinstance(value, str) or (value is None and raw.strip()):  # text as typed: « > » is not YAML's folding
            value = raw.strip()
        node = nested
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                problems.append(SettingsProblem(SET_OPTION, "attendu : chaque clé une seule fois", key=key,
                                                what="clé déjà donnée avec une valeur"))
                break
        else:
            node[path[-1]] = value
    if problems:
        raise SettingsError(problems)
    return nested


def resolve(override: Path | str | None = None, overrides: list[str] | None = None) -> dict[str, Any]:
    """The build's one configuration: ``settings.yaml``, then the ``--settings`` file, then each ``--set``.

    Loaded and checked once; the build writes it whole into its snapshot for every notebook.
    """
    return with_overrides(load_settings(override), assignments(overrides or []), origin=SET_OPTION)


def describe(override: Path | str | None = None, overrides: list[str] | None = None) -> str:
    """Where the configuration comes from, in one French line for the build's log."""
    parts = ["src/helpers/config/settings.yaml", *([str(override)] if override else []),
             *(f"--set {o}" for o in overrides or [])]
    return " ← ".join(parts)


def with_overrides(settings: dict[str, Any], overrides: dict[str, Any] | None,
                   origin: str = "paramètres du notebook") -> dict[str, Any]:
    """``settings`` deep-merged with ``overrides`` (a notebook's parameters), checked like a file.

    A problem is told in ``origin`` when the overrides wrote the value. Raises ``SettingsError``.
    """
    from helpers.config.schema import Layer

    if not overrides:
        return settings
    return _checked([Layer("réglages", settings), Layer(origin, overrides)])


def scopes(settings: dict[str, Any]) -> list[str]:
    """Valid report scopes: the whole perimeter first, then each service."""
    perimeter = settings["perimeter"]
    return [perimeter["whole_scope"], *perimeter["services"]]
