"""Whole numbers and dates typed by people or sent in URLs, checked before they reach the
database or date arithmetic (pure).

`str.isdigit()` also takes "²" (which `int()` refuses) and "٣" (which it accepts); ids go into
64-bit columns, and a date near year 1 or 9999 overflows as soon as a day is added."""

from __future__ import annotations

from datetime import date

MAX_ID = 2**63 - 1
# Cohorts, meetings and onboarding paths are planned within these years.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)


def whole_number(text: str, *, maximum: int = MAX_ID) -> int | None:
    """The number `text` spells in ASCII digits, or None when it is no such number or exceeds
    `maximum` (by default the largest 64-bit database id)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if value <= maximum else None


def plausible_day(day: date) -> bool:
    """Whether a date entered for planning lies in the years the school plans in."""
    return FIRST_DAY <= day <= LAST_DAY
