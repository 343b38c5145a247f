"""A year whose every free text is hostile, rendered: nothing runs, nothing is embedded, nothing leaks.

Every free-text column that can reach the report (survey comments, experience shares, grid and
dashboard labels, plan and decision texts, complaint topics, training titles, website sections)
and the free texts of the settings receive the payloads of ``tests.hostile.payloads`` and the
personal values of ``tests.hostile.personal_values``; the 2022 report of the whole perimeter is
built from them to HTML and PDF, and every output is scanned.
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
import yaml
from pypdf import PdfReader

from helpers.build.pipeline import build_report
from helpers.config.settings import load_settings
from helpers.paths import DATA_DIR
from tests.bad_inputs.edits import _read_csv, _rows_edit, _write_csv
from tests.conftest import quarto_bin
from tests.hostile.payloads import CANARY, CANARY_FILE, PAYLOADS
from tests.hostile.personal_values import PERSONAL_VALUES, leaks

# file -> free-text columns of it that a reader may see
FREE_TEXT = {
    "enquete_satisfaction.csv": ("commentaire",),
    "sp_plus_experiences.csv": ("titre", "description"),
    "appels_mysteres_grille.csv": ("libelle",),
    "plan_amelioration.xlsx": ("libelle", "demande_par", "precision"),
    "tableau_de_bord.xlsx": ("libelle",),
    "registre_reclamations.xlsx": ("objet",),
    "formations.csv": ("formation",),
    "site_internet.csv": ("rubrique",),
}
UNTOUCHED = {"site_internet.csv": {"Ensemble du site"}}  # the site's total row is named by the contract
TAGS_FROM_DATA = {"iframe", "object", "embed", "script", "style", "svg", "img", "a"}


def hostile_column(name: str, columns: tuple[str, ...], extra: list[str]) -> Callable[[Path], None]:
    """Append hostile texts to each distinct value of the columns (same value, same text: groups hold).

    The payloads, and the personal sentences, are shared out over the column's distinct values, so
    that each column holds every one of them, however few values it has.
    """
    payloads, personal = [*PAYLOADS, *extra], [sentence for sentence, _ in PERSONAL_VALUES]

    def share(pool: list[str], i: int, n: int) -> str:
        return " ".join(pool[j] for j in range(len(pool)) if j % n == i)

    def edit(rows: list[list]) -> list[list]:
        header = [str(h) for h in rows[0]]
        for column in columns:
            at = header.index(column)
            keep = UNTOUCHED.get(name, set())
            distinct = sorted({str(r[at]) for r in rows[1:] if r[at] not in (None, "")} - keep)
            n = len(distinct)
            mapped = {v: f"{v} {share(payloads, i, n)} {share(personal, i, n)}" for i, v in enumerate(distinct)}
            for r in rows[1:]:
                if str(r[at]) in mapped:
                    r[at] = mapped[str(r[at])]
        return rows

    def mutate(folder: Path) -> None:
        path = folder / name
        if path.suffix == ".csv":  # re-saved in UTF-8: a Windows-1252 export cannot hold look-alike letters
            rows, _, sep = _read_csv(path)
            _write_csv(path, edit(rows), "utf-8", sep)
        else:
            _rows_edit(name, edit)(folder)

    return mutate


def hostile_settings(canary: Path) -> dict:
    """Settings whose free texts (the perimeter's name, the counters' labels, the history) are hostile."""
    settings = load_settings()
    payload = f"<img src=x onerror=alert(1)> ![]({canary}) {{{{< var meta.contact >}}}}"
    counters = {code: f"{label} `#read(\"{canary}\")`{{=typst}}" for code, label in settings["counters"].items()}
    history = [{**h, "label": f"{h['label']} <script>alert(2)</script>"} for h in settings["programme"]["history"]]
    return {"perimeter": {"name": f"{settings['perimeter']['name']} {payload}"}, "counters": counters,
            "programme": {"history": history}}


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, its text, and the code of its scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.code: list[str] = []  # inline scripts and styles, and the scripts and styles of data: URIs
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        self._in_code = tag in {"style", "script"}
        for url in (values.get("src", ""), values.get("href", "")):
            if url.startswith(("data:application/javascript;base64,", "data:text/css;base64,")):
                self.code.append(base64.b64decode(url.split(",", 1)[1]).decode("utf-8", "replace"))
            elif url.startswith("data:text/css,"):
                self.code.append(unquote(url.split(",", 1)[1]))

    def handle_endtag(self, tag: str) -> None:
        self._in_code = False

    def handle_data(self, data: str) -> None:
        (self.code if self._in_code else self.text).append(data)


@pytest.fixture(scope="module", params=["builtin", "quarto"])
def hostile(request, tmp_path_factory) -> dict[str, Path]:
    """The hostile 2022 report of the whole perimeter, with its executed notebooks, cache and log.

    Rendered by the built-in renderer, and by Quarto when it is on the PATH.
    """
    renderer = request.param
    quarto, why = quarto_bin() if renderer == "quarto" else (None, "")
    if renderer == "quarto" and quarto is None:
        pytest.skip(f"rendu Quarto non essayé : {why}")
    root = tmp_path_factory.mktemp(f"hostile-{renderer}")
    for year in (2020, 2021, 2022):
        shutil.copytree(DATA_DIR / str(year), root / "data" / str(year))
    canary = root / "data" / "2022" / CANARY_FILE
    canary.write_text(CANARY, encoding="utf-8")
    # The payload « ../../../2022/registre_reclamations.xlsx » reaches this copy from the staging project.
    shutil.copytree(DATA_DIR / "2022", root / "2022")
    for name, columns in FREE_TEXT.items():
        hostile_column(name, columns, [f"![]({canary})", f"[x]({canary})"])(root / "data" / "2022")
    settings_file = root / "reglages.yaml"
    settings_file.write_text(yaml.safe_dump(hostile_settings(canary), allow_unicode=True), encoding="utf-8")
    log: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        if renderer == "quarto":
            patch.setenv("PATH", quarto + os.pathsep + os.environ["PATH"])
        outputs = build_report(2022, "ATE", load_settings(settings_file), data_dir=root / "data",
                               out_dir=root / "out", progress=log.append, cache_dir=root / "cache",
                               keep_stage=root / "notebooks", renderer=renderer)
    (root / "log.txt").write_text("\n".join(log), encoding="utf-8")
    return {**outputs, "root": root, "canary": canary, "renderer": renderer}


def column_texts(path: Path, column: str) -> str:
    """Every cell of a column of a CSV or of a workbook's table, joined."""
    if path.suffix == ".csv":
        frame = pd.read_csv(path, sep=None, engine="python", dtype=str, encoding_errors="replace")
    else:
        frame = pd.read_excel(path, dtype=str, header=None)
        header = next(i for i, row in frame.iterrows() if column in set(row.astype(str)))
        frame = frame.iloc[header + 1:].set_axis(frame.iloc[header].astype(str), axis=1)
    return " ".join(frame[column].dropna())


def test_every_free_text_column_holds_every_payload_and_personal_value(hostile):
    folder = hostile["root"] / "data" / "2022"
    for name, columns in FREE_TEXT.items():
        for column in columns:
            text = column_texts(folder / name, column)
            assert len(leaks(text)) == len({f for _, f in PERSONAL_VALUES}), (name, column)
            assert all(p.split()[0] in text for p in PAYLOADS), (name, column)


@pytest.fixture(scope="module")
def page(hostile) -> Tags:
    parser = Tags()
    parser.feed(hostile["html"].read_text(encoding="utf-8"))
    return parser


def test_no_event_handler_script_or_frame_comes_from_the_data(page):
    handlers = [(tag, name) for tag, attrs in page.tags for name in attrs if name.lower().startswith("on")]
    assert handlers == []
    assert [tag for tag, _ in page.tags if tag in {"iframe", "object", "embed", "svg", "base", "form"}] == []
    # Scripts and styles are the renderer's own (Quarto's, or the built-in template's style sheet).
    assert [code for code in page.code if re.search(r"alert\(|onerror|body\{display:none\}|CANARI", code)] == []


def test_no_javascript_url_and_no_data_uri_but_the_renderers_own(page):
    urls = [(tag, v) for tag, attrs in page.tags for k, v in attrs.items() if k in {"href", "src", "data", "action"}]
    assert not [u for _, u in urls if u.strip().lower().startswith(("javascript:", "vbscript:"))]
    own = {"img": ("data:image/png;base64,",), "script": ("data:application/javascript;base64,",),
           "link": ("data:text/css;base64,", "data:text/css,")}
    assert not [(t, u[:60]) for t, u in urls if u.startswith("data:") and not u.startswith(own.get(t, ("?",)))]
    images = [attrs.get("src", "") for tag, attrs in page.tags if tag == "img"]
    assert images and all(src.startswith("data:image/png;base64,") for src in images)


def test_no_file_named_by_the_data_is_embedded(hostile):
    raw = hostile["html"].read_bytes()
    register = (hostile["root"] / "2022" / "registre_reclamations.xlsx").read_bytes()
    assert CANARY.encode() not in raw
    assert base64.b64encode(CANARY.encode()) not in raw
    assert base64.b64encode(register[:48]) not in raw


def test_the_payloads_are_printed_as_text(page, hostile):
    shown = html.unescape(" ".join(" ".join(page.text).split()))
    assert "onerror=alert(document.cookie)" in shown  # a comment quoted as written
    assert "{{< include ../_variables.yml >}}" in shown or "(javascript:alert(1))" in shown
    assert "<img src=x onerror=alert(1)>" in shown  # the perimeter's name from the settings


def test_the_pdf_holds_no_canary_and_prints_the_payloads(hostile):
    text = "\n".join(page.extract_text() or "" for page in PdfReader(hostile["pdf"]).pages)
    assert CANARY not in text
    flat = " ".join(text.split())
    assert "onerror" in flat and "#read(" in flat


def outputs_text(hostile) -> dict[str, str]:
    """Every text the build left: the HTML, the PDF's text, the CSVs, the notebooks, the cache, the log."""
    root: Path = hostile["root"]
    found = {"html": hostile["html"].read_text(encoding="utf-8"),
             "pdf": "\n".join(p.extract_text() or "" for p in PdfReader(hostile["pdf"]).pages),
             "log": (root / "log.txt").read_text(encoding="utf-8")}
    for folder in ("out", "notebooks", "cache"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in {".csv", ".ipynb", ".yml", ".yaml", ".md", ".json", ""}:
                found[str(path.relative_to(root))] = path.read_text(encoding="utf-8", errors="replace")
    return found


def test_no_personal_value_reaches_any_output(hostile):
    found = {where: leaks(html.unescape(text)) for where, text in outputs_text(hostile).items()}
    assert {where: hits for where, hits in found.items() if hits} == {}


def test_the_indicators_csv_runs_no_formula(hostile):
    lines = hostile["csv"].read_text(encoding="utf-8").splitlines()
    cells = [cell for line in lines for cell in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", line)]
    assert not [c for c in cells if c.strip('"').startswith(("=", "+", "@"))]
