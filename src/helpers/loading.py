"""Loading a year's folder: find each file of the contract, read it, validate it, type it.

``load_year`` returns the typed tables or raises ``ValidationFailed`` with every problem of
every file; ``check_year`` returns the problems without raising (for ``clu validate``).
Nothing downstream is computed from a folder that failed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers.contract import TABLES, Context, Problem, TableSpec, ValidationFailed
from helpers.contract.reading import UnreadableFile, normalize_header, read_raw
from helpers.contract.validate import validate_table
from helpers.settings import load_settings

log = logging.getLogger(__name__)

YEAR_FILE = "annee.yaml"
EXTENSIONS = (".csv", ".xlsx")
_YEAR_HEADER = re.compile(r"^(19|20)\d\d$")


@dataclass
class YearData:
    """The typed tables of one year's folder, by table name (``survey``, ``complaints``…)."""

    year: int
    folder: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    periods: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    def has(self, *tables: str) -> bool:
        """True when every named table was provided."""
        return all(t in self.tables for t in tables)


@dataclass
class CheckResult:
    """Outcome of checking a folder: the data read, the problems, the count left out by the cap."""

    data: YearData
    problems: list[Problem]
    omitted: int = 0
    files: dict[str, Path] = field(default_factory=dict)


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find_file(folder: Path, spec: TableSpec) -> list[Path]:
    """Files of the folder named after the table (``<stem>.csv`` or ``<stem>.xlsx``, any case)."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.stem.lower() == spec.stem and p.suffix.lower() in EXTENSIONS)


def folder_year(folder: Path) -> int | None:
    """The year a folder is named after (``data/2022`` -> 2022)."""
    return int(folder.name) if re.fullmatch(r"(19|20)\d\d", folder.name) else None


def read_periods(folder: Path, year: int) -> tuple[dict[str, tuple[pd.Timestamp, pd.Timestamp]], list[Problem]]:
    """Periods declared in ``annee.yaml`` (survey window, mystery calls…), checked to lie in the year."""
    path = folder / YEAR_FILE
    if not path.exists():
        return {}, []
    label = _label(path)
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        return {}, [Problem(label, "un fichier YAML valide", value=str(err).splitlines()[0])]
    periods, problems = {}, []
    for name, span in (content.get("periodes") or {}).items():
        try:
            start, end = (pd.Timestamp(span[k]) for k in ("debut", "fin"))
        except (TypeError, KeyError, ValueError):
            problems.append(Problem(label, "une période « debut: aaaa-mm-jj » et « fin: aaaa-mm-jj »",
                                    column=f"periodes.{name}", value=str(span)))
            continue
        if start > end or start.year != year or end.year != year:
            problems.append(Problem(label, f"une période de l'année {year} dont le début précède la fin",
                                    column=f"periodes.{name}", value=f"{start.date()} → {end.date()}"))
            continue
        periods[name] = (start, end)
    return periods, problems


def _dashboard_years(raw: pd.DataFrame, label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The dashboard's yearly columns, as a long table of ``indicator, year, value_text``."""
    from helpers.contract.parsing import parse_dashboard_value

    problems: list[Problem] = []
    values = {}
    for header in raw.columns:
        if _YEAR_HEADER.match(str(header).strip()):
            parsed, bad = parse_dashboard_value(raw[header])
            for row in bad[bad].index:
                problems.append(Problem(label, "un nombre, « non suivi » ou « - »", row=int(row),
                                        column=str(header), value=raw.at[row, header]))
            values[int(header)] = parsed
    if not values:
        problems.append(Problem(label, "au moins une colonne d'année (en-tête « 2022 »…)", row=1,
                                value="aucune colonne d'année"))
    return pd.DataFrame(values, index=raw.index), problems


def check_year(folder: Path | str, settings: dict[str, Any] | None = None) -> CheckResult:
    """Read and validate every file of a year's folder; collect all problems (capped per file)."""
    folder = Path(folder).resolve()
    settings = settings or load_settings()
    cap = settings["validation"]["max_problems_per_file"]
    year = folder_year(folder)
    if year is None or not folder.is_dir():
        problem = Problem(_label(folder), "un dossier d'année existant, nommé par l'année (ex. data/2022)")
        return CheckResult(YearData(year or 0, folder), [problem])
    periods, problems = read_periods(folder, year)
    data = YearData(year, folder, periods=periods)
    ctx = Context(year=year, settings=settings, periods=periods)
    omitted = 0
    result = CheckResult(data, problems)
    for spec in TABLES:
        paths = find_file(folder, spec)
        if not paths:
            data.missing.append(spec.table)
            if spec.required:
                problems.append(Problem(_label(folder / spec.stem),
                                        f"un fichier {spec.stem}.csv ou {spec.stem}.xlsx ({spec.title}, obligatoire)",
                                        value="fichier absent"))
            continue
        if len(paths) > 1:
            problems.append(Problem(_label(folder / spec.stem), "un seul fichier par source",
                                    value=", ".join(p.name for p in paths)))
            continue
        path = paths[0]
        label = _label(path)
        result.files[spec.table] = path
        known = {normalize_header(c.header) for c in spec.columns}
        try:
            raw = read_raw(path, label, known)
        except UnreadableFile as err:
            problems.append(err.problem)
            continue
        table_problems: list[Problem] = []
        if spec.table == "dashboard":
            years, year_problems = _dashboard_years(raw.frame, label)
            table_problems += year_problems
            raw.frame = raw.frame[[c for c in raw.frame.columns if not _YEAR_HEADER.match(str(c).strip())]]
        typed, found = validate_table(spec, raw, label, ctx)
        table_problems += found
        if spec.table == "dashboard" and not table_problems:
            typed = _dashboard_long(typed, years)
        if len(table_problems) > cap:
            omitted += len(table_problems) - cap
            table_problems = table_problems[:cap]
        problems += table_problems
        if not table_problems:
            data.tables[spec.table] = _with_row(typed)
        log.debug("read %s: %d rows, %d problems", label, len(typed), len(table_problems))
    result.omitted = omitted
    return result


def _with_row(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the file row number as a column and give the frame a plain index."""
    out = frame.copy()
    out.insert(0, "file_row", out.index.astype("int64"))
    return out.reset_index(drop=True)


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


def load_year(folder: Path | str, settings: dict[str, Any] | None = None) -> YearData:
    """The typed tables of a year's folder; raises ``ValidationFailed`` if any file breaks the contract."""
    result = check_year(folder, settings)
    if result.problems:
        raise ValidationFailed(result.problems, result.omitted)
    log.info("loaded %s: %s", result.data.folder, ", ".join(sorted(result.data.tables)))
    return result.data


