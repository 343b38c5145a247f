"""Text from data is text: escaped Markdown reads back as the same characters, and opens nothing."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

from helpers.report.escaping import markdown_text, markdown_values, spreadsheet_cell
from helpers.report.export import write_indicators
from helpers.report.render.output import pandoc_path
from helpers.report.tables import markdown
from tests.hostile.payloads import PAYLOADS

# Pandoc elements that plain text never gives: anything that links, embeds, formats or passes through.
INERT = {"Str", "Space", "SoftBreak", "Para", "Plain", "Quoted", "SingleQuote"}  # an apostrophe pair


def pandoc_ast(text: str) -> dict:
    done = subprocess.run([pandoc_path(), "--from=markdown", "--to=json"], input=text, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def kinds(node: object) -> set[str]:
    """Every element type (``t``) in a pandoc JSON tree."""
    if isinstance(node, dict):
        found = {node["t"]} if "t" in node else set()
        return found.union(*(kinds(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(kinds(v) for v in node)) if node else set()
    return set()


def plain(node: object) -> str:
    """The text of a pandoc JSON tree (``Str`` and spaces)."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return node["c"]
        if node.get("t") in {"Space", "SoftBreak"}:
            return " "
        if node.get("t") == "Quoted":
            return "'" + plain(node["c"][1]) + "'"
        return "".join(plain(v) for k, v in node.items() if k == "c")
    if isinstance(node, list):
        return "".join(plain(v) for v in node)
    return ""


@pytest.fixture(scope="module")
def read_back() -> dict[str, dict]:
    """Each payload escaped, read by pandoc in one call (a paragraph each)."""
    escaped = "\n\n".join(markdown_text(p) for p in PAYLOADS)
    blocks = pandoc_ast(escaped)["blocks"]
    assert len(blocks) == len(PAYLOADS)
    return dict(zip(PAYLOADS, blocks, strict=True))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_escaped_payload_is_plain_text_in_pandoc(payload, read_back):
    block = read_back[payload]
    assert kinds(block) <= INERT, kinds(block)
    expected = " ".join(payload.split())
    assert " ".join(plain(block).split()).replace("’", "'") == expected.replace("’", "'")


def test_line_breaks_and_control_characters_do_not_survive():
    assert markdown_text("a\nb\r\nc\td") == "a b c d"
    assert markdown_text("abc\u202edef\u200b") == "abcdef"  # a bidi override, a zero-width space
    assert markdown_text(42) == "42"


def test_nested_values_are_escaped_strings_only():
    assert markdown_values({"a": "> 85 %", "b": [True, "x*y"], "c": 3}) == {"a": "\\> 85 \\%", "b": [True, "x\\*y"],
                                                                           "c": 3}


def test_a_table_cell_opens_no_link_image_or_raw_markup():
    frame = pd.DataFrame({"Commentaire": list(PAYLOADS), "Nombre": range(len(PAYLOADS))})
    table = pandoc_ast(markdown(frame))["blocks"]
    assert [b["t"] for b in table] == ["Table"]
    assert kinds(table) <= INERT | {"Table", "Caption", "TableHead", "TableBody", "TableFoot", "Row", "Cell",
                                    "AlignLeft", "AlignRight", "AlignDefault", "ColWidthDefault", "ColWidth"}


@pytest.mark.parametrize("cell, safe", [
    ("=HYPERLINK(\"http://x\",\"clic\")", "'=HYPERLINK(\"http://x\",\"clic\")"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Accueil", "Accueil"), (12.5, 12.5), (None, None),
])
def test_a_spreadsheet_formula_is_neutralised(cell, safe):
    assert spreadsheet_cell(cell) == safe


def test_the_indicators_csv_holds_no_formula(tmp_path):
    table = pd.DataFrame({"label": ["=1+1", "@A1", "Taux"], "value": [-1.5, 2.0, 3.0]})
    written = pd.read_csv(write_indicators(table, tmp_path / "i.csv"))
    assert written["label"].tolist() == ["'=1+1", "'@A1", "Taux"]
    assert written["value"].tolist() == [-1.5, 2.0, 3.0]  # numbers stay numbers
