"""What a reader sees on the pages of a rendered PDF, measured with pdfplumber (tests/test_pdf_layout.py).

- ``overlaps``: characters drawn over other characters (a value run into the next column);
- ``sparse_pages``: pages less than a third full that do not end a chapter (the PDF's outline, level 1,
  says where the chapters start) nor the document;
- ``stranded_captions``: a table caption (above its table) as a page's last line, a figure caption
  (below its figure) as a page's first line.

Each returns French lines naming the page and the text, for a test's message; the geometry works on
plain records (``Box``, ``Line``) so that it is tested on tiny inline cases.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

# Overlaps smaller than this share of the narrower character (points at least) are kerning, not a clash.
KERNING_SHARE = 0.25
KERNING_MIN = 0.75
# The share of a page's text area under which a page reads as half-empty.
MIN_FILL = 1 / 3
# A page number alone at the foot of the page: not content.
PAGE_NUMBER = re.compile(r"^\d+$")
TABLE_CAPTION = re.compile(r"^Tableau\s\d+\s?:")
FIGURE_CAPTION = re.compile(r"^Figure\s\d+\s?:")


@dataclass(frozen=True)
class Box:
    """A drawn character: its text and its box (points, from the top of the page)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Line:
    """A line of text on a page, or a drawing (``text`` empty): a rule, a table's cell, an image."""

    text: str
    top: float
    bottom: float


def clashes(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """The pairs of characters whose boxes overlap by more than kerning does, in reading order."""
    found: list[tuple[Box, Box]] = []
    ordered = sorted((b for b in boxes if b.text.strip()), key=lambda b: b.x0)
    active: list[Box] = []
    for box in ordered:
        active = [a for a in active if a.x1 > box.x0]
        for other in active:
            width = min(other.x1, box.x1) - box.x0
            height = min(other.bottom, box.bottom) - max(other.top, box.top)
            narrow = min(other.x1 - other.x0, box.x1 - box.x0)
            low = min(other.bottom - other.top, box.bottom - box.top)
            if width > max(KERNING_MIN, KERNING_SHARE * narrow) and height > 0.3 * low:
                found.append((other, box))
        active.append(box)
    return sorted(found, key=lambda pair: (pair[0].top, pair[0].x0))


def context(box: Box, boxes: list[Box], span: float = 60) -> str:
    """The text drawn around ``box`` on its line: what a reader would see at that place."""
    near = [b for b in boxes if abs(b.top - box.top) < 2 and abs(b.x0 - box.x0) < span]
    return "".join(b.text for b in sorted(near, key=lambda b: b.x0)).strip()


def content_lines(lines: list[Line], page_height: float) -> list[Line]:
    """The page's lines and drawings, its page number apart (a number alone in the page's last tenth)."""
    return [line for line in lines
            if not (PAGE_NUMBER.match(line.text.strip()) and line.top > 0.9 * page_height)]


def fill(lines: list[Line], top: float, bottom: float) -> float:
    """The share of the text area (``top`` to ``bottom``) that a page's content reaches down to."""
    if not lines:
        return 0.0
    return (max(line.bottom for line in lines) - top) / (bottom - top)


def last_is_caption(lines: list[Line], pattern: re.Pattern[str]) -> bool:
    """Whether a page's last text lines are a caption matching ``pattern`` with nothing drawn below them:
    the caption's first line, or the caption's wrapped lines going up to it (a line gap at most)."""
    ordered = sorted(lines, key=lambda line: line.top)
    if not ordered or not ordered[-1].text:
        return False
    below = ordered[-1]
    for line in reversed(ordered):
        if not line.text or line.bottom < below.top - (below.bottom - below.top):
            return False  # a drawing, or a gap: the caption is not the page's end
        if pattern.match(line.text.strip()):
            return True
        below = line
    return False


def first_is_caption(lines: list[Line], pattern: re.Pattern[str]) -> bool:
    """Whether a page's first line is a caption matching ``pattern`` (its figure left on the page before)."""
    ordered = sorted(lines, key=lambda line: line.top)
    return bool(ordered) and bool(ordered[0].text) and bool(pattern.match(ordered[0].text.strip()))


# --- Reading a PDF -------------------------------------------------------------------------------------

@functools.cache
def _read(pdf_path: Path) -> tuple[tuple[int, float, list[Box], list[Line]], ...]:
    """Each page's number, height, characters and lines, read once per PDF (the three checks share them)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return tuple((number, page.height, _boxes(page), _lines(page))
                     for number, page in enumerate(pdf.pages, start=1))


def _boxes(page) -> list[Box]:
    return [Box(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars]


def _lines(page) -> list[Line]:
    """Text lines and drawings of a page (rules and cell borders of tables, images)."""
    lines = [Line(line["text"], line["top"], line["bottom"]) for line in page.extract_text_lines()]
    drawings = [*page.rects, *page.lines, *page.images, *page.curves]
    lines += [Line("", d["top"], d["bottom"]) for d in drawings if d["bottom"] <= page.height]
    return content_lines(lines, page.height)


def overlaps(pdf_path: Path) -> list[str]:
    """One French line per pair of characters drawn over each other: the page and the text around them."""
    found = []
    for number, _, boxes, _ in _read(Path(pdf_path)):
        for first, second in clashes(boxes):
            found.append(f"page {number} : « {first.text} » et « {second.text} » superposés "
                         f"dans « {context(first, boxes)} »")
    return found


def chapter_starts(pdf_path: Path) -> set[int]:
    """The pages (from 1) where a chapter starts: the PDF outline's first-level entries."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    return {reader.get_destination_page_number(entry) + 1
            for entry in reader.outline if not isinstance(entry, list)}


def sparse_pages(pdf_path: Path) -> list[str]:
    """Pages under a third full, except the last page of a chapter and of the document."""
    pages = [(number, height, lines) for number, height, _, lines in _read(Path(pdf_path))]
    filled = [lines for _, _, lines in pages if lines]
    top = min(min(line.top for line in lines) for lines in filled)
    bottom = max(max(line.bottom for line in lines) for lines in filled)
    starts = chapter_starts(pdf_path)
    found = []
    for number, _, lines in pages:
        if number == len(pages) or number + 1 in starts:
            continue
        share = fill(lines, top, bottom)
        if share < MIN_FILL:
            found.append(f"page {number} : remplie à {share:.0%} seulement, sans finir de chapitre")
    return found


def stranded_captions(pdf_path: Path) -> list[str]:
    """Table captions ending a page (their table on the next), figure captions opening one."""
    found = []
    for number, _, _, lines in _read(Path(pdf_path)):
        if last_is_caption(lines, TABLE_CAPTION):
            text = next(line.text for line in sorted(lines, key=lambda line: -line.top)
                        if TABLE_CAPTION.match(line.text.strip()))
            found.append(f"page {number} : la légende « {text} » finit la page, son tableau est à la suivante")
        if first_is_caption(lines, FIGURE_CAPTION):
            text = min(lines, key=lambda line: line.top).text
            found.append(f"page {number} : la légende « {text} » ouvre la page, sa figure est à la précédente")
    return found
