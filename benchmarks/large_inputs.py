"""Large synthetic inputs in the contract's formats, grown from the committed sample.

``python benchmarks/large_inputs.py OUT_DIR`` writes ``OUT_DIR/2022/`` with a survey of
1,000,000 questionnaires and a complaints register of 100,000 entries (CSV, Windows-1252,
semicolons, as French Excel exports them), by repeating the 2022 sample's rows with new ids (the
questionnaires keep the dates of the survey campaign; the register's entries are received over
the whole year, each from its own fictitious user); and a year of raw web analytics, 10,000,000
page views (UTF-8, semicolons, as a Matomo export), in place of the yearly website counts.
Deterministic (fixed seed).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from helpers.data.contract.complaints import REGISTER
from helpers.data.contract.reading import normalize_header, read_raw
from helpers.paths import DATA_DIR

SIZES = {"enquete_satisfaction": 1_000_000, "registre_reclamations": 100_000, "site_internet_pages_vues": 10_000_000}
SEED = 20230124

# The page views: distinct visitors, the site's sections (most visited first) and pages per section.
VISITORS = 400_000
SECTIONS = (
    "Démarches étrangers", "Restriction des usages de l'eau", "CNI, passeports, permis de conduire",
    "Coordonnées / ouvertures au public", "Informations sur les armes", "Actualités", "Élections", "Publications",
    "Agriculture", "Sécurité routière", "Environnement", "Recrutement",
)
PAGES_PER_SECTION = 40
CHUNK_ROWS = 1_000_000
SITE = "https://www.loiret.gouv.fr"


def grow(sample: pd.DataFrame, rows: int, id_column: str, prefix: str, rng: np.random.Generator) -> pd.DataFrame:
    """``rows`` rows drawn from the sample's rows, each with a new unique id."""
    picked = sample.iloc[rng.integers(0, len(sample), rows)].reset_index(drop=True)
    picked[id_column] = [f"{prefix}{i:07d}" for i in range(1, rows + 1)]
    return picked


def spread_register(register: pd.DataFrame, rng: np.random.Generator, year: int = 2022) -> pd.DataFrame:
    """A register grown from the sample's entries, as a real one would read: in order of receipt.

    Each entry is received on a day of the year drawn at random and answered as many days later
    as the sample entry it copies (or still pending); its user gets a name, e-mail address and
    telephone of its own (fictitious), where the sample's 23 entries would repeat theirs.
    """
    def day(column: str) -> pd.Series:
        return pd.to_datetime(register[column].where(register[column] != ""), format="%d/%m/%Y")

    delay = day("date_reponse") - day("date_reception")
    received = pd.Timestamp(f"{year}-01-01") + pd.to_timedelta(rng.integers(0, 365, len(register)), unit="D")
    out = register.assign(date_reception=received, date_reponse=received + delay.to_numpy())
    out = out.sort_values("date_reception", kind="stable").reset_index(drop=True)
    number = pd.Series(np.arange(1, len(out) + 1)).astype(str).str.zfill(7)
    out["id"] = "R" + number
    out["prenom"] = "Usager " + number
    out["courriel"] = ("usager" + number + "@exemple.invalid").where(out["courriel"] != "", "")
    out["telephone"] = "00 0" + number.str[0] + " " + number.str[1:3] + " " + number.str[3:5] + " " + number.str[5:]
    for column in ("date_reception", "date_reponse"):
        out[column] = out[column].dt.strftime("%d/%m/%Y").fillna("")
    return out


def write_page_views(path: Path, rows: int, rng: np.random.Generator, year: int = 2022) -> Path:
    """A year of page views as a web-analytics tool exports them: ``date;id_visiteur;rubrique;url``.

    Dates ``dd/mm/yyyy hh:mm:ss`` in time order over the year; ``VISITORS`` pseudonymous ids
    (16 hex characters) with a skewed activity; sections and pages drawn with skewed weights.
    Only integer codes are drawn for the whole file; the text is taken from small dictionaries
    by Arrow and written chunk by chunk, never as Python strings.
    """
    start = int(pd.Timestamp(f"{year}-01-01").timestamp())
    days = 366 if pd.Timestamp(f"{year}-12-31").day_of_year == 366 else 365
    seconds = np.sort(rng.integers(0, days * 86_400, rows))
    day_text = pc.strftime(pa.array(start + 86_400 * np.arange(days), pa.timestamp("s")), format="%d/%m/%Y")
    time_text = pc.strftime(pa.array(np.arange(86_400), pa.timestamp("s")), format="%H:%M:%S")
    ids = rng.integers(0, np.iinfo(np.uint64).max, VISITORS, dtype=np.uint64, endpoint=True)
    id_text = pa.array(np.frombuffer(ids.astype(">u8").tobytes().hex().encode("ascii"), dtype="S16")).cast(pa.string())
    activity = rng.lognormal(0.0, 1.2, VISITORS)
    visitor = rng.choice(VISITORS, size=rows, p=activity / activity.sum()).astype(np.int32)
    weights = 1 / np.arange(1, len(SECTIONS) + 1) ** 1.3
    section = rng.choice(len(SECTIONS), size=rows, p=weights / weights.sum()).astype(np.int32)
    page = np.minimum(rng.geometric(0.12, rows) - 1, PAGES_PER_SECTION - 1).astype(np.int32)
    section_text = pa.array(SECTIONS)
    url_text = pa.array([f"{SITE}/{normalize_header(s).replace('_', '-')}/page-{k}"
                         for s in SECTIONS for k in range(PAGES_PER_SECTION)])
    schema = pa.schema([(name, pa.string()) for name in ("date", "id_visiteur", "rubrique", "url")])
    options = pacsv.WriteOptions(delimiter=";", quoting_style="none", quoting_header="none")
    with pacsv.CSVWriter(path, schema, write_options=options) as writer:
        for at in range(0, rows, CHUNK_ROWS):
            part = slice(at, at + CHUNK_ROWS)
            date = pc.binary_join_element_wise(pc.take(day_text, seconds[part] // 86_400),
                                               pc.take(time_text, seconds[part] % 86_400), " ")
            writer.write_table(pa.table([
                date, pc.take(id_text, visitor[part]), pc.take(section_text, section[part]),
                pc.take(url_text, section[part] * PAGES_PER_SECTION + page[part]),
            ], schema=schema))
    return path


def write(out: Path) -> dict[str, Path]:
    """Write the large year folder; return the large files."""
    rng = np.random.default_rng(SEED)
    folder = out / "2022"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(DATA_DIR / "2022", folder)
    files = {}
    survey = read_raw(DATA_DIR / "2022" / "enquete_satisfaction.csv", "sample", set()).frame
    large = grow(survey, SIZES["enquete_satisfaction"], "id_questionnaire", "Q", rng)
    files["enquete_satisfaction"] = folder / "enquete_satisfaction.csv"
    large.to_csv(files["enquete_satisfaction"], sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    headers = {normalize_header(c.header) for c in REGISTER.columns}
    register = read_raw(DATA_DIR / "2022" / "registre_reclamations.xlsx", "sample", headers).frame
    large = spread_register(grow(register, SIZES["registre_reclamations"], "id", "R", rng), rng)
    (folder / "registre_reclamations.xlsx").unlink()
    files["registre_reclamations"] = folder / "registre_reclamations.csv"
    large.to_csv(files["registre_reclamations"], sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    # The raw page views stand for the yearly website counts (the two would not agree).
    (folder / "site_internet.csv").unlink()
    files["site_internet_pages_vues"] = write_page_views(folder / "site_internet_pages_vues.csv",
                                                         SIZES["site_internet_pages_vues"],
                                                         np.random.default_rng([SEED, 1]))
    return files


if __name__ == "__main__":
    for name, path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "build/large")).items():
        print(f"{name}: {path} ({path.stat().st_size / 1e6:.0f} Mo)")
