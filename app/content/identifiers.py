"""Structured identifiers in Dutch text: BSN, IBAN, postcode, phone, e-mail, date of birth.

Pure module. Regular expressions find candidates; checksums (python-stdnum: 11-proef, mod 97,
postcode rules) and phonenumbers decide. Street addresses and licence plates are in
``addresses.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from app.content.hit import Hit, make_hit


def identifier_hits(text: str) -> Iterator[Hit]:
    yield from _bsn_hits(text)
    yield from _iban_hits(text)
    yield from _postcode_hits(text)
    yield from _phone_hits(text)
    yield from _email_hits(text)
    yield from _birth_date_hits(text)


# --- BSN -------------------------------------------------------------------------------------

_BSN_CANDIDATE = re.compile(
    r"(?<![\w+€])(?<!\d[.,-])"
    r"(?:\d{8,9}|\d{2,4}(?P<sep>[. ])\d{2,3}(?P=sep)\d{3})"
    r"(?![\w€])(?![.,-]\d)"
)
_BSN_CONTEXT = re.compile(
    r"\b(?:bsn|burgerservice-?nummer|sofi-?nummer|sofinr)\b[^\d\n]{0,25}$", re.IGNORECASE
)
_MONEY_BEFORE = re.compile(r"(?:€|\beur|\beuro)\s*$", re.IGNORECASE)


def _bsn_hits(text: str) -> Iterator[Hit]:
    for match in _BSN_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) not in (8, 9):
            continue
        before = text[max(0, match.start() - 60) : match.start()]
        if _BSN_CONTEXT.search(before):
            yield make_hit("bsn", text, match.start(), match.end())
            continue
        if _looks_like_other_number(text, match, before):
            continue
        if stdnum_bsn.is_valid(digits):
            yield make_hit("bsn", text, match.start(), match.end())


def _looks_like_other_number(text: str, match: re.Match[str], before: str) -> bool:
    """An amount (€ 123.456.789) or part of a longer spaced digit run (a phone number)."""
    if _MONEY_BEFORE.search(before):
        return True
    if match.group("sep") != " ":
        return False
    after = text[match.end() : match.end() + 2]
    return bool(re.search(r"\d $", before) or re.match(r" \d", after))


# --- IBAN ------------------------------------------------------------------------------------

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z]{2}\d{2})")
# Written compact, in groups of four with spaces or hyphens ("NL91-ABNA-0417-1643-00"), or mixed.
_IBAN_BODY = re.compile(r"[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}")


def _iban_hits(text: str) -> Iterator[Hit]:
    covered_until = -1
    for start_match in _IBAN_START.finditer(text):
        start = start_match.start()
        if start < covered_until:
            continue
        body = _IBAN_BODY.match(text, start)
        if body is None:
            continue
        end = _longest_valid_iban_end(text, start, body.end())
        if end is not None:
            covered_until = end
            yield make_hit("iban", text, start, end)


def _longest_valid_iban_end(text: str, start: int, end: int) -> int | None:
    """Try the candidate and its shorter prefixes that end at a word boundary."""
    for stop in range(end, start + 14, -1):
        next_char = text[stop : stop + 1]
        if next_char.isalnum() or text[stop - 1] in " -":
            continue
        if stdnum_iban.is_valid(text[start:stop]):
            return stop
    return None


# --- Postcode --------------------------------------------------------------------------------

_POSTCODE = re.compile(r"(?<![\w€.,-])[1-9]\d{3} ?[A-Z]{2}(?!\w)")


def _postcode_hits(text: str) -> Iterator[Hit]:
    for match in _POSTCODE.finditer(text):
        if stdnum_postcode.is_valid(match.group()):
            yield make_hit("postcode", text, match.start(), match.end())


# --- Phone -----------------------------------------------------------------------------------

# Numbers of organisations, not of persons: 0800/0900/090x service numbers, 088 and 14 0xx.
_PUBLIC_NUMBER_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
_PHONE_0031 = re.compile(r"(?<![\d+])0031[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){7,9}(?!\d)")
# Anything shaped like a Dutch mobile number (06 + 8 digits), even in ranges not yet issued.
_PHONE_MOBILE = re.compile(
    r"(?:(?<![\w+])0|\+31[ -]?(?:\(0\)[ -]?)?|(?<![\d+])0031[ -]?(?:\(0\)[ -]?)?)"
    r"6[ -]?\d(?:[ -]?\d){7}(?!\d)(?![.,]\d)"
)


def _phone_hits(text: str) -> Iterator[Hit]:
    for match in phonenumbers.PhoneNumberMatcher(text, "NL"):
        if phonenumbers.number_type(match.number) not in _PUBLIC_NUMBER_TYPES:
            yield _phone_hit(match.start, match.raw_string)
    for found in _PHONE_0031.finditer(text):
        digits = re.sub(r"\D", "", found.group())[4:]
        if _is_personal_number("+31" + digits):
            yield _phone_hit(found.start(), found.group())
    for found in _PHONE_MOBILE.finditer(text):
        yield _phone_hit(found.start(), found.group())


def _phone_hit(start: int, raw: str) -> Hit:
    """phonenumbers may include an unbalanced opening parenthesis: "(0493-918448"."""
    if raw.startswith("(") and ")" not in raw:
        start, raw = start + 1, raw[1:]
    return Hit(kind="phone", text=raw, start=start, end=start + len(raw))


def _is_personal_number(number: str) -> bool:
    try:
        parsed = phonenumbers.parse(number, "NL")
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(parsed):
        return False
    return phonenumbers.number_type(parsed) not in _PUBLIC_NUMBER_TYPES


# --- E-mail ----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w+-](?:[\w.+-]*[\w+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])"
)


def _email_hits(text: str) -> Iterator[Hit]:
    for match in _EMAIL.finditer(text):
        yield make_hit("email", text, match.start(), match.end())


# --- Date of birth ---------------------------------------------------------------------------

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan\.?|feb\.?|febr\.?|mrt\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|okt\.?|nov\.?"
    r"|dec\.?"
)
_DATE = re.compile(
    r"(?<![\w.-])(?:"
    r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    rf"|(?P<td>\d{{1,2}})(?:e)?\s+(?:{_MONTHS})\s+(?P<ty>\d{{4}})"
    r")(?![\w-])(?!\.\d)",
    re.IGNORECASE,
)
_BIRTH_CONTEXT = re.compile(
    r"geboren|\bgeb\.|geboortedatum|geboortedag|\bgeb\.?\s?datum|leeftijd|\bverjaardag|\bjarig",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s+[A-Z]|\s*$)|\n\s*\n")
_BIRTH_WINDOW = 40


def _birth_date_hits(text: str) -> Iterator[Hit]:
    for match in _DATE.finditer(text):
        if _is_calendar_date(match) and _has_birth_context(text, match.start(), match.end()):
            yield make_hit("birth_date", text, match.start(), match.end())


def _is_calendar_date(match: re.Match[str]) -> bool:
    if match.group("td"):
        return 1 <= int(match.group("td")) <= 31
    day, month = (
        (match.group("d"), match.group("m"))
        if match.group("d")
        else (match.group("id"), match.group("im"))
    )
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _has_birth_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _BIRTH_WINDOW) : start]
    for context in _BIRTH_CONTEXT.finditer(before):
        if not _SENTENCE_BREAK.search(before[context.end() :]):
            return True
    after = text[end : end + _BIRTH_WINDOW]
    for context in _BIRTH_CONTEXT.finditer(after):
        if not _SENTENCE_BREAK.search(after[: context.start()]):
            return True
    return False
