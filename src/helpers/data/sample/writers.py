"""Writing sample files the way real tools export them (French Excel CSV, platform CSV, xlsx)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd


def _as_text(frame: pd.DataFrame, decimal: str) -> pd.DataFrame:
    """Cells as an export shows them: dd/mm/yyyy dates, decimal commas, empty for missing."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%d/%m/%Y").fillna("")
        elif pd.api.types.is_float_dtype(s):
            out[col] = s.map(lambda v: "" if pd.isna(v) else (f"{v:g}".replace(".", decimal)))
        elif pd.api.types.is_bool_dtype(s) or str(s.dtype) == "boolean":
            out[col] = s.map(lambda v: "" if pd.isna(v) else ("oui" if v else "non"))
        else:
            out[col] = s.map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))
    return out


def write_csv(frame: pd.DataFrame, path: Path, *, encoding: str = "cp1252", sep: str = ";",
              decimal: str = ",", bom: bool = False) -> Path:
    """A CSV as French Excel saves it by default (Windows-1252, ``;``, decimal comma), or as asked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _as_text(frame, decimal).to_csv(sep=sep, index=False, lineterminator="\r\n")
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_xlsx(frame: pd.DataFrame, path: Path, *, title: str | None = None, sheet: str = "Feuille1") -> Path:
    """An ``.xlsx`` workbook; ``title`` adds a title row and a blank row above the table, as analysts do."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.append([])
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([None if (not isinstance(v, str) and pd.isna(v)) else
                   (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v) for v in row])
    for cells in ws.iter_rows():
        for cell in cells:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD/MM/YYYY"
    book.save(path)
    _freeze_timestamps(path)
    return path


FIXED_TIME = (2023, 1, 12, 0, 0, 0)


def _freeze_timestamps(path: Path) -> None:
    """Make a saved workbook byte-stable: fixed zip entry times and document dates."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    stamp = "2023-01-12T00:00:00Z"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
