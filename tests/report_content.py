"""What a reader gets from a rendered report, as lists of lines, to compare two renderings.

``html_content`` and ``pdf_content`` return ``{part: [line, …]}``; ``differences`` gives a unified
diff per part, so a failing comparison says what differs and where (the part and the lines around).
Whitespace is compared as single spaces (a no-break space and a space read the same) and a word
hyphenated at a line's end in the PDF is joined again; nothing else is normalised.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

SPACES = re.compile(r"[\s\u00a0\u202f\u2060]+")


def words(text: str) -> str:
    """Text with every run of spaces (no-break, narrow, word joiner) as one space."""
    return SPACES.sub(" ", text).strip()


def _float_caption(element: Tag) -> str:
    """The caption of a numbered figure or table: ``<caption>`` of a table, else its ``<figcaption>``."""
    caption = element.find("caption") if element.name == "table" else element.find("figcaption")
    return words(caption.get_text(" ")) if caption else ""


def html_content(path: Path) -> dict[str, list[str]]:
    """The reader's content of an HTML report: title, table of contents, headings with their section ids,
    numbered captions with their ids, table cells, images' alternative text, and the text of every block."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup.find_all(["script", "style", "noscript", "template"]):
        hidden.decompose()
    content: dict[str, list[str]] = {"titre": [words(soup.title.get_text())] if soup.title else []}
    toc = soup.find(id="TOC")
    content["sommaire"] = [f"{a.get('href')} {words(a.get_text(' '))}" for a in toc.find_all("a")] if toc else []
    if toc:
        toc.decompose()
    body = soup.body or soup
    content["titres"] = []
    for heading in body.find_all(re.compile(r"^h[1-6]$")):
        section = heading.find_parent("section")
        anchor = heading.get("id") or (section.get("id") if section else "")
        content["titres"].append(f"{heading.name} #{anchor} {words(heading.get_text(' '))}")
    floats = body.find_all(id=re.compile(r"^(fig|tbl)-(?!.*-caption-)"))  # not Quarto's ids of caption blocks
    content["légendes"] = [f"#{el['id']} {_float_caption(el)}" for el in floats]
    content["cellules"] = []
    for number, table in enumerate(body.find_all("table"), 1):
        for row in table.find_all("tr"):
            cells = [words(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
            content["cellules"].append(f"tableau {number} : " + " | ".join(cells))
    content["textes alternatifs"] = [words(img.get("alt", "")) for img in body.find_all("img")]
    content["texte"] = [words(block.get_text(" ")) for block in body.find_all(["p", "li", "dt", "dd"])
                        if not block.find(["p", "li"]) and words(block.get_text(" "))]
    return content


def _alt_texts(node: object, found: list[str], seen: set[int]) -> None:
    """The ``/Alt`` entries of a tagged PDF's structure tree, in document order."""
    if isinstance(node, IndirectObject):
        if node.idnum in seen:
            return
        seen.add(node.idnum)
        node = node.get_object()
    if isinstance(node, DictionaryObject):
        if "/Alt" in node:
            found.append(words(str(node["/Alt"])))
        if "/K" in node:
            _alt_texts(node["/K"], found, seen)
    elif isinstance(node, ArrayObject):
        for child in node:
            _alt_texts(child, found, seen)


def pdf_content(path: Path) -> dict[str, list[str]]:
    """The reader's content of a PDF report: its metadata, images' alternative text, and its words in
    reading order without the page numbers and the table of contents' dot leaders."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    tagged = "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked", False))
    alts: list[str] = []
    if "/StructTreeRoot" in root:
        _alt_texts(root["/StructTreeRoot"], alts, set())
    text: list[str] = []
    for number, page in enumerate(reader.pages, 1):
        lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        if lines and lines[-1].strip() == str(number):
            lines = lines[:-1]
        for line in lines:
            text += [w for w in words(line).split(" ") if w and not re.fullmatch(r"\.+", w)]
    joined: list[str] = []
    for word in text:  # « Admi­ » « nistration » -> « Administration »
        if joined and joined[-1].endswith("\u00ad"):
            joined[-1] = joined[-1][:-1] + word
        else:
            joined.append(word)
    title = (reader.metadata or {}).get("/Title", "")
    return {"métadonnées": [f"titre : {words(str(title))}", f"balisé : {'oui' if tagged else 'non'}",
                            f"langue : {root.get('/Lang', '')}"],
            "textes alternatifs": alts, "texte": joined}


def without_pagination(content: dict[str, list[str]]) -> dict[str, list[str]]:
    """A PDF's content with its words as a sorted set: what two paginations of one text share. Floats
    placed on other pages, a table header repeated at another page break and other page numbers in the
    table of contents change the words' order and count, not the words."""
    return {**content, "texte": sorted(set(content["texte"]))}


def differences(expected: dict[str, list[str]], actual: dict[str, list[str]], names: tuple[str, str]) -> list[str]:
    """A unified diff of each part that differs (with three lines of context), empty when they agree."""
    out: list[str] = []
    for part in expected.keys() | actual.keys():
        a, b = expected.get(part, []), actual.get(part, [])
        if a != b:
            out += [f"== {part} ==", *difflib.unified_diff(a, b, *names, lineterm="", n=3)]
    return out
