"""Person-name spans from the compact lexicon, following deduce's name rules (pure, no deduce).

deduce (3.0) finds names with lookups of first names and surnames, a few token patterns (a title
or an initial followed by a capitalised word, an interfix followed by a surname part) and a
context step that grows each span with neighbouring initials, interfixes, titles and capitalised
words. This module applies the same rules to the same word lists (``name_lexicon.py``) without
deduce's tables for streets, institutions and places (over a GiB in memory). Place names only
compete with one-word name lookups ("Zwolle" is a place, "mevrouw Zwolle" a name).
``anonymise.py`` cleans the spans up the same way for both detectors.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from app.content.name_lexicon import NameLexicon

# deduce's tokenizer: words, a newline or tab, four or more spaces, or one other character.
_TOKEN = re.compile(r"\w+|[\n\r\t]| {4,}|[^ ]")
# Text allowed between two name spans that then become one ("Jan. Jansen", "Jan-Jansen").
_ADJACENT_SLACK = re.compile(r"[. \-]?[. ]?")


@dataclass(frozen=True, slots=True)
class _Tokens:
    texts: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Span:
    first: int  # token index
    last: int  # token index, inclusive
    tags: tuple[str, ...]  # e.g. ("prefix", "naam")


Check = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class _Rules:
    """The lexicon as deduce's pattern predicates."""

    lexicon: NameLexicon
    merge: dict[str, tuple[tuple[str, ...], ...]]  # first token -> multi-token terms, longest first
    first_names: dict[str, tuple[tuple[str, ...], ...]]
    surnames: dict[str, tuple[tuple[str, ...], ...]]
    places: dict[str, tuple[tuple[str, ...], ...]]
    patterns: tuple[tuple[list[Check], str, tuple[str, ...]], ...] = ()
    context: tuple[tuple[int, frozenset[str], str, list[Check], str], ...] = ()

    def prefix(self, token: str) -> bool:
        return token in self.lexicon.prefixes

    def interfix(self, token: str) -> bool:
        return token in self.lexicon.interfixes

    def initial(self, token: str) -> bool:
        return token in self.lexicon.initials

    def initial_or_initials(self, token: str) -> bool:
        return token in self.lexicon.initials or (len(token) <= 4 and token.isupper())

    def whitelisted(self, token: str) -> bool:
        return token.lower() in self.lexicon.words

    def name_word(self, token: str) -> bool:
        """deduce's ``like_name`` and not a common word or title."""
        return like_name(token) and not self.whitelisted(token) and not self.prefix(token)

    def interfix_surname(self, token: str) -> bool:
        return token in self.lexicon.interfix_surnames and not self.whitelisted(token)


def like_name(token: str) -> bool:
    return len(token) >= 3 and token.istitle() and not any(ch.isdigit() for ch in token)


def _split(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _index(terms: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-token lookup: first token -> the token sequences starting with it, longest first."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for term in terms:
        tokens = tuple(token for token, _, _ in _split(term))
        if tokens:
            found.setdefault(tokens[0], set()).add(tokens)
    return {key: tuple(sorted(value, key=len, reverse=True)) for key, value in found.items()}


@lru_cache(maxsize=2)
def rules_for(lexicon: NameLexicon) -> _Rules:
    rules = _Rules(
        lexicon=lexicon,
        merge=_index([*lexicon.prefixes, *lexicon.interfixes]),
        first_names=_index(lexicon.first_names),
        surnames=_index(lexicon.surnames),
        places=_index(lexicon.places),
    )
    patterns = tuple(([c(rules) for c in checks], skip, tags) for checks, skip, tags in _PATTERNS)
    context = tuple(
        (direction, pre, skip, [c(rules) for c in checks], tag)
        for direction, pre, skip, checks, tag in _CONTEXT
    )
    return dataclasses.replace(rules, patterns=patterns, context=context)


def tokenize(text: str, rules: _Rules) -> _Tokens:
    """deduce's tokens, with multi-word titles and interfixes ("de heer", "van der") as one."""
    raw = _split(text)
    raw_texts = [token for token, _, _ in raw]
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    while index < len(raw):
        size = _longest_match(rules.merge, raw_texts, index) or 1
        texts.append(text[raw[index][1] : raw[index + size - 1][2]])
        starts.append(raw[index][1])
        ends.append(raw[index + size - 1][2])
        index += size
    return _Tokens(tuple(texts), tuple(starts), tuple(ends))


def _longest_match(index: dict[str, tuple[tuple[str, ...], ...]], texts: list[str], at: int) -> int:
    for term in index.get(texts[at], ()):
        if tuple(texts[at : at + len(term)]) == term:
            return len(term)
    return 0


def person_spans(text: str, lexicon: NameLexicon) -> list[tuple[int, int]]:
    """Character spans of person names in ``text`` (before the gate's clean-up)."""
    rules = rules_for(lexicon)
    tokens = tokenize(text, rules)
    spans = _grow(tokens, rules, set(_seed_spans(tokens, rules)))
    kept = _drop_places(tokens, rules, _resolve_overlaps(spans))
    return _merge_adjacent(text, [(tokens.starts[s.first], tokens.ends[s.last]) for s in kept])


# --- Seeds: lookups and token patterns --------------------------------------------------------


def _seed_spans(tokens: _Tokens, rules: _Rules) -> Iterator[_Span]:
    texts = list(tokens.texts)
    for at in range(len(texts)):
        for lookup, tag in ((rules.first_names, "voornaam"), (rules.surnames, "achternaam")):
            size = _longest_match(lookup, texts, at)
            if size:
                yield _Span(at, at + size - 1, (tag,))
        for checks, skip, tags in rules.patterns:
            if checks[0](texts[at]):
                last = _match(tokens, at, checks, skip)
                if last is not None:
                    yield _Span(at, last, tags)


_CheckOf = Callable[[_Rules], Check]
_PATTERNS: tuple[tuple[tuple[_CheckOf, ...], str, tuple[str, ...]], ...] = (
    ((lambda r: r.prefix, lambda r: r.initial_or_initials), ".", ("prefix", "initiaal")),
    ((lambda r: r.prefix, lambda r: r.interfix, lambda r: like_name), ".", ("prefix", "naam")),
    ((lambda r: r.prefix, lambda r: r.name_word), ".", ("prefix", "naam")),
    ((lambda r: r.interfix, lambda r: r.interfix_surname), "", ("interfix", "achternaam")),
    ((lambda r: r.initial, lambda r: r.name_word), ".", ("initiaal", "naam")),
    ((lambda r: r.initial, lambda r: r.interfix, lambda r: like_name), ".", ("initiaal", "naam")),
)


def _step(tokens: _Tokens, at: int, direction: int, skip: str) -> int | None:
    """The next token index in ``direction``, passing over tokens in ``skip``."""
    at += direction
    while 0 <= at < len(tokens.texts) and tokens.texts[at] in skip:
        at += direction
    return at if 0 <= at < len(tokens.texts) else None


def _match(
    tokens: _Tokens, at: int | None, checks: list[Check], skip: str, direction: int = 1
) -> int | None:
    """Match ``checks`` token by token from ``at``; the index of the last matched token."""
    last = None
    for check in checks:
        if at is None or not check(tokens.texts[at]):
            return None
        last = at
        at = _step(tokens, at, direction, skip)
    return last


# --- Context: grow spans with neighbouring name parts (deduce's name_context) ----------------

_NAMES = frozenset({"naam", "voornaam", "achternaam"})
# (direction, tags the span must end or start with, skip, checks, tag added)
_CONTEXT: tuple[tuple[int, frozenset[str], str, tuple[_CheckOf, ...], str], ...] = (
    (1, _NAMES | {"initiaal"}, ".-", (lambda r: r.interfix, lambda r: like_name), "achternaam"),
    (-1, _NAMES | {"initiaal", "interfix"}, ".", (lambda r: r.initial,), "initiaal"),
    (-1, _NAMES, "-", (lambda r: r.name_word,), "naam"),
    (1, _NAMES | {"prefix", "initiaal", "interfix"}, "-", (lambda r: r.name_word,), "naam"),
    (-1, _NAMES | {"prefix", "initiaal", "interfix"}, ".", (lambda r: r.prefix,), "prefix"),
)


def _grow(tokens: _Tokens, rules: _Rules, spans: set[_Span]) -> set[_Span]:
    """Apply every context rule until no span changes (deduce's iterative context step)."""
    done: set[_Span] = set()
    todo = spans
    while todo:
        changed: set[_Span] = set()
        for span in todo:
            grown = _grow_once(tokens, rules, span)
            (done if grown == span else changed).add(grown)
        todo = changed - done
    return done


def _grow_once(tokens: _Tokens, rules: _Rules, span: _Span) -> _Span:
    for direction, pre_tags, skip, checks, tag in rules.context:
        edge_tag = span.tags[-1] if direction > 0 else span.tags[0]
        if edge_tag not in pre_tags:
            continue
        edge = span.last if direction > 0 else span.first
        start = _step(tokens, edge, direction, skip)
        end = _match(tokens, start, checks, skip, direction)
        if end is None:
            continue
        if direction > 0:
            span = _Span(span.first, end, (*span.tags, tag))
        else:
            span = _Span(end, span.last, (tag, *span.tags))
    return span


# --- Clean-up: overlaps, places, adjacent spans ------------------------------------------------


def _resolve_overlaps(spans: Iterable[_Span]) -> list[_Span]:
    """Keep the longest of overlapping spans (deduce's overlap resolver for names)."""
    ordered = sorted(spans, key=lambda s: (-(s.last - s.first), s.first))
    kept: list[_Span] = []
    for span in ordered:
        if all(span.last < other.first or span.first > other.last for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.first)


def _drop_places(tokens: _Tokens, rules: _Rules, spans: list[_Span]) -> list[_Span]:
    """A bare one-word lookup that is also (part of) a longer-or-equal place name is a place."""
    texts = list(tokens.texts)
    kept = []
    for span in spans:
        if len(span.tags) == 1 and span.tags[0] in _NAMES and _is_place(texts, span, rules):
            continue
        kept.append(span)
    return kept


def _is_place(texts: list[str], span: _Span, rules: _Rules) -> bool:
    for at in range(max(0, span.first - 3), span.first + 1):
        size = _longest_match(rules.places, texts, at)
        if size and at + size - 1 >= span.last:
            return True
    return False


def _merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _ADJACENT_SLACK.fullmatch(text, merged[-1][1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
