"""data/README.md documents the contract that the code enforces (its tables are generated)."""

from helpers.data.contract.docs import BEGIN, END, contract_markdown
from helpers.paths import DATA_DIR


def test_data_readme_matches_the_contract():
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    generated = text[text.index(BEGIN): text.index(END) + len(END)] + "\n"
    assert generated == contract_markdown(), "run: clu contract --write (or make docs)"
