"""Figures already published against the recomputed ones: agreement, truncation, gaps."""

import pandas as pd

from helpers.indicators import published
from helpers.indicators.records import Indicator, indicator_table


def table() -> pd.DataFrame:
    return indicator_table([
        Indicator("communication", "top_section_share", "Part des visiteurs", 100 * 459116 / 622230, "%", decimals=1),
        Indicator("mystery_calls", "svi", "SVI", 88.2, "%", decimals=1),
        Indicator("survey", "overall", "Général", 97.25, "%", decimals=1),
    ], 2022, "ATE")


def printed(*rows) -> pd.DataFrame:
    return pd.DataFrame([{"source": s, "indicator": i, "year": 2022, "printed": p, "medium": "diapositive 9"}
                         for s, i, p in rows])


def test_printed_number_reads_french_figures():
    assert published.printed_number("88,20 %") == (88.2, 2)
    assert published.printed_number("73%") == (73.0, 0)
    assert published.printed_number("622 230") == (622230.0, 0)
    assert published.printed_number("non suivi") is None


def test_agreement_at_printed_precision_and_half_up():
    result = published.compare(table(), printed(("mystery_calls", "svi", "88,20 %"), ("survey", "overall", "97,3 %")))
    assert result["agrees"].tolist() == [True, True]  # 97.25 rounds half-up to 97.3
    assert result["note"].isna().all()


def test_truncated_print_gets_a_note():
    result = published.compare(table(), printed(("communication", "top_section_share", "73%")))
    note = result.loc[0, "note"]
    assert not result.loc[0, "agrees"]
    assert "73,8\u00a0%" in note and "« 73% »" in note and "tronquée" in note and "diapositive 9" in note


def test_other_gap_and_missing_indicator():
    result = published.compare(table(), printed(("mystery_calls", "svi", "85 %"), ("survey", "unknown", "12 %")))
    assert "écart" in result.loc[0, "note"]
    assert "pas de valeur recalculée" in result.loc[1, "note"]


def test_with_notes_writes_the_note_on_the_row():
    out = published.with_notes(table(), printed(("communication", "top_section_share", "73%")))
    notes = out.set_index("indicator")["note"]
    assert "tronquée" in notes["top_section_share"] and pd.isna(notes["svi"])
