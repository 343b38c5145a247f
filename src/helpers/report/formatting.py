"""French formatting of figures through babel: ``95,1 %``, ``481 520``, ``4,2 jours``.

Rounding is half-up at the published precision (``round_half_up``), never Python's
round-half-even, so 72.25 shows as 72,3 as a reader computing by hand would expect.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
NBSP = "\u00a0"


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round like a person does: 0.5 goes up (72.25 -> 72.3)."""
    quantum = Decimal(1).scaleb(-int(decimals))
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def truncate(value: float, decimals: int = 0) -> float:
    """Cut the extra decimals off (how some slides print shares: 73.8 -> 73)."""
    quantum = Decimal(1).scaleb(-int(decimals))
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_DOWN))


def fmt_number(value: float, decimals: int = 0) -> str:
    """``481520`` -> ``481 520``; ``21.5`` with one decimal -> ``21,5``."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round_half_up(value, decimals), format=pattern, locale=LOCALE)


def fmt_percent(value: float, decimals: int = 1) -> str:
    """A percentage given on 0-100: ``95.07`` -> ``95,1 %`` (non-breaking space before %)."""
    return f"{fmt_number(value, decimals)}{NBSP}%"


def fmt_days(value: float, decimals: int = 1) -> str:
    """A delay in days: ``3.32`` -> ``3,3 jours``."""
    return f"{fmt_number(value, decimals)}{NBSP}jour{'s' if round_half_up(value, decimals) >= 2 else ''}"


def fmt_value(value: float | None, unit: str, decimals: int = 1) -> str:
    """A figure in its unit (``%``, ``jours``, ``nombre``); ``non suivi`` when there is none."""
    if value is None:
        return "non suivi"
    if unit == "%":
        return fmt_percent(value, decimals)
    if unit == "jours":
        return fmt_days(value, decimals)
    return fmt_number(value, decimals)


def fmt_month(day: dt.date) -> str:
    """``2023-07-01`` -> ``juillet 2023``."""
    return format_date(day, format="MMMM y", locale=LOCALE)


def fmt_date(day: dt.date, style: str = "long") -> str:
    """``2022-11-21`` -> ``21 novembre 2022``."""
    return format_date(day, format=style, locale=LOCALE)


def plural(count: float, singular: str, plural_form: str | None = None, decimals: int = 0) -> str:
    """``1 formation``, ``2 formations``: kept here for its callers; the rule is ``helpers.report.french.plural``."""
    from helpers.report.french import plural as agreed  # french builds on this module's number formats

    return agreed(count, singular, plural_form, decimals)


def target_decimals(value: float) -> int:
    """The decimals a target is written with: none for 85, one for 97.3, two for 88.25."""
    for decimals in (0, 1):
        if round(float(value), decimals) == float(value):
            return decimals
    return 2
