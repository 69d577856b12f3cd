"""Street addresses and Dutch licence plates (kentekens) in Dutch text (pure).

An address is a street and a house number ("Kerkstraat 12a", "Jan van Galenstraat 4-II"); a
postcode after it ("Kerkstraat 12, 1234 AB Utrecht") is its own hit (``identifiers.py``). A
street is recognised by its last word ("...straat", "...laan", "Oude Gracht"); any capitalised
street counts when a postcode follows or an address word precedes it ("woont aan de Spui 70").
Licence plates follow the RDW side codes 1-14 ("AB-12-CD", "12-ABC-3", "1-ABC-23"); without
hyphens only right after the word "kenteken".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.content.hit import Hit, make_hit

# Last words of Dutch street names. Endings that end ordinary words too are left out ("Loopbaan 2",
# "Leerpad 3", "Antwoord 2", "Vordering 3", "Arbeidsmarkt"); such streets count with a postcode or
# an address word before them.
_STREET_ENDINGS = (
    "straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|plantsoen|boulevard"
    "|allee|hof|park|wal|haven|burgwal|pier|steiger"
)
_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_LINK = r"(?:van|de|der|den|het|'t|te|ter|ten|op|aan|in|la|le|du|St\.|Burg\.|Dr\.|Mr\.)"
_HOUSE_NUMBER = (
    r"(?P<number>[1-9]\d{0,4})"
    r"(?P<addition>[a-zA-Z]\b|-[A-Za-z0-9]{1,4}\b|\s(?:[A-Z]|hs|bis|I{1,3}|IV|bg|zw|rd)\b)?"
    r"(?![.,]?\d)(?!-\w)"
)
_PLACE = r"(?:'s-)?[A-Z][\w'-]+(?:\s(?:aan\sde\s|aan\sden\s|op\s|an\sde\s)?[A-Z][\w'-]+)?"
_POSTCODE_PLACE = rf"(?P<postcode>,?\s+[1-9]\d{{3}}\s?[A-Z]{{2}}\b(?:\s+{_PLACE})?)?"
_STREET_WORDS = rf"(?:(?:{_WORD}|{_LINK})\s+){{0,4}}"
_NAMED_STREET = re.compile(
    rf"(?<![\w-])(?P<street>{_STREET_WORDS}(?=[A-ZÀ-Þ])[\w'’-]*(?i:{_STREET_ENDINGS}))"
    rf"\s+{_HOUSE_NUMBER}{_POSTCODE_PLACE}"
)
_ANY_STREET = re.compile(
    rf"(?<![\w-])(?P<street>{_STREET_WORDS}{_WORD})\s+{_HOUSE_NUMBER}{_POSTCODE_PLACE}"
)
_ADDRESS_CONTEXT = re.compile(
    r"(?:\b(?:woon|post|huis)?adres(?:\s+is)?|\bwoon(?:t|de|den|achtig)\s+(?:op|aan|in)"
    r"|\bwonend\s+(?:op|aan|in)|\bverhuisd\s+naar|\bingeschreven\s+(?:op|aan))"
    r"(?:\s+(?:de|het|het\s+adres))?\s*:?\s*$",
    re.IGNORECASE,
)
# Capitalised words that start a sentence but not a street: "Op Kerkstraat 3" -> "Kerkstraat 3".
_NOT_STREET_START = frozenset(
    {
        *("Op", "In", "Aan", "Bij", "Naar", "Uit", "Via", "Vanaf", "Tot", "Sinds", "Voor"),
        *("Achter", "Naast", "Tegenover", "Thuis", "Ook", "En", "Of", "Toen", "Daar", "Hier"),
        *("Dan", "Nu", "Zij", "Hij", "Ze", "Wij", "Ik", "Jij", "Hun", "Haar", "Zijn", "Nieuw"),
        *("Oud", "Woont", "Wonend", "Adres", "Woonadres", "Postadres", "Huisadres", "Postbus"),
        "Antwoordnummer",
    }
)
_YEAR = re.compile(r"(?:19|20)\d{2}")


def address_hits(text: str) -> Iterator[Hit]:
    for match in _NAMED_STREET.finditer(text):
        hit = _address(text, match)
        if hit is not None:
            yield hit
    for match in _ANY_STREET.finditer(text):
        hit = _address(text, match, strict=False)
        if hit is None:
            continue
        before = text[max(0, hit.start - 40) : hit.start]
        if match.group("postcode") or _ADDRESS_CONTEXT.search(before):
            yield hit


def _address(text: str, match: re.Match[str], *, strict: bool = True) -> Hit | None:
    """The hit from the street's first word; a year after a street name is no house number."""
    start = _street_start(text, match.start("street"), match.end("street"))
    if start is None:
        return None
    if strict and not match.group("postcode") and _YEAR.fullmatch(match.group("number")):
        return None
    end = match.end("addition") if match.group("addition") else match.end("number")
    return make_hit("address", text, start, end)


def _street_start(text: str, start: int, end: int) -> int | None:
    """Where the street begins: past lowercase links and sentence words ("Op", "in de")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for index, word in enumerate(words):
        token = word.group()
        if index == len(words) - 1 or (token[0].isupper() and token not in _NOT_STREET_START):
            return None if token in _NOT_STREET_START else start + word.start()
    return None


# --- Licence plates (kenteken) -------------------------------------------------------------

# RDW side codes 1-14: L = letters, D = digits.
_SIDE_CODES = (
    *("LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D"),
    *("D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "D-LL-DDD", "DDD-LL-D", "L-DD-LLL"),
)
_PLATE_CONTEXT = re.compile(r"\b(?:kenteken(?:nummer)?|nummerbord)\b[^\w\n]{0,3}$", re.IGNORECASE)


def _plate_pattern(code: str, separator: str) -> str:
    groups = []
    for group in code.split("-"):
        kind = "[A-Z]" if group[0] == "L" else r"\d"
        groups.append(f"{kind}{{{len(group)}}}")
    return separator.join(groups)


_PLATE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_plate_pattern(code, "-") for code in _SIDE_CODES) + r")(?![\w-])"
)
_PLATE_COMPACT = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_plate_pattern(code, r"[ -]?") for code in _SIDE_CODES)
    + r")(?![\w-])",
    re.IGNORECASE,
)


def licence_plate_hits(text: str) -> Iterator[Hit]:
    for match in _PLATE.finditer(text):
        yield make_hit("licence_plate", text, match.start(), match.end())
    for match in _PLATE_COMPACT.finditer(text):
        if _PLATE_CONTEXT.search(text, max(0, match.start() - 30), match.start()):
            yield make_hit("licence_plate", text, match.start(), match.end())
