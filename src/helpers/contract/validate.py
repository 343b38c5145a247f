"""Checking a raw table against its ``TableSpec``: headers, cell types, then pandera rules.

The result is a typed DataFrame with the code's column names (personal columns dropped),
indexed by file row number, and the list of every problem found.
"""

from __future__ import annotations

import difflib
import warnings

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from helpers.contract import parsing
from helpers.contract.problems import Problem
from helpers.contract.reading import RawTable, normalize_header
from helpers.contract.spec import Column, Context, TableSpec, resolve_allowed

_DTYPES = {
    "text": "string", "category": "string", "integer": "Int64", "decimal": "Float64",
    "date": "datetime64[ns]", "month": "datetime64[ns]", "yesno": "boolean", "dashboard_value": "string",
}


def match_headers(spec: TableSpec, headers: list[str], label: str) -> tuple[dict[str, Column], list[Problem]]:
    """Map each file header to its column; report missing, unknown and repeated headers."""
    by_key = {normalize_header(c.header): c for c in spec.columns}
    found: dict[str, Column] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for header in headers:
        key = normalize_header(header)
        if key in seen:
            problems.append(Problem(label, "chaque colonne une seule fois", row=1, column=header,
                                    value="colonne en double"))
            continue
        seen.add(key)
        if key in by_key:
            found[header] = by_key[key]
        elif not any(key.startswith(p) for p in spec.extra_prefixes):
            close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
            hint = f"« {by_key[close[0]].header} » ?" if close else "une colonne du contrat (voir data/README.md)"
            problems.append(Problem(label, f"une colonne connue : {hint}", row=1, column=header,
                                    value="colonne inconnue"))
    present = {normalize_header(h) for h in found}
    for col in spec.columns:
        if col.required and normalize_header(col.header) not in present:
            problems.append(Problem(label, f"une colonne « {col.header} » ({col.description})",
                                    row=1, column=col.header, value="colonne absente"))
    return found, problems


def _parse(col: Column, text: pd.Series, ctx: Context) -> tuple[pd.Series, pd.Series]:
    kind = col.kind
    if kind == "text":
        return text.where(text != "").astype("string"), pd.Series(False, index=text.index)
    if kind == "category":
        return parsing.parse_category(text, resolve_allowed(col.allowed, ctx.settings))
    return {
        "integer": parsing.parse_integer, "decimal": parsing.parse_decimal, "date": parsing.parse_dates,
        "month": parsing.parse_month, "yesno": parsing.parse_yesno,
        "dashboard_value": parsing.parse_dashboard_value,
    }[kind](text)


def _column_schema(col: Column, ctx: Context) -> pa.Column:
    """The pandera rules of one column, each with the French text of what is expected."""
    checks = []
    allowed = resolve_allowed(col.allowed, ctx.settings)
    if allowed is not None:
        checks.append(pa.Check.isin(allowed, error="une des valeurs : " + ", ".join(allowed)))
    if col.min is not None and col.max is not None:
        checks.append(pa.Check.in_range(col.min, col.max, error=f"une valeur de {col.min:g} à {col.max:g}"))
    elif col.min is not None:
        checks.append(pa.Check.ge(col.min, error=f"une valeur supérieure ou égale à {col.min:g}"))
    if col.in_year:
        checks.append(pa.Check(lambda s: s.dt.year == ctx.year, element_wise=False,
                               error=f"une date de l'année {ctx.year}"))
    return pa.Column(_DTYPES[col.kind], checks=checks, nullable=col.nullable, unique=col.unique,
                     required=False, coerce=False, name=col.field)


def _display(value: object) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def schema_for(spec: TableSpec, ctx: Context) -> pa.DataFrameSchema:
    """The pandera schema of a table, built from its spec and the settings."""
    checks = [
        pa.Check(lambda df, rc=rc: rc.ok(df, ctx).fillna(True).astype(bool), name=rc.name, error=rc.name)
        for rc in spec.checks
    ]
    columns = {c.field: _column_schema(c, ctx) for c in spec.columns if not c.personal}
    return pa.DataFrameSchema(columns, checks=checks, strict=False)


def _schema_problems(err: SchemaErrors, spec: TableSpec, frame: pd.DataFrame, label: str) -> list[Problem]:
    by_field = {c.field: c for c in spec.columns}
    by_check = {rc.name: rc for rc in spec.checks}
    problems = []
    seen_rows: set[tuple[str, int | None]] = set()
    for case in err.failure_cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        if case.check in by_check:
            if (case.check, row) in seen_rows or row is None:
                continue
            seen_rows.add((case.check, row))
            rc = by_check[case.check]
            problems.append(Problem(label, rc.expected, row=row, column=by_field[rc.column].header,
                                    value=_display(frame.at[row, rc.column])))
        elif case.column in by_field:
            col = by_field[case.column]
            if case.check == "not_nullable":
                expected = f"une valeur ({col.description}) : cette cellule ne peut pas être vide"
                value = ""
            elif str(case.check).startswith("field_uniqueness"):
                expected = "une valeur unique dans le fichier (elle apparaît plusieurs fois)"
                value = _display(case.failure_case)
            else:
                expected, value = str(case.check), _display(case.failure_case)
            problems.append(Problem(label, expected, row=row, column=col.header, value=value))
        else:
            problems.append(Problem(label, str(case.check), row=row, value=_display(case.failure_case)))
    return problems


def validate_table(spec: TableSpec, raw: RawTable, label: str, ctx: Context) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse and check a raw table; return the typed frame and every problem found."""
    frame = raw.frame
    found, problems = match_headers(spec, list(frame.columns), label)
    if frame.empty:
        problems.append(Problem(label, "au moins une ligne de données sous l'en-tête", row=2, value="aucune ligne"))
    typed = pd.DataFrame(index=frame.index)
    for header, col in found.items():
        if col.personal:
            continue  # personal data: accepted in the input, never read further
        values, bad = _parse(col, frame[header], ctx)
        for row in bad[bad].index:
            problems.append(Problem(label, parsing.EXPECTED_BY_KIND[col.kind], row=int(row),
                                    column=header, value=frame.at[row, header]))
        typed[col.field] = values
    for col in spec.columns:
        if not col.personal and col.field not in typed:
            typed[col.field] = pd.Series(pd.NA if col.kind not in ("date", "month") else pd.NaT,
                                         index=frame.index, dtype=_DTYPES[col.kind])
    complete = all(c.field in typed for c in spec.columns if not c.personal) and not any(
        p.value == "colonne absente" for p in problems)
    if complete and not frame.empty:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                schema_for(spec, ctx).validate(typed, lazy=True)
            except SchemaErrors as err:
                problems.extend(_schema_problems(err, spec, typed, label))
    # A cell already reported as unreadable is not reported again as empty.
    reported = {(p.row, p.column) for p in problems if p.expected in parsing.EXPECTED_BY_KIND.values()}
    problems = [p for p in problems if not (p.value == "" and (p.row, p.column) in reported)]
    return typed, problems
