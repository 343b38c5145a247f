"""HTML layout of every report, in headless Chromium (tests/a11y/layout.mjs): no page scrolls sideways
from a 390 px phone to a 1,920 px screen, the dashboard table keeps its first column in view when it
scrolls in its box, and the table of contents is in view or one click away, at the top of the report
and from its middle. Both renderers: the built-in one for every case of the sample, Quarto for
``QUARTO_CASES`` (skipped without Quarto). One browser session measures every page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.a11y.accessibility import A11Y_DIR, INSTALL_HINT, missing_tooling

LAYOUT_SCRIPT = A11Y_DIR / "layout.mjs"
WIDTHS = (390, 1280, 1920)
PHONE = 390
TIMEOUT_S = 1800


def measure(files: list[Path], widths: tuple[int, ...], folder: Path) -> list[dict[str, Any]]:
    """layout.mjs's measures of each file at each width (one Chromium session)."""
    missing = missing_tooling()
    if missing or not LAYOUT_SCRIPT.is_file():
        raise RuntimeError("layout check cannot run: " + "; ".join(missing or [f"{LAYOUT_SCRIPT} is missing"])
                           + f". To fix: {INSTALL_HINT}.")
    spec = folder / "layout-spec.json"
    spec.write_text(json.dumps({"files": [str(f) for f in files], "widths": list(widths), "screenshots": None}),
                    encoding="utf-8")
    proc = subprocess.run([shutil.which("node") or "node", str(LAYOUT_SCRIPT), str(spec)], cwd=A11Y_DIR,
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"layout check failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def too_wide(result: dict[str, Any]) -> str | None:
    """Why a page scrolls sideways (file, width, widest elements), or None when it fits the window."""
    if result["scrollWidth"] <= result["innerWidth"]:
        return None
    culprits = "; ".join(f"{w['element']} ({w['left']} à {w['right']} px)" for w in result["widest"]) or "?"
    return f"{result['file']} à {result['width']} px : page de {result['scrollWidth']} px ; dépasse : {culprits}"


def toc_unreachable(result: dict[str, Any]) -> str | None:
    """Why the table of contents is not in view or one click away, or None."""
    problems = [f"{where} ({state})" for where, state in result["toc"].items()
                if not state["visible"] or state["clicks"] > 1]
    return f"{result['file']} à {result['width']} px : sommaire hors d'atteinte : {problems}" if problems else None


def first_column_lost(result: dict[str, Any]) -> str | None:
    """Why the dashboard's first column is not kept in view when the table scrolls, or None."""
    board = result["dashboard"]
    if not board["found"]:
        return None
    if not board.get("box"):
        return f"{result['file']} à {result['width']} px : le tableau de bord n'est pas dans un cadre défilant"
    if board["failed"]:
        return (f"{result['file']} à {result['width']} px : {board['failed']} cellules de la première colonne "
                f"sur {board['rows']} sortent de la vue ou sont recouvertes : {board['failures']}")
    return None


@pytest.fixture(scope="module")
def layouts(request, tmp_path_factory) -> dict[str, list[dict[str, Any]]]:
    """Every report's measures, by renderer: the built-in renderer's for every case, Quarto's when Quarto is here."""
    reports = {"builtin": request.getfixturevalue("builtin_reports")}
    try:
        reports["quarto"] = request.getfixturevalue("quarto_reports")
    except pytest.skip.Exception:
        pass
    files = {renderer: [outputs["html"] for _, outputs in sorted(cases.items())] for renderer, cases in reports.items()}
    results = measure([f for group in files.values() for f in group], WIDTHS, tmp_path_factory.mktemp("mise-en-page"))
    return {renderer: [r for r in results if r["file"] in {str(f) for f in group}]
            for renderer, group in files.items()}


RENDERERS = ("builtin", "quarto")


def of(layouts: dict[str, list[dict[str, Any]]], renderer: str) -> list[dict[str, Any]]:
    """One renderer's measures; Quarto's test is skipped when Quarto did not render."""
    if renderer not in layouts:
        pytest.skip("rendu par Quarto non fait (Quarto absent)")
    return layouts[renderer]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_report_fits_the_window_from_a_phone_to_a_wide_screen(layouts, renderer):
    results = of(layouts, renderer)
    assert {r["width"] for r in results} == set(WIDTHS)
    problems = [p for p in map(too_wide, results) if p]
    assert problems == [], "\n".join(problems)
    assert [r for r in results if r["blocked_requests"]] == [], "a report must open offline"


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_dashboard_keeps_its_first_column_in_view_when_it_scrolls(layouts, renderer):
    results = of(layouts, renderer)
    boards = [r for r in results if r["dashboard"]["found"]]
    assert boards, "no report has the dashboard table (#tbl-tableau-de-bord)"
    # On a phone the dashboard is wider than its box: what is checked is a real sideways scroll.
    assert all(r["dashboard"]["scrollable"] for r in boards if r["width"] == PHONE)
    problems = [p for p in map(first_column_lost, boards) if p]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_table_of_contents_is_in_view_or_one_click_away(layouts, renderer):
    problems = [p for p in map(toc_unreachable, of(layouts, renderer)) if p]
    assert problems == [], "\n".join(problems)


PAGE_TOO_WIDE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<nav id="TOC"><h2 id="toc-title">Sommaire</h2><ul><li><a href="#a">A</a></li></ul></nav>
<main><div id="large" style="width: 900px">texte</div>
<div class="table-scroll" style="overflow-x: auto"><table id="tbl-tableau-de-bord" style="width: 1200px">
<tr><td>Domaine</td><td>2022</td></tr><tr><td>Accueil</td><td>90 %</td></tr></table></div>
<p style="height: 4000px" id="a">suite</p></main></body></html>
"""


def test_the_checks_see_a_wide_page_a_lost_first_column_and_an_unreachable_toc(tmp_path):
    """The measures on a page made wrong on purpose: each check can fail, and names what is wrong."""
    page = tmp_path / "trop-large.html"
    page.write_text(PAGE_TOO_WIDE, encoding="utf-8")
    (result,) = measure([page], (PHONE,), tmp_path)
    assert result["scrollWidth"] >= 900
    assert "div#large" in too_wide(result)
    assert result["dashboard"]["scrollable"] and "2 cellules" in first_column_lost(result)
    assert result["toc"]["atTop"]["visible"] and not result["toc"]["midPage"]["visible"]
    assert "midPage" in toc_unreachable(result)
