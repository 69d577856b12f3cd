"""The compact Dutch name lexicon: a few frozensets of first names, surnames and word lists.

The lists come from deduce's source lists (``name_lexicon_build.py`` regenerates the file), but
this module needs no deduce: it reads one text file of about 40,000 lines into frozensets in
tens of milliseconds and a few MiB, once per process. The web workers use it for the free-text
warning; ``content check`` uses it to clean up deduce's annotations.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "name_lexicon.txt"
SECTIONS = (
    "first_name",
    "surname",
    "interfix_surname",
    "interfix",
    "prefix",
    "initial",
    "whitelist",
    "place",
)


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Word lists for finding Dutch person names; matching is case-sensitive unless noted."""

    first_names: frozenset[str]  # "Sanne", "Anne-Marie", "Mohammed"
    surnames: frozenset[str]  # "Jansen", "El Haddad"
    interfix_surnames: frozenset[str]  # the part after "van der": "Berg"
    interfixes: frozenset[str]  # "van", "van der", "De"
    prefixes: frozenset[str]  # titles: "mevrouw", "dhr", "de heer"
    initials: frozenset[str]  # "A", "Chr", "Th"
    words: frozenset[str]  # lower case: common words, stop words, medical terms
    places: frozenset[str]  # Dutch places, provinces and regions


def parse_lexicon(text: str) -> NameLexicon:
    """Read the ``[section]`` / one-entry-per-line format written by the builder."""
    sections: dict[str, set[str]] = {name: set() for name in SECTIONS}
    current: set[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections[line[1:-1]]
        elif current is not None:
            current.add(line)
    return NameLexicon(
        first_names=frozenset(sections["first_name"]),
        surnames=frozenset(sections["surname"]),
        interfix_surnames=frozenset(sections["interfix_surname"]),
        interfixes=frozenset(sections["interfix"]),
        prefixes=frozenset(sections["prefix"]),
        initials=frozenset(sections["initial"]),
        words=frozenset(word.lower() for word in sections["whitelist"]),
        places=frozenset(sections["place"]),
    )


_lock = threading.Lock()
_cache: list[NameLexicon] = []


def name_lexicon() -> NameLexicon:
    """The process-wide lexicon, read from ``LEXICON_FILE`` on first use."""
    with _lock:
        if not _cache:
            _cache.append(parse_lexicon(LEXICON_FILE.read_text(encoding="utf-8")))
        return _cache[0]
