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

from helpers.data.contract import parsing
from helpers.data.contract.problems import Problem, merge_same_place
from helpers.data.contract.reading import RawTable, normalize_header
from helpers.data.contract.spec import Column, Context, TableSpec, resolve_allowed
from helpers.data.parallel import column_wise
from helpers.data.redaction import redact_series
from helpers.report.french import clean_label

# From this many rows on, pandera checks each column on its own, the columns spread over the cores;
# a shorter table is checked in one call, as a call per column costs more than it saves there (on
# two cores, a column at a time took twice as long as one call on 100,000 rows of the survey, and
# 0.6 times as long on its million rows).
SPLIT_MIN_ROWS = 300_000

_DTYPES = {
    "text": "string", "category": "string", "integer": "Int64", "decimal": "Float64",
    "date": "datetime64[ns]", "month": "datetime64[ns]", "yesno": "boolean", "dashboard_value": "string",
}


def match_headers(spec: TableSpec, headers: list[str], label: str,
                  header_row: int = 1) -> tuple[dict[str, Column], list[Problem]]:
    """Map each file header to its column; report missing, unknown and repeated headers.

    An unknown header close to a missing column is reported once, as a probable misspelling.
    """
    by_key = {normalize_header(c.header): c for c in spec.columns}
    found: dict[str, Column] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    unknown: list[tuple[str, str]] = []
    for header in headers:
        key = normalize_header(header)
        if key in seen:
            problems.append(Problem(label, "chaque colonne une seule fois", row=header_row, column=header,
                                    value="colonne en double"))
            continue
        seen.add(key)
        if key in by_key:
            found[header] = by_key[key]
        elif not any(key.startswith(p) for p in spec.extra_prefixes):
            unknown.append((header, key))
    present = {normalize_header(h) for h in found}
    missing = {normalize_header(c.header): c for c in spec.columns
               if c.required and normalize_header(c.header) not in present}
    hinted: set[str] = set()
    for header, key in unknown:
        close = difflib.get_close_matches(key, list(missing) or list(by_key), n=1, cutoff=0.75)
        if close and close[0] in missing:
            hinted.add(close[0])
            hint = f"« {by_key[close[0]].header} » ? (colonne du contrat absente : faute de frappe dans l'en-tête)"
        elif close:
            hint = f"« {by_key[close[0]].header} » ?"
        else:
            hint = "une colonne du contrat (voir data/README.md)"
        problems.append(Problem(label, f"une colonne connue : {hint}", row=header_row, column=header,
                                value="colonne inconnue"))
    for key, col in missing.items():
        if key not in hinted:
            problems.append(Problem(label, f"une colonne « {col.header} » ({col.description})",
                                    row=header_row, column=col.header, value="colonne absente"))
    return found, problems


def _single_column(spec: TableSpec, raw: RawTable, label: str) -> Problem | None:
    """The whole table read as one column: the separator is not one of ``; , tab``."""
    headers = list(raw.frame.columns)
    required = [c.header for c in spec.columns if c.required]
    if len(headers) != 1 or len(required) < 2 or normalize_header(headers[0]) in {
            normalize_header(c.header) for c in spec.columns}:
        return None
    listed = ", ".join(required)
    if raw.separator is None:
        expected = f"une colonne par cellule (tout le tableau est dans une seule colonne) : {listed}"
    else:
        marks = [ch for ch in str(headers[0]) if not ch.isalnum() and ch not in "_- '\u00a0"]
        guess = max(set(marks), key=marks.count) if marks else None
        read = f" ; séparateur lu : « {guess} »" if guess else ""
        expected = (f"des colonnes séparées par « ; », « , » ou une tabulation{read} ; colonnes attendues : "
                    f"{listed}")
    return Problem(label, expected, row=raw.header_row, value=str(headers[0]))


def _parse(col: Column, text: pd.Series, ctx: Context) -> tuple[pd.Series, pd.Series]:
    """The typed cells of a column and the mask of those that could not be read."""
    kind = col.kind
    if kind == "text":
        return parsing.per_distinct(parsing.parse_text, text) if isinstance(
            text.dtype, pd.CategoricalDtype) else parsing.parse_text(text)
    if kind == "category":
        allowed = resolve_allowed(col.allowed, ctx.settings)
        return parsing.per_distinct(lambda cells: parsing.parse_category(cells, allowed), text)
    return parsing.per_distinct({
        "integer": parsing.parse_integer, "decimal": parsing.parse_decimal, "date": parsing.parse_dates,
        "month": parsing.parse_month, "yesno": parsing.parse_yesno,
        "dashboard_value": parsing.parse_dashboard_value,
    }[kind], text)


def _read_column(col: Column, text: pd.Series, ctx: Context) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``_parse``, and the cells of a text column read in the wrong encoding (``parsing.garbled``)."""
    values, bad = _parse(col, text, ctx)
    wrong_encoding = parsing.garbled(text) if col.kind in ("text", "category") else pd.Series([], dtype=object)
    return values, bad, wrong_encoding


def _column_schema(col: Column, ctx: Context) -> pa.Column:
    """The pandera rules of one column, each with the French text of what is expected.

    The column's type is not among them: it comes from its parser, and ``validate_table`` holds
    each parser to its kind's type (pandera's own check of a text column's type goes cell by
    cell, about 1 ms per column of 100,000 rows, to confirm what the parser already guarantees).
    """
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
    return pa.Column(None, checks=checks, nullable=col.nullable, unique=col.unique,
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
    columns = {c.field: _column_schema(c, ctx) for c in spec.columns if not c.personal}
    return pa.DataFrameSchema(columns, checks=_row_checks(spec, ctx), strict=False)


def _row_checks(spec: TableSpec, ctx: Context) -> list[pa.Check]:
    """The rules across columns of a table, as pandera checks."""
    return [pa.Check(lambda df, rc=rc: pd.Series(rc.ok(df, ctx), index=df.index).fillna(True).astype(bool),
                     name=rc.name, error=rc.name)
            for rc in spec.checks]


def failure_cases(spec: TableSpec, typed: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Pandera's failure cases of ``typed`` against ``schema_for(spec, ctx)``: empty when every rule holds.

    A long table has its schema checked in parts, each column on its own and then the rules
    across columns, on every core; the cases come in the order pandera gives them for the whole
    schema (columns in the contract's order, then the rules across columns).
    """
    schema = schema_for(spec, ctx)
    parts = [schema]
    if len(typed) >= SPLIT_MIN_ROWS:
        parts = [pa.DataFrameSchema({field: column}) for field, column in schema.columns.items()]
        parts.append(pa.DataFrameSchema(checks=schema.checks))

    def check(part: pa.DataFrameSchema) -> pd.DataFrame | None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:  # in place: nothing is coerced, and pandera then makes no copy of the frame
                part.validate(typed, lazy=True, inplace=True)
            except SchemaErrors as err:
                return err.failure_cases
        return None

    found = [cases for cases in column_wise(check, parts, typed.size) if cases is not None]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(
        columns=["column", "check", "failure_case", "index"])


def _schema_problems(cases: pd.DataFrame, spec: TableSpec, frame: pd.DataFrame, label: str,
                     raw: pd.DataFrame | None = None, headers: dict[str, str] | None = None) -> list[Problem]:
    """Pandera's failure cases as problems: column rules first, then rules across columns.

    The value shown is the cell as written in the file (``raw``), under its header as written
    (``headers``: field -> file header).
    """
    by_field = {c.field: c for c in spec.columns}
    by_check = {rc.name: rc for rc in spec.checks}
    headers = headers or {}

    def shown(row: int | None, field: str, typed_value: object) -> str:
        header = headers.get(field)
        if raw is not None and row is not None and header in raw.columns and row in raw.index:
            return str(raw.at[row, header])
        return _display(typed_value)

    problems, row_problems = [], []
    seen_rows: set[tuple[str, int | None]] = set()
    for case in cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        if case.check in by_check:
            if row is None:  # the rule itself failed: a bug of the contract, not of the file
                raise RuntimeError(f"la règle « {case.check} » n'a pas pu être vérifiée : {case.failure_case}")
            if (case.check, row) in seen_rows:
                continue
            seen_rows.add((case.check, row))
            rc = by_check[case.check]
            row_problems.append(Problem(label, rc.expected, row=row,
                                        column=headers.get(rc.column, by_field[rc.column].header),
                                        value=shown(row, rc.column, frame.at[row, rc.column])))
        elif case.column in by_field:
            col = by_field[case.column]
            if case.check == "not_nullable":
                expected = f"une valeur ({col.description}) : cette cellule ne peut pas être vide"
                value = ""
            elif str(case.check).startswith("field_uniqueness"):
                same = frame.index[(frame[col.field] == case.failure_case).fillna(False).to_numpy()]
                rows = [str(r) for r in same if r != row]
                others = ", ".join(rows[:5]) + (" …" if len(rows) > 5 else "")
                expected = "une valeur unique dans le fichier" + (f" (elle apparaît aussi ligne {others})"
                                                                  if others else " (elle apparaît plusieurs fois)")
                value = shown(row, col.field, case.failure_case)
            else:
                expected, value = str(case.check), shown(row, col.field, case.failure_case)
            problems.append(Problem(label, expected, row=row, column=headers.get(col.field, col.header), value=value))
        else:
            problems.append(Problem(label, "une valeur conforme au contrat de données (voir data/README.md)",
                                    row=row, value=_display(case.failure_case)))
    return problems + row_problems


def validate_table(spec: TableSpec, raw: RawTable, label: str, ctx: Context) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse and check a raw table; return the typed frame and every problem found.

    Cells the reader already reported (merged cells, formulas without a value) are not
    reported again; two rules broken by one cell make one problem. An unreadable number says what
    to write instead (``parsing.expected``); a text cell read in the wrong encoding (``Ã©`` for
    ``é``: ``parsing.garbled``) is reported with what to do about the file. The personal data of
    ``redacted`` columns are masked in the typed frame.
    """
    frame = raw.frame
    header_row = raw.header_row
    single = _single_column(spec, raw, label)
    if single is not None:
        typed = pd.DataFrame(index=frame.index)
        return typed, merge_same_place([*raw.problems, single])
    found, problems = match_headers(spec, list(frame.columns), label, header_row)
    if frame.empty:
        problems.append(Problem(label, "au moins une ligne de données sous l'en-tête", row=header_row + 1,
                                value="aucune ligne"))
    typed = pd.DataFrame(index=frame.index)
    read = [(header, col) for header, col in found.items() if not col.personal]  # personal: never read further
    parsed = column_wise(lambda item: _read_column(item[1], frame[item[0]], ctx), read, frame.size)
    unreadable: set[tuple[int, str]] = set()
    garbled: dict[tuple[int, str], Problem] = {}
    for (header, col), (values, bad, wrong_encoding) in zip(read, parsed, strict=True):
        if values.dtype != _DTYPES[col.kind]:  # a bug of the parser, not of the file
            raise TypeError(f"le lecteur « {col.kind} » a donné le type {values.dtype} à la colonne {col.field}, "
                            f"au lieu de {_DTYPES[col.kind]}")
        cells = frame.loc[bad.to_numpy(), header]
        for row, cell, expected in zip(cells.index, cells, parsing.expected(col.kind, cells), strict=True):
            problems.append(Problem(label, expected, row=int(row), column=header, value=cell))
            unreadable.add((int(row), header))
        for row, sequence in wrong_encoding.items():
            cell = str(frame.at[row, header])
            garbled[(int(row), header)] = Problem(label, parsing.garbled_expected(sequence, raw.encoding), row=int(row),
                                                  column=header, value=parsing.excerpt(cell, sequence))
        typed[col.field] = values
    for col in spec.columns:
        if not col.personal and col.field not in typed:
            typed[col.field] = pd.Series(pd.NA if col.kind not in ("date", "month") else pd.NaT,
                                         index=frame.index, dtype=_DTYPES[col.kind])
    complete = all(c.field in typed for c in spec.columns if not c.personal) and not any(
        p.value == "colonne absente" or "colonne du contrat absente" in p.expected for p in problems)
    if complete and not frame.empty:
        headers = {col.field: header for header, col in found.items()}
        problems.extend(_schema_problems(failure_cases(spec, typed, ctx), spec, typed, label, frame, headers))
    # A cell already reported as unreadable is not reported again as empty; a cell read in the wrong
    # encoding is reported as such, and for nothing else (its other rules failed on a garbled text).
    problems = [p for p in problems if not (p.value == "" and (p.row, p.column) in unreadable)]
    problems = [p for p in problems if (p.row, p.column) not in garbled] + list(garbled.values())
    problems = [p for p in problems if (p.row, p.column) not in raw.reported]
    for col in spec.columns:  # after the rules, which hold on the text as written (uniqueness…)
        if col.redacted and col.field in typed:
            typed[col.field] = redact_series(typed[col.field])
        if col.label and col.field in typed:
            typed[col.field] = typed[col.field].map(clean_label, na_action="ignore").astype(typed[col.field].dtype)
    return typed, merge_same_place(in_file_order([*raw.problems, *problems]))


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems of the whole file first, then row by row (stable: columns in the order found)."""
    return sorted(problems, key=lambda p: p.row or 0)
