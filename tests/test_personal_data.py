"""No personal data in any output (GDPR): a copy of the sample is seeded with a fake citizen's name,
e-mail, phone, address and social security number in every place where the exports may hold them
(the register's identity columns, the survey's comments, the platform's titles, stories and
pseudonyms, the web analytics' visitor ids and IP addresses); the whole report is built from it,
with every log message kept, and nothing of the seeded values may be found in the HTML, the PDF,
the executed notebooks, the indicators tables or the logs. Only masked verbatims may carry a
comment, and one seeded comment is quoted masked.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from helpers.build.pipeline import build_report
from helpers.config.settings import load_settings
from helpers.data.loading import load_year
from helpers.data.redaction import EMAIL, NAME, PHONE
from helpers.indicators import survey
from helpers.paths import DATA_DIR

FIRST, SURNAME = "Zébulon", "Quintard"
EMAIL_ADDRESS = "zebulon.quintard@exemple.fr"
PSEUDO = "zebulon_quintard45"
STREET = "12 rue des Lilas"
VISITOR_ID = "5eedc0ffee0dd123"  # the web analytics tool's pseudonymous id of the citizen's browser
IP_ADDRESS = "203.0.113.45"

# Comments of the survey (Windows-1252): praise and criticism at counter DMI, every usual spelling.
CRITICISM = [
    f"Dossier perdu : M. {FIRST} {SURNAME.upper()}, {STREET} 45000 Orléans, tél. 0612345678, "
    f"courriel {EMAIL_ADDRESS}, NIR 1 85 05 78 006 084 36, n'a jamais été rappelé.",
    f"Mme {SURNAME} attend toujours, appelez le +33 6 12 34 56 78 ou le 06.12.34.56.78.",
]
PRAISE = [
    f"Merci à Mme {SURNAME}, joignable au 06 12 34 56 78 ou {EMAIL_ADDRESS}",
    f"Bravo, {FIRST} {SURNAME.upper()} (06-12-34-56-78) a été très bien reçu par Madame la Préfète.",
]

# Nothing of these may be found in an output (case and accents ignored, separators of phone
# numbers and social security numbers ignored).
FORBIDDEN_WORDS = ["quintard", "zébulon", "zebulon", "lilas", EMAIL_ADDRESS, PSEUDO, VISITOR_ID, IP_ADDRESS]
FORBIDDEN_PATTERNS = [
    re.compile(r"6\D{0,4}12\D{0,4}34\D{0,4}56\D{0,4}78"),  # the phone, in any spelling
    re.compile(r"85\D{0,2}05\D{0,2}78\D{0,2}006\D{0,2}084"),  # the social security number
]


def seed_register(path: Path) -> None:
    """Overwrite the identity columns of a few rows of the register (title row above the headers)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "nom" for c in r))
    columns = {c.value: c.column for c in header_row}
    address_column = columns.get("adresse") or sheet.max_column + 1
    sheet.cell(header_row[0].row, address_column, "adresse")
    for row in range(header_row[0].row + 1, header_row[0].row + 6):
        sheet.cell(row, columns["nom"], SURNAME.upper())
        sheet.cell(row, columns["prenom"], FIRST)
        sheet.cell(row, columns["courriel"], EMAIL_ADDRESS)
        sheet.cell(row, columns["telephone"], "06 12 34 56 78")
        sheet.cell(row, address_column, f"{STREET}, 45000 Orléans")
    book.save(path)


def seed_survey(path: Path) -> None:
    """Seeded comments on every DMI questionnaire with a praise or criticism comment."""
    frame = pd.read_csv(path, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    dmi = frame["guichet"] == "DMI"
    for kind, texts in (("félicitations", PRAISE), ("critique", CRITICISM)):
        rows = frame.index[dmi & (frame["type_commentaire"] == kind)]
        assert len(rows), f"the sample has DMI comments of kind {kind}"
        for i, row in enumerate(rows):
            frame.loc[row, "commentaire"] = texts[i % len(texts)]
    frame.to_csv(path, sep=";", encoding="cp1252", index=False, lineterminator="\r\n")


def seed_experiences(path: Path) -> None:
    """Seeded titles, stories and pseudonyms on the first rows of the platform export."""
    frame = pd.read_csv(path, sep=",", encoding="utf-8", dtype=str, keep_default_na=False)
    for row in frame.index[:4]:
        frame.loc[row, "titre"] = f"Accueil de {FIRST} {SURNAME.upper()}"
        frame.loc[row, "description"] = f"{CRITICISM[0]} {PRAISE[0]}"
        frame.loc[row, "pseudo"] = PSEUDO
    frame.to_csv(path, sep=",", encoding="utf-8", index=False)


def seed_web_hits(folder: Path) -> None:
    """The raw page views in place of the yearly website counts: the seeded visitor views every section."""
    website = folder / "site_internet.csv"
    sections = [s for s in pd.read_csv(website, dtype=str)["rubrique"] if s != "Ensemble du site"]
    website.unlink()
    rows = ["date;id_visiteur;rubrique;url;adresse_ip"]
    for i, section in enumerate(sections):
        rows.append(f"{i + 3:02d}/02/2022 10:00:00;{VISITOR_ID};{section};/rubrique-{i};{IP_ADDRESS}")
        rows += [f"{i + 3:02d}/03/2022 11:00:00;{k:016x};{section};/rubrique-{i};198.51.100.{k}" for k in range(i + 1)]
    (folder / "site_internet_pages_vues.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def strip_images(text: str) -> str:
    """Text without embedded images (their base64 could hold any sequence of digits)."""
    return re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", text)


def html_text(raw: str) -> str:
    raw = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace("\u2019", "'")


def leaks(text: str) -> list[str]:
    """The seeded values found in a text, whatever the case, spaces or line-break hyphens."""
    text = text.replace("\u00ad", "")
    variants = [text, re.sub(r"-\s*\n\s*", "", text), re.sub(r"[\s\u00a0\u202f]+", "", text)]
    found = []
    for variant in variants:
        lowered = variant.lower()
        found += [w for w in FORBIDDEN_WORDS if w.lower() in lowered or w.lower().replace(" ", "") in lowered]
        found += [m.group(0) for p in FORBIDDEN_PATTERNS for m in p.finditer(variant)]
    return sorted(set(found))


def notebook_text(path: Path) -> str:
    """Everything a notebook holds except images: sources, text outputs, metadata."""
    nb = nbformat.read(path, as_version=4)
    parts = [json.dumps(nb.metadata, ensure_ascii=False)]
    for cell in nb.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.append(str(output.get("evalue", "")))
            parts += [str(v) for k, v in output.get("data", {}).items() if not k.startswith("image/")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A copy of every year of the sample, the 2022 exports seeded with personal data."""
    data = tmp_path_factory.mktemp("donnees") / "data"
    shutil.copytree(DATA_DIR, data)
    seed_register(data / "2022" / "registre_reclamations.xlsx")
    seed_survey(data / "2022" / "enquete_satisfaction.csv")
    seed_experiences(data / "2022" / "sp_plus_experiences.csv")
    seed_web_hits(data / "2022")
    return data


@pytest.fixture(scope="module")
def build(seeded, tmp_path_factory) -> dict:
    """The 2022 report of the whole perimeter built from the seeded copy, with everything it wrote.

    The notebooks are executed (no cache) and kept (``keep_stage``) for inspection.
    """
    root = tmp_path_factory.mktemp("sorties")
    log_file = root / "build.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logger, helpers_logger = logging.getLogger(), logging.getLogger("helpers")
    levels = logger.level, helpers_logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    helpers_logger.setLevel(logging.DEBUG)
    progress: list[str] = []
    try:
        outputs = build_report(2022, "ATE", load_settings(), data_dir=seeded, out_dir=root / "rapport",
                               progress=progress.append, keep_stage=root / "notebooks", cache_dir=None)
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(levels[0])
        helpers_logger.setLevel(levels[1])
    clu = Path(sys.executable).with_name("clu")
    indicators_csv = root / "indicateurs-clu.csv"
    command = [str(clu)] if clu.exists() else [sys.executable, "-c", "import sys; from helpers.cli import main; "
                                                                     "sys.exit(main(sys.argv[1:]))"]
    cli = subprocess.run([*command, "--debug", "indicators", "--year", "2022", "--scope", "ATE",
                          "--data", str(seeded), "--out", str(indicators_csv)],
                         capture_output=True, text=True, check=True)
    return {"outputs": outputs, "log": log_file, "progress": progress, "notebooks": root / "notebooks",
            "indicators": indicators_csv, "cli": cli.stdout + cli.stderr}


def test_the_copy_is_seeded_and_valid(seeded):
    """The test is not vacuous: the seeded files hold the values and still pass the contract."""
    survey_text = (seeded / "2022" / "enquete_satisfaction.csv").read_bytes().decode("cp1252")
    assert EMAIL_ADDRESS in survey_text and "06 12 34 56 78" in survey_text
    assert PSEUDO in (seeded / "2022" / "sp_plus_experiences.csv").read_text(encoding="utf-8")
    sheet = openpyxl.load_workbook(seeded / "2022" / "registre_reclamations.xlsx").active
    assert any(SURNAME.upper() == c.value for row in sheet.iter_rows() for c in row)
    data = load_year(seeded / "2022")
    assert not [c for c in data["complaints"].columns if c.startswith("personal_")], "identity columns dropped"
    assert "personal_pseudo" not in data["experiences"].columns
    hits = (seeded / "2022" / "site_internet_pages_vues.csv").read_text(encoding="utf-8")
    assert VISITOR_ID in hits and IP_ADDRESS in hits
    assert data.derived == {"web_visitors": "site_internet_pages_vues.csv"} and "web_hits" not in data.tables


def test_a_seeded_comment_is_quoted_and_masked(seeded):
    data = load_year(seeded / "2022")
    quotes = survey.verbatims(data["survey"], load_settings(), per_kind=1)
    dmi = quotes[(quotes["counter"] == "DMI") & (quotes["kind"] == "Critique")]["comment"].tolist()
    assert dmi and NAME in dmi[0] and EMAIL in dmi[0] and PHONE in dmi[0]
    assert not leaks(" ".join(quotes["comment"]))


def test_no_personal_data_in_the_html(build):
    raw = strip_images(build["outputs"]["html"].read_text(encoding="utf-8"))
    assert not leaks(raw)
    text = html_text(raw)
    assert not leaks(text)
    # The redaction did happen: the seeded criticism of counter DMI is quoted, masked.
    assert "Extraits de commentaires d'usagers" in text
    assert EMAIL in text and NAME in text and PHONE in text


def test_no_personal_data_in_the_pdf(build):
    text = "\n".join(page.extract_text() or "" for page in PdfReader(build["outputs"]["pdf"]).pages)
    assert "Paroles d" in text, "the PDF text is readable"
    assert not leaks(text)


def test_no_personal_data_in_the_executed_notebooks(build):
    executed = sorted(build["notebooks"].rglob("*.ipynb"))
    assert len(executed) == 7
    for path in executed:
        assert not leaks(notebook_text(path)), path.name
    survey_notebook = notebook_text(next(p for p in executed if p.name == "01_enquete_satisfaction.ipynb"))
    assert NAME in survey_notebook.replace("\\", ""), "the masked quote, its Markdown escapes read"


def test_no_personal_data_in_the_indicators_tables(build):
    for path in (build["outputs"]["csv"], build["indicators"]):
        text = path.read_text(encoding="utf-8")
        assert "survey" in text
        assert not leaks(text), path.name


def test_no_personal_data_in_the_logs_and_messages(build):
    log = build["log"].read_text(encoding="utf-8")
    assert "DEBUG" in log, "debug messages were captured"
    assert not leaks(log)
    assert not leaks("\n".join(build["progress"]))
    assert not leaks(build["cli"])


def test_no_other_free_text_reaches_the_report(build, seeded):
    """The platform's titles and stories are never quoted, seeded or not."""
    text = re.sub(r"\s+", " ", html_text(strip_images(build["outputs"]["html"].read_text(encoding="utf-8"))))
    shares = pd.read_csv(seeded / "2022" / "sp_plus_experiences.csv", dtype=str, keep_default_na=False)
    for value in [*shares["titre"], *shares["description"]]:
        if value.strip():
            assert re.sub(r"\s+", " ", value.strip()) not in text
