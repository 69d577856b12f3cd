"""Anonymisation gate: find personal data in Dutch text.

Pure module (no web or database imports). Structured identifiers are found with regular
expressions plus checksum validation (python-stdnum, phonenumbers); personal names come from the
Dutch de-identification library ``deduce`` plus a small title/relation rule. ``deduce`` is loaded
lazily, once per process, because its first initialisation takes seconds.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

KINDS: tuple[str, ...] = ("bsn", "iban", "postcode", "phone", "email", "birth_date", "name")

KIND_LABELS: dict[str, str] = {
    "bsn": "burgerservicenummer",
    "iban": "IBAN-rekeningnummer",
    "postcode": "postcode",
    "phone": "telefoonnummer",
    "email": "e-mailadres",
    "birth_date": "geboortedatum",
    "name": "persoonsnaam",
}


@dataclass(frozen=True)
class Hit:
    """One finding: its kind, the exact matched text and its character offsets."""

    kind: str  # one of KINDS
    text: str  # exactly text[start:end] of the scanned text
    start: int
    end: int


def _hit(kind: str, text: str, start: int, end: int) -> Hit:
    return Hit(kind=kind, text=text[start:end], start=start, end=end)


def scan(text: str, *, names: bool = True) -> list[Hit]:
    """Return every personal-data hit in ``text``, sorted by start and de-duplicated.

    With ``names=False`` the (slow to load) name detector is skipped.
    """
    hits: list[Hit] = [
        *_bsn_hits(text),
        *_iban_hits(text),
        *_postcode_hits(text),
        *_phone_hits(text),
        *_email_hits(text),
        *_birth_date_hits(text),
    ]
    if names:
        hits.extend(_name_hits(text))
    return _resolve_overlaps(hits)


def preload_names() -> None:
    """Load deduce now (seconds; once per process), e.g. at server start, so no request waits."""
    _lexicon()


def unreviewed(hits: Iterable[Hit], reviewed: Iterable[str]) -> list[Hit]:
    """Drop the hits whose exact text was reviewed as a (fictional) false positive."""
    done = set(reviewed)
    return [hit for hit in hits if hit.text not in done]


def warning_message(hits: Iterable[Hit]) -> str:
    """One Dutch sentence naming the kinds found; empty when there are no hits."""
    found = {hit.kind for hit in hits}
    labels = [KIND_LABELS[kind] for kind in KINDS if kind in found]
    if not labels:
        return ""
    return (
        f"Dit lijkt op echte cliëntgegevens ({', '.join(labels)}). "
        "Gebruik alleen verzonnen gegevens."
    )


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """Remove duplicates and hits lying inside a longer hit (e.g. digits inside a phone)."""
    ordered = sorted(set(hits), key=lambda h: (h.start, -(h.end - h.start), KINDS.index(h.kind)))
    kept: list[Hit] = []
    for hit in ordered:
        if any(k.start <= hit.start and hit.end <= k.end for k in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, KINDS.index(h.kind)))


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
            yield _hit("bsn", text, match.start(), match.end())
            continue
        if _looks_like_other_number(text, match, before):
            continue
        if stdnum_bsn.is_valid(digits):
            yield _hit("bsn", text, match.start(), match.end())


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
_IBAN_BODY = re.compile(r"[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}")


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
            yield _hit("iban", text, start, end)


def _longest_valid_iban_end(text: str, start: int, end: int) -> int | None:
    """Try the candidate and its shorter prefixes that end at a word boundary."""
    for stop in range(end, start + 14, -1):
        next_char = text[stop : stop + 1]
        if next_char.isalnum() or text[stop - 1] == " ":
            continue
        if stdnum_iban.is_valid(text[start:stop]):
            return stop
    return None


# --- Postcode --------------------------------------------------------------------------------

_POSTCODE = re.compile(r"(?<![\w€.,-])[1-9]\d{3} ?[A-Z]{2}(?!\w)")


def _postcode_hits(text: str) -> Iterator[Hit]:
    for match in _POSTCODE.finditer(text):
        if stdnum_postcode.is_valid(match.group()):
            yield _hit("postcode", text, match.start(), match.end())


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
        yield _hit("email", text, match.start(), match.end())


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
            yield _hit("birth_date", text, match.start(), match.end())


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


# --- Names -----------------------------------------------------------------------------------


class _Annotation(Protocol):
    text: str
    start_char: int
    end_char: int
    tag: str


@dataclass(frozen=True)
class _Lexicon:
    """deduce plus the word lists used to clean up its person annotations."""

    deduce: Any
    first_names: Any  # docdeid LookupTrie: ``[token] in first_names``
    surnames: Any
    words: frozenset[str]  # lowercase common Dutch words (deduce whitelist + our own)


_lexicon_lock = threading.Lock()
_lexicon_cache: list[_Lexicon] = []


def _lexicon() -> _Lexicon:
    """The process-wide deduce instance and word lists, built on first use (takes seconds)."""
    with _lexicon_lock:
        if not _lexicon_cache:
            _lexicon_cache.append(_build_lexicon(_load_deduce()))
        return _lexicon_cache[0]


def _load_deduce() -> Any:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        # deduce calls logging.basicConfig(DEBUG, stdout) on import; undo that below.
        deduce: Any = importlib.import_module("deduce")  # untyped package: keep it Any
        return deduce.Deduce()
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _build_lexicon(deduce: Any) -> _Lexicon:
    structs = deduce.lookup_structs
    words: set[str] = set(_COMMON_WORDS)
    for name in ("common_word", "stop_word", "whitelist"):
        words.update(str(item).lower() for item in structs[name].items())
    return _Lexicon(deduce, structs["first_name"], structs["surname"], frozenset(words))


def _deduce_person_spans(text: str) -> list[tuple[int, int]]:
    """Spans deduce tags as a person (tags containing "persoon" or "patient")."""
    document = _lexicon().deduce.deidentify(text)
    annotations: Iterable[_Annotation] = document.annotations
    return [
        (a.start_char, a.end_char) for a in annotations if "persoon" in a.tag or "patient" in a.tag
    ]


# Words that precede a name: titles and the roles used in case notes ("moeder Yara").
_TITLE_WORDS = (
    r"de\s+heer|mevrouw|meneer|mijnheer|mevr|mw|mvr|dhr|hr|mej|mr|dr|drs|ir|ing|prof|ds|fam"
    r"|familie"
)
_ROLE_WORDS = (
    r"cli[eë]nte?|moeder|vader|zoon|dochter|broer|zus|zusje|broertje|oma|opa|tante|oom|neef"
    r"|nicht|partner|vriend|vriendin|ex|buurman|buurvrouw|stiefvader|stiefmoeder|pleegmoeder"
    r"|pleegvader|wijkcoach|gezinscoach|coach|consulent|jeugdconsulent|casemanager|regisseur"
    r"|hulpverlener|begeleider|bewindvoerder|mentor|juf|meester|leerkracht|docent|huisarts"
    r"|contactpersoon|leerplichtambtenaar|schuldhulpverlener"
)
_LEADING_WORD = re.compile(rf"(?:{_TITLE_WORDS}|{_ROLE_WORDS})\b\.?\s*", re.IGNORECASE)
_ONLY_TITLE = re.compile(rf"(?:{_TITLE_WORDS}|{_ROLE_WORDS})\.?", re.IGNORECASE)
_NAME_EDGE = " \t\n.,;:()[]\"'"
# deduce merges names across a full stop or blank line ("Milan. Milan", "Kees\n\nKees").
_NAME_SPLIT = re.compile(r"\s*\n\s*|(?<=[a-zß-ÿ]{2}[.!?])\s+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]|\n\s*(?:[-*+>#]+|\d+[.)])?)\s*[\"'(“‘*_]*\s*$")
# An abbreviated title ends in a full stop that does not end the sentence: "mw. Bouzid".
_TITLE_BEFORE = re.compile(
    r"\b(?:mevr|mw|mvr|dhr|hr|mej|mr|dr|drs|ir|ing|prof|ds|fam)\.\s*$", re.IGNORECASE
)
_TWO_WORDS = re.compile(r"(\S+)\s+(\S+)")
_ARTICLE_BEFORE = re.compile(r"\b(?:het|een)\s+$", re.IGNORECASE)
# Places and Dutch law names deduce tags as persons (observed with deduce 3.0.6).
_NOT_A_NAME = re.compile(
    r"(?:(?:in|uit|naar|te|bij|van)\s+)?(?:den\s+(?:haag|bosch|helder)|'s-\w+)"
    r"|awb|wams|wmo|wlz|zvw|wgs|woo|wsnp|wzd|wvggz|wpo|wko|awir|jeugdwet|participatiewet",
    re.IGNORECASE,
)


def _name_hits(text: str) -> Iterator[Hit]:
    lexicon = _lexicon()
    spans = _deduce_person_spans(text) + list(_trigger_name_spans(text))
    for start, end in spans:
        for part_start, part_end in _name_parts(text, start, end):
            trimmed = _trim_name(text, part_start, part_end, lexicon)
            if trimmed is not None:
                yield _hit("name", text, *trimmed)


def _name_parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a span at a blank line or a full stop that ends a word (not an initial)."""
    start = _strip_leading_words(text, start, end)
    for gap in _NAME_SPLIT.finditer(text, start, end):
        yield start, gap.start()
        start = gap.end()
    yield start, end


def _strip_leading_words(text: str, start: int, end: int) -> int:
    while (word := _LEADING_WORD.match(text, start, end)) is not None and word.end() < end:
        start = word.end()
    return start


def _trim_name(text: str, start: int, end: int, lexicon: _Lexicon) -> tuple[int, int] | None:
    """Strip titles, roles and punctuation so the hit is the name itself; None if no name."""
    start = _strip_leading_words(text, start, end)
    while start < end and text[start] in _NAME_EDGE:
        start += 1
    while end > start and text[end - 1] in _NAME_EDGE and not _ends_in_initial(text, start, end):
        end -= 1
    start = _skip_sentence_word(text, start, end, lexicon)
    name = text[start:end]
    if len(name) < 2 or name.islower() or _is_bare_title(text, start, end):
        return None
    if _NOT_A_NAME.fullmatch(name) or _is_single_word_not_name(text, start, end, lexicon):
        return None
    return start, end


def _is_bare_title(text: str, start: int, end: int) -> bool:
    """A title or role alone ("Moeder") is no name; after a title it is ("mevrouw Meester")."""
    if not _ONLY_TITLE.fullmatch(text, start, end):
        return False
    return _TRIGGER_BEFORE.search(text, max(0, start - 30), start) is None


def _ends_in_initial(text: str, start: int, end: int) -> bool:
    """Keep the dot of a trailing initial ("J.")."""
    return text[end - 1] == "." and end - start >= 2 and text[end - 2].isupper()


def _at_sentence_start(text: str, start: int) -> bool:
    if _TITLE_BEFORE.search(text, max(0, start - 30), start):
        return False
    return _SENTENCE_START.search(text, max(0, start - 12), start) is not None


def _skip_sentence_word(text: str, start: int, end: int, lexicon: _Lexicon) -> int:
    """Drop a sentence-initial word glued to a first name: "Neem Mirjam" -> "Mirjam"."""
    pair = _TWO_WORDS.match(text, start, end)
    if pair is None or not _at_sentence_start(text, start):
        return start
    if [pair.group(1)] in lexicon.first_names or [pair.group(2)] not in lexicon.first_names:
        return start
    return pair.start(2)


def _is_single_word_not_name(text: str, start: int, end: int, lexicon: _Lexicon) -> bool:
    """A lone capitalised word that is an ordinary word: "Stap", "Welke", "het Rijk"."""
    word = text[start:end]
    if not _WORD.fullmatch(word):
        return False
    if _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return True
    if not _at_sentence_start(text, start):
        return False
    lower = word.lower()
    if lower in lexicon.words:
        return True
    if [word] in lexicon.first_names:
        return False
    if "-" not in word and [word] not in lexicon.surnames:
        return True
    # A surname that is also a word used in lower case here: "Bouw" next to "bouwen".
    return re.search(rf"(?<!\w){re.escape(lower)}", text) is not None


# A title may end in a dot ("mw. Yara"); a role followed by a dot ends a sentence.
_TRIGGER = re.compile(rf"\b(?:(?:{_TITLE_WORDS})\b\.?|(?:{_ROLE_WORDS})\b)\s+", re.IGNORECASE)
_TRIGGER_BEFORE = re.compile(rf"{_TRIGGER.pattern}$", re.IGNORECASE)
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,4}")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_INTERFIX = re.compile(r"\s+(?:(?:van|de|den|der|ter|ten|te|het|'t|in|op)\s+){0,3}")


def _trigger_name_spans(text: str) -> Iterator[tuple[int, int]]:
    """A capitalised word (plus surname) after a title or role that deduce may not know."""
    for trigger in _TRIGGER.finditer(text):
        start = trigger.end()
        initials = _INITIALS.match(text, start)
        first = _WORD.match(text, initials.end() if initials else start)
        if first is None or not _is_name_word(first.group()):
            continue
        end = first.end()
        gap = _INTERFIX.match(text, end)
        surname = _WORD.match(text, gap.end()) if gap else None
        if surname is not None and _is_name_word(surname.group()):
            end = surname.end()
        yield start, end


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and word.lower() not in _COMMON_WORDS


# Capitalised words that can follow a title or role without being a name.
_COMMON_WORDS_TEXT = """
    de het een en of die dat deze dit er is was wordt werd heeft had zijn haar hun hij zij ze
    we wij jij je u ik in op van voor met bij naar uit om aan over als dan ook niet geen nog
    wel al zo maar want toen nu daar hier wie wat waar hoe waarom omdat terwijl tot sinds na
    heeft krijgt gaat komt belt belde zegt zei vertelt vraagt kan moet mag zou zal werkt
    woont kreeg ging kwam wilde kon moest mocht maandag dinsdag woensdag donderdag vrijdag
    zaterdag zondag januari februari maart april juni juli augustus september oktober
    november december
"""
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
