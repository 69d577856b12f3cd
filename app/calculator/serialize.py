"""receipt_to_dict: the receipt as plain JSON-ready data (amounts as strings like "1234.56")."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from app.calculator.receipt import Receipt


def receipt_to_dict(receipt: Receipt) -> dict[str, Any]:
    """Every field of the receipt, plus ``discount_rate_percent``, ``warning_codes``,
    ``investors`` and ``savers`` (payer ids) for convenience.

    Decimals become strings in plain notation (money always with two decimals); tuples become
    lists; everything else is a str, int, bool or None.
    """
    data: dict[str, Any] = to_plain(receipt)
    data["discount_rate_percent"] = decimal_text((receipt.discount_rate * 100).normalize())
    data["warning_codes"] = list(receipt.warning_codes)
    data["investors"] = [p.payer for p in receipt.investors]
    data["savers"] = [p.payer for p in receipt.savers]
    return data


def decimal_text(value: Decimal) -> str:
    """Plain notation, never an exponent: Decimal("1E+2") -> "100"."""
    return format(value, "f")


def to_plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    return value
