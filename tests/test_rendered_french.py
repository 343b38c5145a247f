"""No « (s) », no slide « @ », no straight apostrophe in the text a reader sees, in every rendered report.

Over the built-in renderer's HTML and PDF of every year and scope (``builtin_reports``): the HTML's text,
its page title and the texts that assistive technologies read (``alt``, ``aria-label``, ``title``),
never its styles or scripts; the PDF's text page by page. A failure names the place (the section of
the HTML, the page of the PDF) and the words around it. An e-mail address is not a slide « @ ».
The checks are tested first on tiny texts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.sample_reports import ALL_CASES, case_id

# (what is wrong, how to find it)
RULES = (
    ("« (s) » au lieu d’un accord", re.compile(r"\((?:e?s|x)\)")),
    ("« @ » qui n’est pas une adresse électronique", re.compile(r"@")),
    ("apostrophe droite « ' »", re.compile(r"'")),
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
READ_ALOUD = ("alt", "aria-label", "title")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class ReaderText(HTMLParser):
    """The texts of a page a reader sees or hears, each with the heading it comes under."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []  # (place, text)
        self.section = "début de la page"
        self.hidden = 0  # inside <style> or <script>
        self.heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1
        if tag in HEADINGS:
            self.heading = []
        for name, value in attrs:
            if name in READ_ALOUD and value:
                self.texts.append((f"{self.section}, attribut {name} de <{tag}>", value))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden = max(0, self.hidden - 1)
        if tag in HEADINGS and self.heading is not None:
            self.section = "section « " + " ".join("".join(self.heading).split()) + " »"
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.heading is not None:
            self.heading.append(data)
        if data.strip():
            self.texts.append((self.section, data))


def html_texts(raw: str) -> list[tuple[str, str]]:
    parser = ReaderText()
    parser.feed(raw)
    return parser.texts


def pdf_texts(path: Path) -> list[tuple[str, str]]:
    return [(f"page {n}", page.extract_text() or "") for n, page in enumerate(PdfReader(path).pages, start=1)]


def faults(texts: list[tuple[str, str]]) -> list[str]:
    """Every broken rule, as « place : what — “…words around…” »."""
    found = []
    for place, text in texts:
        text = " ".join(text.split())
        checked = EMAIL.sub(lambda m: "x" * len(m.group()), text)
        for what, pattern in RULES:
            for match in pattern.finditer(checked):
                around = text[max(0, match.start() - 40): match.end() + 40]
                found.append(f"{place} : {what} — “{around}”")
    return found


# --- The checks, on tiny texts --------------------------------------------------------------------------

def test_the_checks_find_each_fault_and_name_its_place():
    page = ("<html><head><title>Rapport d'activité</title><style>p::after{content:'x'}</style></head><body>"
            "<h2>Bilan</h2><p>3 réclamation(s) ; satisfaction @ point numérique</p>"
            "<img alt=\"l'accueil\" src=\"x.png\"><script>var a = 'b';</script>"
            "<p>Contact : pref-qualite@loiret.gouv.fr, l’accueil « cité »</p></body></html>")
    found = faults(html_texts(page))
    assert len(found) == 4, found
    assert found[0].startswith("début de la page : apostrophe droite")  # the page's title
    assert found[1].startswith("section « Bilan » : « (s) »")
    assert found[2].startswith("section « Bilan » : « @ »")
    assert found[3].startswith("section « Bilan », attribut alt de <img> : apostrophe droite")


def test_clean_text_passes():
    assert faults([("page 1", "1 réclamation, l’accueil, « cité », écrire à pref-qualite@loiret.gouv.fr")]) == []


# --- The rendered reports -------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_rendered_reports_are_written_in_careful_french(builtin_reports, case):
    files = builtin_reports[case]
    found = {"HTML": faults(html_texts(files["html"].read_text(encoding="utf-8"))),
             "PDF": faults(pdf_texts(files["pdf"]))}
    message = "\n".join(f"{kind} ({len(lines)}) :\n  " + "\n  ".join(lines[:30])
                        for kind, lines in found.items() if lines)
    assert not message, f"{case_id(case)} :\n{message}"
