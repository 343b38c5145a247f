"""French number formatting and half-up rounding."""

import numpy as np
import pytest

from helpers.report.formatting import (
    fmt_date,
    fmt_days,
    fmt_month,
    fmt_number,
    fmt_percent,
    fmt_value,
    plural,
    round_half_up,
    truncate,
)

NB = "\u00a0"


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (72.25, 1, 72.3), (72.35, 1, 72.4), (0.5, 0, 1.0), (2.5, 0, 3.0), (88.195, 2, 88.2), (np.float64(97.25), 1, 97.3),
])
def test_round_half_up(value, decimals, expected):
    assert round_half_up(value, decimals) == expected


def test_truncate():
    assert truncate(73.7856, 0) == 73.0 and truncate(73.7856, 1) == 73.7


def test_french_numbers():
    assert fmt_number(622230).replace("\u202f", " ").replace(NB, " ") == "622 230"
    assert fmt_number(21.5, 1) == "21,5"
    assert fmt_percent(97.27) == f"97,3{NB}%"
    assert fmt_percent(88.2, 2) == f"88,20{NB}%"
    assert fmt_days(3.32) == f"3,3{NB}jours"
    assert fmt_days(1.0, 0) == f"1{NB}jour"


def test_fmt_value_by_unit():
    assert fmt_value(None, "%") == "non suivi"
    assert fmt_value(100.0, "%", 0) == f"100{NB}%"
    assert fmt_value(18.0, "jours", 0) == f"18{NB}jours"
    assert fmt_value(42.0, "nombre", 0) == "42"


def test_fmt_date_and_month():
    import datetime as dt

    assert fmt_date(dt.date(2022, 11, 21)) == "21 novembre 2022"
    assert fmt_month(dt.date(2023, 7, 1)) == "juillet 2023"


@pytest.mark.parametrize(("count", "expected"), [(0, "0 formation"), (1, "1 formation"), (1.5, "2 formations"),
                                                 (2, "2 formations"), (1200, "1\u202f200 formations")])
def test_plural_agrees_the_noun_with_the_count(count, expected):
    assert plural(count, "formation") == expected


def test_plural_takes_an_irregular_form():
    assert plural(3, "cible non atteinte", "cibles non atteintes") == "3 cibles non atteintes"
    assert plural(1, "journal", "journaux") == "1 journal"
