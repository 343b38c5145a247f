"""The committee report, rendered from the sample with the built-in renderer (as everywhere here).

The expected figures are read from the indicators CSV that the same build writes, formatted in
French by the project's formatter: the test types no figure.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from helpers.build.pipeline import build_report
from helpers.config.settings import load_settings
from helpers.report.formatting import fmt_value
from helpers.report.french import plural

CHAPTERS = ["L'essentiel", "Démarche qualité et dispositif Services Publics+", "Bilan de l'année {year}",
            "Plan d'amélioration {next}", "Questions et réponses", "Annexe : méthode et qualité des données"]
KEY = [("survey", "overall"), ("survey", "overall_very_satisfied"), ("survey", "questionnaires"),
       ("mystery_calls", "svi"), ("mystery_calls", "standard"), ("mystery_calls", "after_transfer"),
       ("complaints", "reclamations"), ("complaints", "complaints_answered_in_time"),
       ("complaints", "complaints_mean_delay"), ("communication", "unique_visitors_year"),
       ("communication", "top_section_share"), ("communication", "social_connections_per_month"),
       ("training", "agents_trained_total")]


def flat(text: str) -> str:
    """Text without spaces and with plain apostrophes, for robust searching in HTML and PDF text."""
    return re.sub(r"[\s\u00a0\u202f]+", "", text).replace("\u2019", "'")


def html_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", raw, flags=re.S)))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def expected(table: pd.DataFrame, year: int, keys=KEY) -> dict[str, str]:
    rows = table[table["year"] == year].set_index(["source", "indicator"])
    return {f"{s}/{i}": fmt_value(float(rows.at[(s, i), "value"]), rows.at[(s, i), "unit"],
                                  int(rows.at[(s, i), "decimals"])) for s, i in keys if (s, i) in rows.index}


@pytest.fixture(scope="module")
def ate(tmp_path_factory) -> dict[str, Path]:
    """The 2022 report of the whole perimeter, built without the cache; executed notebooks kept."""
    stage = tmp_path_factory.mktemp("ate-notebooks")
    outputs = build_report(2022, "ATE", load_settings(), out_dir=tmp_path_factory.mktemp("ate"),
                           progress=lambda text: None, cache_dir=None, keep_stage=stage)
    return {**outputs, "notebooks": stage / "ate"}


@pytest.fixture(scope="module")
def ddt(tmp_path_factory) -> dict[str, Path]:
    return build_report(2022, "DDT", load_settings(), out_dir=tmp_path_factory.mktemp("ddt"),
                        progress=lambda text: None)


def test_outputs_are_an_html_a_pdf_the_indicators_and_the_watch_list_published_together(ate):
    assert set(ate) == {"html", "pdf", "csv", "watch", "notebooks"}
    assert ate["html"].name == "rapport-2022-ate.html" and ate["pdf"].suffix == ".pdf"
    assert ate["watch"].name == "vigilance-2022-ate.csv"
    folder = ate["html"].parent
    assert folder.name == "rapport-2022-ate" and all(ate[k].parent == folder for k in ("pdf", "csv", "watch"))
    assert not list(folder.parent.glob(".rendu-*")), "the build's working folder is removed"


def test_html_is_french_self_contained_and_has_every_chapter(ate):
    raw = ate["html"].read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="fr"', raw)
    assert not re.search(r'(src|href)="(https?:|//|[^"#:]+\.(png|css|js))', raw), "external resource"
    assert raw.count("<h1") == 1
    assert "data:image/png;base64," in raw
    text = flat(html_text(ate["html"]))
    for chapter in CHAPTERS:
        assert flat(chapter.format(year=2022, next=2023)) in text


def test_html_and_pdf_carry_the_key_figures_of_the_indicators(ate):
    table = pd.read_csv(ate["csv"])
    figures = expected(table, 2022)
    assert len(figures) == len(KEY)
    in_html, in_pdf = flat(html_text(ate["html"])), flat(pdf_text(ate["pdf"]))
    for key, text in figures.items():
        assert flat(text) in in_html, f"{key} = {text} not in the HTML"
        assert flat(text) in in_pdf, f"{key} = {text} not in the PDF"
    for chapter in CHAPTERS:
        assert flat(chapter.format(year=2022, next=2023)) in in_pdf


def test_every_chart_has_alt_text_and_a_caption(ate):
    raw = ate["html"].read_text(encoding="utf-8")
    images = re.findall(r"<img[^>]*>", raw)
    assert len(images) >= 6
    for img in images:
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and len(alt.group(1)) > 40, img[:120]
    assert raw.count("<figcaption") >= len(images)


def test_data_quality_note_in_the_annex(ate):
    text = flat(html_text(ate["html"]))
    assert flat("« 73% » imprimé") in text and flat("valeur tronquée") in text


def test_scope_report_has_the_scope_figures(ate, ddt):
    table = pd.read_csv(ddt["csv"])
    assert (table["scope"] == "DDT").all()
    text = flat(html_text(ddt["html"]))
    assert flat("DDT") in text
    ddt_complaints = expected(table, 2022, [("complaints", "reclamations")])["complaints/reclamations"]
    ate_complaints = expected(pd.read_csv(ate["csv"]), 2022, [("complaints", "reclamations")])[
        "complaints/reclamations"]
    assert ddt_complaints != ate_complaints
    assert flat(plural(float(ddt_complaints), "réclamation")) in text  # agreed with its count, never « (s) »
    assert flat("pour la DDT") in text and flat("la direction départementale des territoires (DDT)") in text
    assert flat("Données non fournies : pas d'enquête de satisfaction") in text
    ate_overall = expected(pd.read_csv(ate["csv"]), 2022, [("survey", "overall")])["survey/overall"]
    assert flat(f"satisfaction général est de {ate_overall}") not in text


def test_no_serious_or_critical_accessibility_violation_in_a_real_browser(ate):
    """axe-core in headless Chromium: zero serious or critical violation, and nothing fetched."""
    from tests.a11y.accessibility import axe_check, describe, serious_violations

    result = axe_check(ate["html"])
    assert result["passes"] > 20
    assert serious_violations(result) == [], describe(serious_violations(result))
    assert result["blocked_requests"] == [], "the report must open offline"


def test_same_inputs_give_the_same_report(ate, tmp_path):
    """Reproducible: a second build (no cache) gives byte-identical indicators, executed notebooks
    HTML and PDF; no run date or random id slips in."""
    again = build_report(2022, "ATE", load_settings(), out_dir=tmp_path / "out", progress=lambda text: None,
                         cache_dir=None, keep_stage=tmp_path / "notebooks")
    assert again["csv"].read_bytes() == ate["csv"].read_bytes()
    assert again["html"].read_bytes() == ate["html"].read_bytes()
    assert again["pdf"].read_bytes() == ate["pdf"].read_bytes()
    first = sorted(ate["notebooks"].glob("*.ipynb"))
    assert len(first) == 7
    for path in first:
        assert (tmp_path / "notebooks" / "ate" / path.name).read_bytes() == path.read_bytes(), path.name


def test_clu_stage_leaves_a_project_that_renders_as_the_build_does(tmp_path, capsys):
    """``clu stage``: the scope's Quarto project (for ``quarto preview``), its conditions settled, every
    embed backed by an output; the built-in renderer renders it as the build does."""
    from helpers import cli
    from helpers.report.render import render
    from helpers.report.render.embed import find_cell

    assert cli.main(["stage", "--year", "2022", "--scope", "SGC-D", "--out", str(tmp_path), "--no-cache"]) == 0
    project = tmp_path / "rapport-2022-sgc-d"
    printed = capsys.readouterr().out
    assert f"Projet prêt : {project}" in printed and "quarto preview report/rapport.qmd" in printed
    assert {p.name for p in project.iterdir()} >= {"_quarto.yml", "_variables.yml", "report", "notebooks"}
    assert len(list((project / "notebooks").glob("*.ipynb"))) == 7
    embeds = 0
    for source in (project / "report").glob("*.qmd"):
        text = source.read_text(encoding="utf-8")
        assert "when-meta" not in text and "unless-meta" not in text, source.name
        for path, label in re.findall(r"\{\{< embed (\S+)#(\S+) >\}\}", text):
            cell, _ = find_cell((source.parent / path).resolve(), label)
            assert cell.outputs, f"{source.name}: {label} has no output"
            embeds += 1
    assert embeds > 10
    files = render(project, "report/rapport.qmd", tmp_path / "rendu", "rapport", ("html",), renderer="builtin")
    assert "Données non fournies" in html_text(files["html"])
