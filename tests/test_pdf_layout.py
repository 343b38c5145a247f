"""Every rendered PDF of the sample reads cleanly: no character drawn over another, no page under a third
full but a chapter's last, no caption parted from its table or figure (tests/pdf_layout.py measures them).

The built-in renderer's PDF of every year and scope, and Quarto's of QUARTO_CASES when Quarto is there:
both share the filters and report/style.typ. The measuring functions are tested first on tiny cases.
"""

from __future__ import annotations

import subprocess

import pytest

from helpers.paths import PROJECT_ROOT
from helpers.report.render.output import pandoc_path
from tests.pdf_layout import (
    FIGURE_CAPTION,
    TABLE_CAPTION,
    Box,
    Line,
    clashes,
    content_lines,
    fill,
    first_is_caption,
    last_is_caption,
    overlaps,
    sparse_pages,
    stranded_captions,
)
from tests.sample_reports import ALL_CASES, QUARTO_CASES, case_id

# --- The measures, on tiny cases -----------------------------------------------------------------------

def test_characters_run_into_the_next_column_clash_and_kerned_ones_do_not():
    # « 20 » of one column drawn over « 100 » of the next; « T, » kerned by half a point.
    boxes = [Box("2", 0, 5, 0, 10), Box("0", 5, 10, 0, 10), Box("1", 7, 12, 0, 10),
             Box("T", 50, 56, 0, 10), Box(",", 55.5, 58, 0, 10)]
    assert [(a.text, b.text) for a, b in clashes(boxes)] == [("0", "1")]


def test_characters_of_two_lines_or_spaces_do_not_clash():
    boxes = [Box("a", 0, 5, 0, 10), Box("b", 0, 5, 12, 22), Box(" ", 1, 4, 0, 10)]
    assert clashes(boxes) == []


def test_a_page_number_is_not_content_and_fill_is_the_share_reached():
    lines = [Line("Texte", 100, 110), Line("", 110, 300), Line("7", 800, 810)]
    kept = content_lines(lines, page_height=842)
    assert [line.bottom for line in kept] == [110, 300]
    assert fill(kept, top=100, bottom=700) == pytest.approx(1 / 3)
    assert fill([], top=100, bottom=700) == 0


def test_a_table_caption_at_a_page_end_is_found_even_on_two_lines():
    table = [Line("Texte", 100, 110), Line("", 112, 200)]
    caption = [Line("Tableau 3 : Critères de la grille, du taux le plus faible", 220, 230),
               Line("au plus élevé", 233, 243)]
    assert last_is_caption(table + caption, TABLE_CAPTION)
    assert not last_is_caption(caption + [Line("", 250, 400)], TABLE_CAPTION)  # its table below it
    assert not last_is_caption([Line("Tableau 3 : x", 100, 110), Line("Suite", 300, 310)], TABLE_CAPTION)


def test_a_figure_caption_opening_a_page_is_found():
    assert first_is_caption([Line("Figure 4 : Taux", 60, 70), Line("Texte", 80, 90)], FIGURE_CAPTION)
    assert not first_is_caption([Line("", 60, 300), Line("Figure 4 : Taux", 310, 320)], FIGURE_CAPTION)


def test_the_typography_filter_puts_no_break_spaces_where_french_wants_them_and_only_there():
    source = ("**Taux** : 85 % ; cible ≥ 90 % et < 5 jours, « bonjour » ! oui ? `a : b` et ≥ a\n\n"
              "| Cible | Mot |\n|--|--|\n| = 100 % | « x » |\n")
    result = subprocess.run([pandoc_path(), "--from=markdown", "--to=plain", "--wrap=none",
                             f"--lua-filter={PROJECT_ROOT / 'report' / 'filters' / 'typography.lua'}"],
                            input=source, capture_output=True, text=True, check=True)
    text = result.stdout.replace("\u00a0", "~")
    assert "Taux~: 85~%~; cible ≥~90~% et <~5 jours, «~bonjour~»~! oui~? a : b et ≥ a" in text
    assert "=~100~%" in text and "«~x~»" in text


# --- The rendered reports ------------------------------------------------------------------------------

def _check(pdf) -> None:
    problems = {"caractères superposés": overlaps(pdf), "pages trop vides": sparse_pages(pdf),
                "légendes séparées": stranded_captions(pdf)}
    message = "\n".join(f"{kind} ({len(found)}) :\n  " + "\n  ".join(found[:20])
                        for kind, found in problems.items() if found)
    assert not message, f"{pdf.name} :\n{message}"


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_builtin_pdf_reads_cleanly(builtin_reports, case):
    _check(builtin_reports[case]["pdf"])


@pytest.mark.parametrize("case", QUARTO_CASES, ids=case_id)
def test_quarto_pdf_reads_cleanly(quarto_reports, case):
    _check(quarto_reports[case]["pdf"])
