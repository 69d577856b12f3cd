"""One finding of the anonymisation gate (pure)."""

from __future__ import annotations

from dataclasses import dataclass

# In this order a hit wins a tie over the same text ("4049TV" after "kenteken" is a plate).
KINDS: tuple[str, ...] = (
    "bsn",
    "iban",
    "licence_plate",
    "postcode",
    "address",
    "phone",
    "email",
    "birth_date",
    "name",
)


@dataclass(frozen=True)
class Hit:
    """One finding: its kind, the exact matched text and its character offsets."""

    kind: str  # one of KINDS
    text: str  # exactly text[start:end] of the scanned text
    start: int
    end: int


def make_hit(kind: str, text: str, start: int, end: int) -> Hit:
    return Hit(kind=kind, text=text[start:end], start=start, end=end)
