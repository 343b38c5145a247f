"""Tables for readers: French number formats and Markdown output that Quarto and pandoc embed.

Every header and cell is text, whatever it holds (``helpers.report.escaping``): a comment or a label
from the data can never open a link, an image or raw HTML or Typst in the report.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.indicators.records import MET, NO_TARGET, NO_VALUE, NOT_MET, NOT_TRACKED
from helpers.report.escaping import markdown_text
from helpers.report.formatting import fmt_month, fmt_number, fmt_percent, fmt_value, round_half_up, target_decimals

STATUS_FR = {MET: "atteinte", NOT_MET: "non atteinte", NO_TARGET: "sans cible", NOT_TRACKED: "non suivi",
             NO_VALUE: "sans valeur"}
OPERATOR_FR = {"=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}
WITHHELD = "non diffusé"  # a rate on too few answers masked by the small-counts policy


def percent(decimals: int = 1) -> Callable[[object], str]:
    """Cell formatter for a rate on 0-100 (empty cell when there is none)."""
    return lambda v: "" if v is None or pd.isna(v) else fmt_percent(float(v), decimals)


def number(decimals: int = 0) -> Callable[[object], str]:
    """Cell formatter for a count or an amount."""
    return lambda v: "" if v is None or pd.isna(v) else fmt_number(float(v), decimals)


def month(value: object) -> str:
    """Cell formatter for a month (``juillet 2023``); empty when there is none."""
    return "" if value is None or pd.isna(value) else fmt_month(value)


def target_text(op: object, value: object, unit: str) -> str:
    """``≥ 85 %``, ``> 90,5 %``, ``≤ 5 jours`` (the target as written), or an empty cell without a target."""
    if op is None or pd.isna(op) or value is None or pd.isna(value):
        return ""
    return f"{OPERATOR_FR[str(op)]} {fmt_value(float(value), unit, target_decimals(float(value)))}"


def column_decimals(units: pd.Series, decimals: pd.Series, values: pd.Series) -> list[int]:
    """One precision per unit in a table column: each row takes the largest of the column's rows of its unit
    (« 100,0 % » beside « 97,4 % », never « 100 % »), when that only adds zeros to the figure as shown.

    A figure shown at a lower precision than its column's (« 89 % » for 89.47) keeps its own: more
    digits would be a figure the prose and the status (judged at the shown precision) do not use.
    A count stays whole beside a rate; rows without a value do not count.
    """
    units = units.fillna("").astype(str).reset_index(drop=True)
    own = decimals.fillna(0).astype(int).reset_index(drop=True)
    values = values.reset_index(drop=True)
    present = values.notna().to_numpy()
    widest = own[present].groupby(units[present]).max()
    out = []
    for v, u, d in zip(values, units, own, strict=True):
        wide = int(widest.get(u, d))
        exact = not pd.isna(v) and round_half_up(float(v), d) == round_half_up(float(v), wide)
        out.append(wide if exact else int(d))
    return out


def value_cells(frame: pd.DataFrame, value: str = "value", missing: str = "") -> list[str]:
    """Each row's value in its unit, with one precision per unit in the column (``column_decimals``)."""
    shown = column_decimals(frame["unit"], frame["decimals"], frame[value])
    return [missing if v is None or pd.isna(v) else fmt_value(float(v), u, d)
            for v, u, d in zip(frame[value], frame["unit"], shown, strict=True)]


def target_cells(frame: pd.DataFrame) -> list[str]:
    """Each row's target (columns ``target_op``, ``target_value``, ``unit``), empty without one."""
    return [target_text(o, t, u) for o, t, u in zip(frame["target_op"], frame["target_value"], frame["unit"],
                                                    strict=True)]


def markdown(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]] | None = None,
             align_right: tuple[str, ...] = ()) -> str:
    """A pipe table: the columns as named (French headers), cells formatted, every cell literal text."""
    formats = formats or {}
    header = [str(c) for c in frame.columns]
    numeric = [c in align_right or pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for col in frame.columns:
            value = row[col]
            text = formats[col](value) if col in formats else ("" if value is None or (
                not isinstance(value, str) and pd.isna(value)) else str(value))
            cells.append(text)
        rows.append(cells)
    # Dashes in proportion to each column's longest text: pandoc sizes wide tables from them.
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    dashes = ["-" * max(3, min(60, w)) for w in widths]
    lines = ["| " + " | ".join(map(markdown_text, header)) + " |",
             "|" + "|".join(f"{d}:" if right else f":{d}" for d, right in zip(dashes, numeric, strict=True)) + "|"]
    lines += ["| " + " | ".join(map(markdown_text, cells)) + " |" for cells in rows]
    return "\n".join(lines)


def message(header: str, text: str) -> str:
    """A one-cell table saying why a table is empty: the report numbers and captions it like the table it
    stands for, with Quarto as with the built-in renderer (a labelled ``tbl-`` cell is a table float)."""
    return markdown(pd.DataFrame({header: [text]}))


def evolution(table: pd.DataFrame, source: str, indicators: list[str], year: int, first_header: str,
              missing: str = "") -> pd.DataFrame:
    """A source's indicators by year as the report shows them, with the year's target and status.

    ``table`` is the tidy table of the build (``helpers.indicators.results.Results.table``): the
    values, targets and statuses are those of the prose and the CSV, only formatted here. Rows
    follow ``indicators`` (those the table has); one column per year the source has figures. A
    value the small-counts policy withholds reads « non diffusé », as in the prose.
    """
    rows = table[(table["source"] == source) & table["indicator"].isin(indicators)]
    years = sorted(int(y) for y in rows["year"].unique())
    current = rows[rows["year"] == year].set_index("indicator")
    order = [i for i in indicators if i in set(rows["indicator"])]
    out = pd.DataFrame({first_header: [current["label"].get(i, rows.loc[rows["indicator"] == i, "label"].iloc[-1])
                                       for i in order]})
    for y in years:
        of_year = rows[rows["year"] == y].set_index("indicator").reindex(order)
        shown = column_decimals(of_year["unit"], of_year["decimals"].fillna(1), of_year["value"])
        out[f"Résultats {y}"] = [
            (WITHHELD if isinstance(n, str) and n.startswith(WITHHELD) else missing) if pd.isna(v)
            else fmt_value(float(v), u, d)
            for v, u, d, n in zip(of_year["value"], of_year["unit"].fillna(""), shown, of_year["note"], strict=True)]
    now = current.reindex(order)
    out[f"Cible {year}"] = [target_text(o, t, u if isinstance(u, str) else "") for o, t, u in
                            zip(now["target_op"], now["target_value"], now["unit"], strict=True)]
    out[f"Cible atteinte en {year}"] = [STATUS_FR[s] if isinstance(s, str) else "" for s in now["status"]]
    return out


def constant_columns(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]] | None = None,
                     keep: tuple[str, ...] = ()) -> dict[str, str]:
    """The columns whose cells all read the same (as ``markdown`` writes them), with that text.

    A table of fewer than two rows has none (one row says nothing is repeated), and a numeric
    column counts only when it is zero everywhere; ``keep`` names columns never reported.
    """
    formats = formats or {}
    if len(frame) < 2:
        return {}
    found = {}
    for col in frame.columns:
        if col in keep:
            continue
        cells = {formats[col](v) if col in formats else ("" if v is None or (not isinstance(v, str) and pd.isna(v))
                                                         else str(v)) for v in frame[col]}
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        if len(cells) == 1 and not (numeric and frame[col].fillna(0).ne(0).any()):  # a count of 1 everywhere is data
            found[str(col)] = cells.pop()
    return found


def without_constant_columns(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]] | None = None,
                             keep: tuple[str, ...] = ()) -> tuple[pd.DataFrame, str]:
    """``frame`` without its columns that repeat one value on every row, and a note that says it.

    The note reads « Sur toutes les lignes : Source : Enquête de satisfaction ; Réclamations : 0. »
    (empty when nothing is dropped); an empty column is dropped without a word. The columns of
    ``keep`` stay, and so does the first column when every column repeats one value. Show the note
    after the table (``note``).
    """
    dropped = constant_columns(frame, formats, keep)
    if len(dropped) == len(frame.columns):
        dropped.pop(str(frame.columns[0]))
    said = [f"{name}\u00a0: {text}" for name, text in dropped.items() if text.strip()]
    note = f"Sur toutes les lignes\u00a0: {' ; '.join(said)}." if said else ""
    return frame.drop(columns=list(dropped)), note.replace(" ; ", "\u00a0; ")


def note(text: str) -> str:
    """A note shown under a table (literal text, in italics); empty when there is nothing to say."""
    return f"*{markdown_text(text)}*" if text else ""
