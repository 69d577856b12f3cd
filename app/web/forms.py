"""Parsing form values into typed values, with Dutch messages that name the field."""

from __future__ import annotations

from datetime import date, datetime, time

from app.dates import LOCAL
from app.errors import InvalidInput, NotFound
from app.numbers import FIRST_DAY, LAST_DAY, plausible_day, whole_number


def parse_date(value: str | None, *, field: str, label: str) -> date:
    try:
        day = date.fromisoformat((value or "").strip())
    except ValueError:
        raise InvalidInput(
            f"Vul bij '{label}' een datum in, zoals 2027-01-31.", field=field
        ) from None
    if not plausible_day(day):
        raise InvalidInput(
            f"Vul bij '{label}' een datum tussen {FIRST_DAY.year} en {LAST_DAY.year} in.",
            field=field,
        )
    return day


def parse_local_datetime(day: str | None, clock: str | None, *, field: str) -> datetime:
    """A date and a time as entered in the Netherlands, returned in UTC."""
    parsed_day = parse_date(day, field=field, label="datum")
    try:
        parsed_time = time.fromisoformat((clock or "").strip() or "09:00")
    except ValueError:
        raise InvalidInput("Vul een tijd in, zoals 09:30.", field=field) from None
    return datetime.combine(parsed_day, parsed_time, tzinfo=LOCAL)


def parse_id(value: str | None, *, field: str, label: str, optional: bool = False) -> int | None:
    text = (value or "").strip()
    if not text and optional:
        return None
    number = whole_number(text)
    if number is None and text.isascii() and text.isdigit():
        raise NotFound()  # past the largest id: what was chosen cannot exist
    if number is None:
        raise InvalidInput(f"Kies een {label}.", field=field)
    return number
