"""Loading a year's folder: find each file of the contract, read it, validate it, type it.

``load_year`` returns the typed tables or raises ``ValidationFailed`` with every problem of
every file; ``check_year`` returns the problems without raising (for ``clu validate``).
Nothing downstream is computed from a folder that failed.

The folder is looked over first, so that no file is left unread without a word: a name that is
probably a contract name written otherwise (accents, spaces, a copy's « (1) » or « - Copie », a
near miss) and a contract name that is a broken or looping symbolic link are errors; any other
file is a warning (listed by ``clu validate``, logged by builds); files a system or an office
suite leaves behind (``.DS_Store``, ``Thumbs.db``…) are ignored, and an office lock file
(``~$…``) is a warning that a workbook is still open. The raw page views of the website
(``site_internet_pages_vues``) are only counted: they give the ``web_visitors`` table when
``site_internet`` is absent, are checked against it when both are provided, and are not kept.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers.config.settings import load_settings
from helpers.data.contract import TABLES, TABLES_BY_NAME, Context, Problem, TableSpec, ValidationFailed
from helpers.data.contract.communication import WEBSITE
from helpers.data.contract.problems import merge_same_place
from helpers.data.contract.reading import UnreadableFile, normalize_header, read_raw
from helpers.data.contract.spec import PERIODS
from helpers.data.contract.validate import in_file_order, validate_table
from helpers.data.contract.web_hits import WEB_HITS
from helpers.data.page_views import visitors_from_hits
from helpers.data.yaml_files import AliasRefused, StrictLoader
from helpers.report.formatting import fmt_number

log = logging.getLogger(__name__)

YEAR_FILE = "annee.yaml"
EXTENSIONS = (".csv", ".xlsx")
_YEAR_HEADER = re.compile(r"^(19|20)\d\d$")


@dataclass
class YearData:
    """The typed tables of one year's folder, by table name (``survey``, ``complaints``…).

    ``derived`` names the tables computed from another file rather than read (``web_visitors``
    counted from the page views), with that file's name.
    """

    year: int
    folder: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    periods: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    derived: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    def has(self, *tables: str) -> bool:
        """True when every named table was provided."""
        return all(t in self.tables for t in tables)


@dataclass
class CheckResult:
    """Outcome of checking a folder: the data read, the problems, the count left out by the cap.

    ``warnings`` are what does not stop the folder from being read (a file outside the contract,
    a workbook still open): ``value`` says what was found, ``expected`` what to do.
    """

    data: YearData
    problems: list[Problem]
    omitted: int = 0
    files: dict[str, Path] = field(default_factory=dict)
    omitted_by_file: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def warning_text(warning: Problem) -> str:
    """A warning on one line, as ``clu validate`` and the build's log show it."""
    return f"{warning.file} : {warning.value} — {warning.expected}"


def path_label(path: Path) -> str:
    """A path as the analyst reads it: relative to the working folder when it is inside."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find_file(folder: Path, spec: TableSpec) -> list[Path]:
    """Files of the folder named after the table (``<stem>.csv`` or ``<stem>.xlsx``, any case).

    A symbolic link to a file counts as that file; a broken link is left out (``check_year``
    reports it).
    """
    return sorted(p for p in _named_after(sorted(folder.iterdir()), spec) if p.is_file())


def _named_after(entries: Iterable[Path], spec: TableSpec) -> list[Path]:
    """Entries named as the contract says for a table, whatever they are (file, link, folder)."""
    return [p for p in entries if p.stem.lower() == spec.stem and p.suffix.lower() in EXTENSIONS]


# Files a system or a file manager leaves in a folder (compared in lower case): ignored without a word,
# as is every name starting with « . » or « ~ » (an office lock file is noted, see _is_lock).
SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx", "icon\r"})
# Formats a table may have been saved in: a name close to a contract name in one of these is a near miss.
_TABLE_SUFFIXES = (*EXTENSIONS, ".xls", ".xlsm", ".xlsb", ".ods", ".tsv", ".txt")
_YAML_SUFFIXES = (".yaml", ".yml")
# What a file manager or a download adds to a copy's name, and a year added to a name (removed to compare).
_COPY_MARKS = (re.compile(r"\s*\(\d+\)$"), re.compile(r"\s*-\s*(?:copie|copy)(?:\s*\(\d+\))?$", re.IGNORECASE),
               re.compile(r"^(?:copie de|copy of)\s+", re.IGNORECASE),
               re.compile(r"[\s_-]+(?:copie|copy)$", re.IGNORECASE))
_YEAR_MARKS = (re.compile(r"[\s_-]*(?:19|20)\d\d$"), re.compile(r"^(?:19|20)\d\d[\s_-]*"))
# How close (difflib ratio) a name must be to a contract name to be taken for a misspelling of it.
NEAR_MISS_RATIO = 0.8


def _is_lock(name: str) -> bool:
    """An office suite's lock file: Excel's ``~$classeur.xlsx``, LibreOffice's ``.~lock.classeur.xlsx#``."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def _is_hidden(name: str) -> bool:
    return name.startswith((".", "~")) or name.lower() in SYSTEM_FILES


def _plain(name: str) -> str:
    """A name without accents, case, spaces, hyphens or dots: « Enquête satisfaction » -> « enquete_satisfaction »."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[\s.-]+", "_", text).strip("_")


def _strip_marks(stem: str, marks: tuple[re.Pattern[str], ...]) -> tuple[str, bool]:
    """The stem without the marks found (repeatedly: « x - Copie (2) (1) »), and whether there was one."""
    found, changed = False, True
    while changed:
        changed = False
        for mark in marks:
            shorter = mark.sub("", stem).strip()
            if shorter and shorter != stem:
                stem, found, changed = shorter, True, True
    return stem, found


def _meant_for(entry: Path, stems: Iterable[str]) -> tuple[str, str] | None:
    """``(stem, why)`` when an entry's name is probably the contract name ``stem`` written otherwise.

    ``stems`` are the tables' stems and ``annee`` (``annee.yaml``). The name is compared without
    accents, case, spaces or hyphens, without the marks of a copy or a year, then by difflib.
    """
    stem, suffix = entry.stem, entry.suffix.lower()
    if suffix == ".txt" and Path(stem).suffix.lower() in _YAML_SUFFIXES:  # Notepad's « annee.yaml.txt »
        stem, suffix = Path(stem).stem, ".yaml.txt"
    yaml_like = suffix in _YAML_SUFFIXES or suffix == ".yaml.txt"
    if not yaml_like and suffix not in _TABLE_SUFFIXES:
        return None
    candidates = ["annee"] if yaml_like else [s for s in stems if s != "annee"]
    core, copied = _strip_marks(stem, _COPY_MARKS)
    core, dated = _strip_marks(core, _YEAR_MARKS)
    plain = _plain(core)
    if plain in candidates:
        meant = plain
    else:
        close = difflib.get_close_matches(plain, candidates, n=1, cutoff=NEAR_MISS_RATIO)
        if not close:
            return None
        meant = close[0]
    if copied:
        why = "nom d’une copie (« (1) », « - Copie »…)"
    elif dated:
        why = "une année ajoutée au nom"
    elif plain != meant:
        why = f"nom proche de {meant}"
    elif stem == meant:  # annee.yml, annee.yaml.txt (a table's own stem in another format is not a near miss)
        why = f"extension « {entry.name[len(stem):]} »"
    else:
        why = "majuscules, accents ou espaces dans le nom" if yaml_like else "accents, espaces ou tirets dans le nom"
    return meant, why


def _not_a_file(entry: Path) -> str | None:
    """Why an entry named as a contract file cannot be read as one (None for a file, or a link to one)."""
    try:
        if entry.is_file():
            return None
        entry.stat()
    except OSError as err:
        if not entry.is_symlink():
            return f"illisible ({err.strerror})"
        if err.errno == errno.ELOOP:
            return "lien symbolique qui boucle (il mène à lui-même)"
        try:
            target = os.readlink(entry)
        except OSError:
            target = "?"
        return f"lien symbolique vers un fichier absent ({target})"
    return "un dossier" if entry.is_dir() else "ni un fichier ni un dossier (tube, périphérique…)"


def _entry_problem(entry: Path, why: str) -> Problem:
    return Problem(path_label(entry), "un fichier, ou un lien vers un fichier qui existe : y mettre l’export lui-même "
                                  "(ou refaire le lien vers lui)", value=why)


@dataclass
class _Scan:
    """What looking over a year's folder found, besides the contract files themselves."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    meant: dict[str, list[Path]] = field(default_factory=dict)  # near misses, by the stem they were meant to be


def _scan_folder(entries: list[Path], wanted: set[str] | None) -> _Scan:
    """Near misses of contract names (errors), unknown entries and lock files (warnings).

    Only the near misses of the ``wanted`` tables are reported (every table when None), and
    always those of ``annee.yaml``. Entries named as the contract says are left to ``check_year``.
    """
    scan = _Scan()
    specs = {spec.stem: spec for spec in TABLES}
    present = {spec.stem: [p for p in _named_after(entries, spec) if p.is_file()] for spec in TABLES}
    for entry in entries:
        name = entry.name
        if _is_lock(name):
            scan.warnings.append(Problem(path_label(entry), "un classeur de ce dossier est encore ouvert : "
                                                        "l’enregistrer et le fermer, sinon ses dernières "
                                                        "modifications ne sont pas lues",
                                         value="fichier de verrou d’Excel ou de LibreOffice"))
            continue
        if _is_hidden(name) or name == YEAR_FILE:
            continue
        spec = specs.get(entry.stem.lower())
        if spec is not None:
            if entry.suffix.lower() in EXTENSIONS or not present[spec.stem]:
                continue  # the contract file, or another format of it alone (reported by check_year)
            scan.warnings.append(Problem(path_label(entry), f"non lu : c’est {present[spec.stem][0].name} qui est lu ; "
                                                        "retirer ce fichier du dossier",
                                         value=f"autre format de {spec.stem}"))
            continue
        meant = _meant_for(entry, [*specs, "annee"])
        if meant is not None:
            stem, why = meant
            if stem == "annee":
                target, title, there = YEAR_FILE, "périodes des campagnes", any(e.name == YEAR_FILE for e in entries)
                named = f"« {YEAR_FILE} »"
            else:
                if wanted is not None and specs[stem].table not in wanted:
                    continue
                target, title, there = f"{stem}.csv", specs[stem].title, bool(present[stem])
                named = f"« {stem}.csv » ou « {stem}.xlsx »"
                if there:
                    target = present[stem][0].name
            todo = (f"un seul fichier par source, et {target} est déjà là : retirer celui-ci du dossier (ou le mettre "
                    "à la place de l’autre)" if there else
                    "renommer le fichier ainsi (sous un autre nom, il n’est pas lu), ou le retirer du dossier")
            scan.problems.append(Problem(path_label(entry), f"le nom {named} ({title}) : {todo}", value=why))
            scan.meant.setdefault(stem, []).append(entry)
            continue
        found = _not_a_file(entry)
        what = ("dossier hors contrat" if found == "un dossier" else
                f"hors contrat, {found}" if found else "fichier hors contrat")
        scan.warnings.append(Problem(path_label(entry), "non lu : le retirer du dossier s’il n’a rien à y faire, ou le "
                                                    "nommer comme le dit data/README.md s’il doit être lu",
                                     value=what))
    return scan


def folder_year(folder: Path) -> int | None:
    """The year a folder is named after (``data/2022`` -> 2022)."""
    return int(folder.name) if re.fullmatch(r"(19|20)\d\d", folder.name) else None


class _YearFileLoader(StrictLoader):
    """``annee.yaml``'s loader: no anchors or aliases (``StrictLoader``: an alias bomb is refused at once),
    and dates kept as written, so that ``period_day`` reads each one and an impossible date is reported."""


_YearFileLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in StrictLoader.yaml_implicit_resolvers.items()
}

_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def period_day(value: object) -> tuple[pd.Timestamp | None, str]:
    """A date of ``annee.yaml``: ``jj/mm/aaaa`` (French, day first) or ``aaaa-mm-jj``; the day, or None and
    what was expected.

    ``02/11/2022`` is 2 November (``pd.Timestamp`` would read it month first, as 11 February). Any
    other writing (``02-11-2022``, ``02/11/22``, ``2022/11/02``, a time, words) is refused rather than
    guessed.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):  # an explicit « !!timestamp »
        return pd.Timestamp(value), ""
    text = value.strip() if isinstance(value, str) else ""
    if found := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(x) for x in found.groups())
    elif found := _ISO_DAY.fullmatch(text):
        year, month, day = (int(x) for x in found.groups())
    else:
        return None, "une date jj/mm/aaaa (02/11/2022 : le 2 novembre) ou aaaa-mm-jj"
    try:
        return pd.Timestamp(dt.date(year, month, day)), ""
    except ValueError:
        return None, "une date qui existe, jj/mm/aaaa ou aaaa-mm-jj"


def _parse_year_file(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree of ``annee.yaml`` (for line numbers) and the document it builds."""
    loader = _YearFileLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _value_lines(node: yaml.Node | None, prefix: tuple[str, ...] = (), depth: int = 3) -> dict[tuple[str, ...], int]:
    """The line (1-based) of each value of a mapping, by its keys (``("periodes", "appels_mysteres", "fin")``)."""
    lines: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode) and depth:
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                path = (*prefix, str(key.value))
                lines[path] = value.start_mark.line + 1
                lines.update(_value_lines(value, path, depth - 1))
    return lines


def _yaml_text(value: object) -> str:
    """A YAML value as the analyst wrote it (``{debut: 2022-11-31, fin: 2022-12-21}``)."""
    if value is None or isinstance(value, str):
        return value or ""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip().removesuffix("...").strip()


def read_periods(folder: Path, year: int) -> tuple[dict[str, tuple[pd.Timestamp, pd.Timestamp]], list[Problem]]:
    """Periods declared in ``annee.yaml`` (survey window, mystery calls…), checked to lie in the year."""
    path = folder / YEAR_FILE
    if not path.is_file():
        broken = _not_a_file(path) if path.is_symlink() or path.exists() else None
        return {}, [_entry_problem(path, broken)] if broken else []
    label = path_label(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return {}, [Problem(label, "un fichier texte encodé en UTF-8", value="caractères illisibles")]
    try:
        node, content = _parse_year_file(text)
    except AliasRefused as err:
        return {}, [Problem(label, "des valeurs écrites en entier, sans ancre « & » ni alias « * » (refusés : "
                                   "voir l’exemple de data/README.md)", row=err.line, value=err.token)]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        lines = [(i, line) for i, line in enumerate(text.splitlines()) if line.strip()]
        at = [(i, line) for i, line in lines if mark is None or i <= mark.line][-1:] or lines[:1]
        return {}, [Problem(label, "un fichier YAML valide : vérifier l'indentation, les deux-points et que chaque "
                                   "« { » ou « [ » est refermé (voir l'exemple de data/README.md)",
                            row=at[0][0] + 1 if at else None, value=at[0][1].strip() if at else "")]
    content = {} if content is None else content
    example = "« annee: aaaa » puis « periodes: » (voir data/README.md)"
    if not isinstance(content, dict):
        return {}, [Problem(label, f"des rubriques {example}", value=_yaml_text(content))]
    problems = []
    lines = _value_lines(node)
    declared = content.get("annee")
    if declared is not None and str(declared).strip() != str(year):
        problems.append(Problem(label, f"l'année du dossier, {year}", column="annee", value=str(declared)))
    spans = content.get("periodes") or {}
    if not isinstance(spans, dict):
        return {}, [*problems, Problem(label, "une liste de périodes « nom: {debut: aaaa-mm-jj, fin: aaaa-mm-jj} »",
                                       column="periodes", value=_yaml_text(spans))]
    periods = {}
    for name, span in spans.items():
        where = f"periodes.{name}"
        if name not in PERIODS:
            close = difflib.get_close_matches(str(name), list(PERIODS), n=1, cutoff=0.6)
            hint = f"« {close[0]} » ?" if close else "une des périodes " + ", ".join(PERIODS)
            problems.append(Problem(label, f"une période connue : {hint}", column=where, value=str(name)))
            continue
        if not isinstance(span, dict) or not {"debut", "fin"} <= set(span):
            problems.append(Problem(label, "une période « debut: jj/mm/aaaa » et « fin: jj/mm/aaaa » (ou aaaa-mm-jj)",
                                    column=where, value=_yaml_text(span)))
            continue
        days = {}
        for key in ("debut", "fin"):
            days[key], expected = period_day(span[key])
            if days[key] is None:
                problems.append(Problem(label, expected, row=lines.get(("periodes", str(name), key)),
                                        column=f"{where}.{key}", value=_yaml_text(span[key])))
        start, end = days["debut"], days["fin"]
        if start is None or end is None:
            continue
        if start > end or start.year != year or end.year != year:
            problems.append(Problem(label, f"une période de l'année {year} dont le début précède la fin",
                                    column=where, value=f"{start.date()} → {end.date()}"))
            continue
        periods[name] = (start, end)
    return periods, problems


def _dashboard_years(raw: pd.DataFrame, label: str, header_row: int = 1) -> tuple[pd.DataFrame, list[Problem]]:
    """The dashboard's yearly columns, as a long table of ``indicator, year, value_text``.

    A count (unit « nombre ») follows the rule of whole numbers: ``12.500`` may be 12,5 or
    12 500, and is refused with what to write.
    """
    from helpers.data.contract.parsing import ambiguous_thousands, expected, parse_dashboard_value, per_distinct

    problems: list[Problem] = []
    values = {}
    units = next((raw[h] for h in raw.columns if normalize_header(str(h)) == "unite"), None)
    counts = (units.astype("str").str.strip().str.lower() == "nombre") if units is not None else False
    for header in raw.columns:
        if _YEAR_HEADER.match(str(header).strip()):
            parsed, bad = per_distinct(parse_dashboard_value, raw[header])
            ambiguous = counts & ambiguous_thousands(raw[header].astype("str").str.strip())
            bad = bad | ambiguous
            cells = raw.loc[bad.to_numpy(), header]
            whys = expected("dashboard_value", cells).where(~ambiguous[bad.to_numpy()],
                                                           expected("integer", cells))
            for row, cell, why in zip(cells.index, cells, whys, strict=True):
                problems.append(Problem(label, why, row=int(row), column=str(header), value=cell))
            values[int(header)] = parsed.where(~bad)
    if not values:
        problems.append(Problem(label, "au moins une colonne d'année (en-tête « 2022 »…)", row=header_row,
                                value="aucune colonne d'année"))
    return pd.DataFrame(values, index=raw.index), problems


def with_needs(tables: Iterable[str]) -> set[str]:
    """The tables named, and those they need read along with them (``TableSpec.needs``), at any depth."""
    wanted, todo = set(), list(tables)
    while todo:
        table = todo.pop()
        if table not in wanted:
            wanted.add(table)
            todo += TABLES_BY_NAME[table].needs
    return wanted


def check_year(folder: Path | str, settings: dict[str, Any] | None = None,
               tables: Iterable[str] | None = None) -> CheckResult:
    """Read and validate the files of a year's folder; collect all problems (capped per file).

    ``tables`` limits the reading to these tables (and those they need); every table by default.
    """
    given = Path(folder).absolute()
    settings = settings or load_settings()
    try:  # a folder linked from elsewhere keeps the year of its link's name
        folder, year = given.resolve(), folder_year(given)
    except (OSError, RuntimeError):  # a link that loops
        folder, year = given, None
    year = year or folder_year(folder)
    if year is None or not folder.is_dir():
        problem = Problem(path_label(folder), "un dossier d'année existant, nommé par l'année (ex. data/2022)")
        return CheckResult(YearData(year or 0, folder), [problem])
    periods, problems = read_periods(folder, year)
    data = YearData(year, folder, periods=periods)
    ctx = Context(year=year, settings=settings, periods=periods)
    result = CheckResult(data, problems)
    cap = settings["validation"]["max_problems_per_file"]
    wanted = with_needs(tables) if tables is not None else None
    entries = sorted(folder.iterdir())
    scan = _scan_folder(entries, wanted)
    problems += scan.problems
    result.warnings = scan.warnings
    for spec in TABLES:
        if wanted is not None and spec.table not in wanted:
            continue
        named = _named_after(entries, spec)
        broken = {p: why for p in named if (why := _not_a_file(p))}
        problems += [_entry_problem(p, why) for p, why in broken.items()]
        paths = [p for p in named if p not in broken]
        if not paths:
            data.missing.append(spec.table)
            if broken or spec.stem in scan.meant:
                continue  # the file is there, as a link or under a name already reported
            others = other_formats(folder, spec)
            if others:
                problems.append(Problem(path_label(folder / spec.stem),
                                        f"un fichier {spec.stem}.csv ou {spec.stem}.xlsx : l'enregistrer dans "
                                        "l'un de ces formats", value=f"format non accepté : {', '.join(others)}"))
            elif spec.required:
                problems.append(Problem(path_label(folder / spec.stem),
                                        f"un fichier {spec.stem}.csv ou {spec.stem}.xlsx ({spec.title}, obligatoire)",
                                        value="fichier absent"))
            continue
        if len(paths) > 1:
            problems.append(Problem(path_label(folder / spec.stem),
                                    "un seul fichier par source (retirer l'un des deux)",
                                    value=", ".join(p.name for p in paths)))
            continue
        path = paths[0]
        result.files[spec.table] = path
        try:
            typed, table_problems = check_file(spec, path, ctx)
        except Exception as err:
            raise RuntimeError(f"erreur inattendue en lisant {path_label(path)} "
                               f"({type(err).__name__} : {err})") from err
        if not table_problems:
            data.tables[spec.table] = _with_row(typed)
            for col in spec.columns:
                if col.unique and not col.personal:
                    ctx.lookups[f"{spec.table}.{col.field}"] = set(typed[col.field].dropna())
        log.debug("read %s: %d rows, %d problems", path_label(path), len(typed), len(table_problems))
        _add_problems(result, path_label(path), table_problems, cap)
    _count_page_views(result, cap)
    return result


def _add_problems(result: CheckResult, label: str, found: list[Problem], cap: int) -> None:
    """Add a file's problems to the result, at most ``cap`` of them (the others are counted)."""
    if len(found) > cap:
        result.omitted_by_file[label] = result.omitted_by_file.get(label, 0) + len(found) - cap
        result.omitted += len(found) - cap
        found = found[:cap]
    result.problems += found


def _count_page_views(result: CheckResult, cap: int) -> None:
    """Visitors counted from the raw page views, standing for ``site_internet`` or checked against it.

    Either file gives the website's audience, so the other is not listed as missing. When
    ``site_internet`` is absent, the counts become the ``web_visitors`` table; when both files are
    valid, every row of ``site_internet`` whose number differs from the count is a problem. The
    page views are then dropped from the year's tables: nothing downstream reads them, and they may
    hold millions of rows.
    """
    data = result.data
    for given, other in ((WEBSITE.table, WEB_HITS.table), (WEB_HITS.table, WEBSITE.table)):
        if given in result.files and other in data.missing:
            data.missing.remove(other)  # either file gives the website's audience: the other is not missed
    hits = data.tables.pop(WEB_HITS.table, None)
    if hits is None:
        return
    counted = visitors_from_hits(hits, data.year)
    del hits
    hits_name = result.files[WEB_HITS.table].name
    if WEBSITE.table in data.tables:
        label = path_label(result.files[WEBSITE.table])
        _add_problems(result, label, _website_mismatches(data[WEBSITE.table], counted, label, hits_name), cap)
    elif WEBSITE.table not in result.files:
        data.tables[WEBSITE.table] = counted
        data.derived[WEBSITE.table] = hits_name
        log.debug("web_visitors counted from %s: %d sections", hits_name, len(counted) - 1)


def _website_mismatches(website: pd.DataFrame, counted: pd.DataFrame, label: str, hits_name: str) -> list[Problem]:
    """Rows of ``site_internet`` (``website``) whose unique visitors differ from those counted in the page views.

    ``counted`` is ``visitors_from_hits``'s table; a section of the page views that has no row in
    ``site_internet`` is reported too.
    """
    both = website.merge(counted[["section", "visitors"]], on="section", how="outer", suffixes=("", "_counted"),
                         sort=False)
    both["visitors_counted"] = both["visitors_counted"].fillna(0)
    listed = both["file_row"].notna()
    differs = listed & (both["visitors"] != both["visitors_counted"]).fillna(True)
    column, section_column = WEBSITE.column("visitors").header, WEBSITE.column("section").header
    problems = [
        Problem(label, f"{fmt_number(row.visitors_counted)}, le nombre de visiteurs uniques compté dans {hits_name}",
                row=int(row.file_row), column=column, value=str(row.visitors))
        for row in both[differs].sort_values("file_row").itertuples(index=False)
    ]
    problems += [
        Problem(label, f"une ligne « {row.section} » : {fmt_number(row.visitors_counted)} visiteurs uniques "
                       f"comptés dans {hits_name}", column=section_column, value="rubrique absente")
        for row in both[~listed].itertuples(index=False)
    ]
    return problems


def other_formats(folder: Path, spec: TableSpec) -> list[str]:
    """Entries named after a table but in a format the contract does not accept (``.xls``, ``.ods``, a folder…)."""
    return sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                  if p.stem.lower() == spec.stem and p.suffix.lower() not in EXTENSIONS)


def check_file(spec: TableSpec, path: Path, ctx: Context) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and validate one file: its typed table and its problems (one per place)."""
    label = path_label(path)
    known = [normalize_header(c.header) for c in spec.columns]
    try:
        raw = read_raw(path, label, known)
    except UnreadableFile as err:
        return pd.DataFrame(), err.problems
    table_problems: list[Problem] = []
    if spec.table == "dashboard":
        years, year_problems = _dashboard_years(raw.frame, label, raw.header_row)
        table_problems += year_problems
        raw.frame = raw.frame[[c for c in raw.frame.columns if not _YEAR_HEADER.match(str(c).strip())]]
    typed, found = validate_table(spec, raw, label, ctx)
    table_problems = merge_same_place(in_file_order(
        found + [p for p in table_problems if (p.row, p.column) not in raw.reported]))
    if spec.table == "dashboard" and not table_problems:
        typed = _dashboard_long(typed, years)
    return typed, table_problems


def _with_row(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the file row number as a column and give the frame a plain index (the columns are not copied)."""
    out = frame.reset_index(names="file_row")
    out["file_row"] = out["file_row"].astype("int64")
    return out


def _dashboard_long(typed: pd.DataFrame, years: pd.DataFrame) -> pd.DataFrame:
    """One row per dashboard indicator and year: ``value`` (float or NA) and ``value_status``."""
    stacked = years.stack(future_stack=True).rename("value_text")
    stacked.index.names = ["row", "year"]
    long = stacked.to_frame().reset_index(level="year")
    long = typed.join(long, how="inner")
    text = long["value_text"]
    long["value_status"] = "valeur"
    long.loc[text == "non suivi", "value_status"] = "non suivi"
    long.loc[text == "-", "value_status"] = "sans valeur"
    long.loc[text.isna(), "value_status"] = "non renseigné"
    long["value"] = pd.to_numeric(text.where(long["value_status"] == "valeur"), errors="coerce").astype("Float64")
    long["year"] = long["year"].astype("int64")
    return long.drop(columns="value_text")


def load_year(folder: Path | str, settings: dict[str, Any] | None = None,
              tables: Iterable[str] | None = None) -> YearData:
    """The typed tables of a year's folder; raises ``ValidationFailed`` if any file breaks the contract.

    ``tables`` limits the reading to these tables (and those they need); every table by default.
    """
    result = check_year(folder, settings, tables)
    if result.problems:
        raise ValidationFailed(result.problems, result.omitted)
    for warning in result.warnings:  # logged once, by the build's full read (not by each notebook's)
        log.log(logging.WARNING if tables is None else logging.DEBUG, "avertissement : %s", warning_text(warning))
    log.debug("loaded %s: %s", result.data.folder, ", ".join(sorted(result.data.tables)))
    return result.data


