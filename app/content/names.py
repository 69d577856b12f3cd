"""Person names in Dutch text: spans from a detector, cleaned up to the name itself (pure).

Two detectors give spans: the compact lexicon (``name_spans.py``; web workers, the free-text
warning) and deduce (``deduce_names.py``; ``content check``). Both pass through the same rules
here: a capitalised word after a title or role ("moeder Yara") counts even if no list knows it;
titles, roles and punctuation are stripped; spans merged across a sentence are split; a lone
sentence-initial word that is an ordinary word ("Stap", "Welke") is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from app.content.hit import Hit, make_hit
from app.content.name_lexicon import NameLexicon

Spans = Callable[[str], list[tuple[int, int]]]


def name_hits(text: str, spans: Spans, lexicon: NameLexicon) -> Iterator[Hit]:
    for start, end in [*spans(text), *_trigger_name_spans(text)]:
        for part_start, part_end in _name_parts(text, start, end):
            trimmed = _trim_name(text, part_start, part_end, lexicon)
            if trimmed is not None:
                yield make_hit("name", text, *trimmed)


def _is_word(lexicon: NameLexicon, lower: str) -> bool:
    return lower in lexicon.words or lower in _COMMON_WORDS


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
# A section or step number after a lone word: "Punt 4.2.1", "Fase 2" (not "Sanne 14 jaar").
_NUMBER_AFTER = re.compile(r"\s+\d")
_ARTICLE_BEFORE = re.compile(r"\b(?:het|een)\s+$", re.IGNORECASE)
# Places and Dutch law names deduce tags as persons (observed with deduce 3.0.6).
_NOT_A_NAME = re.compile(
    r"(?:(?:in|uit|naar|te|bij|van)\s+)?(?:den\s+(?:haag|bosch|helder)|'s-\w+)"
    r"|awb|wams|wmo|wlz|zvw|wgs|woo|wsnp|wzd|wvggz|wpo|wko|awir|jeugdwet|participatiewet",
    re.IGNORECASE,
)


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


def _trim_name(text: str, start: int, end: int, lexicon: NameLexicon) -> tuple[int, int] | None:
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


def _skip_sentence_word(text: str, start: int, end: int, lexicon: NameLexicon) -> int:
    """Drop a sentence-initial word glued to a first name: "Neem Mirjam" -> "Mirjam"."""
    pair = _TWO_WORDS.match(text, start, end)
    if pair is None or not _at_sentence_start(text, start):
        return start
    if pair.group(1) in lexicon.first_names or pair.group(2) not in lexicon.first_names:
        return start
    return pair.start(2)


def _is_single_word_not_name(text: str, start: int, end: int, lexicon: NameLexicon) -> bool:
    """A lone capitalised word that is an ordinary word: "Stap", "Welke", "het Rijk", "Punt 4.2"."""
    word = text[start:end]
    if not _WORD.fullmatch(word):
        return False
    if _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return True
    if _NUMBER_AFTER.match(text, end) and word not in lexicon.first_names:
        return True
    if not _at_sentence_start(text, start):
        return False
    lower = word.lower()
    if _is_word(lexicon, lower):
        return True
    if word in lexicon.first_names:
        return False
    if "-" not in word and word not in lexicon.surnames:
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
