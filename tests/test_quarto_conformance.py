"""Quarto and the built-in renderer give the same report: every scope of the newest year, and the oldest.

Each staged project (``clu stage``) is rendered by both renderers; the HTML (title, table of
contents, headings and their ids, numbered captions and their ids, table cells, images' alternative
text, the text of every block) and the PDF (metadata, alternative text, its words) must agree, and
a difference fails with its place. Run when a Quarto is at hand: the PATH's, or the shared test
Quarto beside the project (``.ci/run`` puts it on the PATH); skipped otherwise, saying why.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers.build.pipeline import DOCUMENT
from helpers.report.render import render
from tests.report_content import differences, html_content, pdf_content, without_pagination
from tests.sample_reports import QUARTO_CASES, Case, case_id

CASES = QUARTO_CASES


@pytest.fixture(scope="module")
def rendered(builtin_reports, quarto_reports) -> dict[Case, dict[str, dict[str, Path]]]:
    """Each case of ``CASES`` rendered by both renderers from the same staged project (tests.sample_reports)."""
    return {case: {"builtin": builtin_reports[case], "quarto": quarto_reports[case]} for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_quarto_html_matches_the_builtin_html(rendered, case):
    files = rendered[case]
    builtin = html_content(files["builtin"]["html"])
    assert builtin["titres"] and builtin["légendes"] and builtin["cellules"], "nothing to compare"
    diff = differences(builtin, html_content(files["quarto"]["html"]), ("moteur intégré", "Quarto"))
    assert not diff, f"{case_id(case)} : le HTML de Quarto diffère\n" + "\n".join(diff)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_quarto_pdf_matches_the_builtin_pdf(rendered, case):
    files = rendered[case]
    builtin = pdf_content(files["builtin"]["pdf"])
    assert "balisé : oui" in builtin["métadonnées"] and len(builtin["texte"]) > 1000
    # The two renderers' Typst paginates slightly differently (Quarto wraps each float in blocks of its own):
    # the words are compared, their order is the HTML comparison's.
    diff = differences(without_pagination(builtin), without_pagination(pdf_content(files["quarto"]["pdf"])),
                       ("moteur intégré", "Quarto"))
    assert not diff, f"{case_id(case)} : le PDF de Quarto diffère\n" + "\n".join(diff)


def test_a_hidden_source_leaves_no_trace_in_a_service_report(rendered):
    """A service without mystery calls or survey (SGC-D) says so, and shows none of their charts or tables."""
    content = html_content(rendered[(2022, "SGC-D")]["quarto"]["html"])
    text = " ".join(content["texte"]).replace("\u2019", "'")
    assert "pas d'appels mystères pour ce périmètre" in text and "pas d'enquête de satisfaction" in text
    assert not any(line.startswith(("#fig-appels", "#tbl-appels", "#tbl-satisfaction", "#fig-satisfaction",
                                    "#fig-synthese-cibles")) for line in content["légendes"])


def test_quarto_report_has_one_h1_french_captions_and_no_links_to_other_files(rendered):
    path = rendered[(2022, "ATE")]["quarto"]["html"]
    raw = path.read_text(encoding="utf-8")
    content = html_content(path)
    assert [line for line in content["titres"] if line.startswith("h1 ")] == [
        "h1 # Comité local des usagers et de l’amélioration continue"]
    assert content["légendes"][0].startswith("#tbl-synthese-chiffres-cles Tableau 1 : ")
    assert "#bilan Bilan de l’année 2022" in content["sommaire"]
    assert not re.search(r'href="[^"]*\.ipynb', raw), "a link to a notebook preview"
    assert "quarto-alternate-formats" not in raw and "Autres formats" not in raw


def test_quarto_renders_the_same_file_twice(rendered, quarto_path, tmp_path):
    """Reproducible on the Quarto path too: a second render of the same staged project is byte-identical."""
    first = rendered[(2022, "Préfecture")]["quarto"]
    project = tmp_path / "projet"
    shutil.copytree(first["staged"], project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", quarto_path)
        again = render(project, DOCUMENT, tmp_path / "rendu", "encore", renderer="quarto")
    for fmt in ("html", "pdf"):
        assert again[fmt].read_bytes() == first[fmt].read_bytes(), f"{fmt} : deux rendus Quarto diffèrent"


def test_quarto_html_passes_the_accessibility_check(rendered):
    """axe-core in headless Chromium on Quarto's HTML: no serious or critical violation, nothing fetched."""
    from tests.a11y.accessibility import axe_check, describe, serious_violations

    for case in ((2022, "ATE"), (2022, "DDPP")):
        result = axe_check(rendered[case]["quarto"]["html"])
        assert serious_violations(result) == [], f"{case_id(case)} : " + describe(serious_violations(result))
        assert result["blocked_requests"] == [], "the report must open offline"
