"""Parsing form values into typed values, with Dutch messages that name the field."""

from __future__ import annotations

from datetime import date, datetime, time

from app.dates import LOCAL
from app.errors import InvalidInput


def parse_date(value: str | None, *, field: str, label: str) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise InvalidInput(
            f"Vul bij '{label}' een datum in, zoals 2027-01-31.", field=field
        ) from None


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
    if not text.isdigit():
        raise InvalidInput(f"Kies een {label}.", field=field)
    return int(text)
