"""``[[kind:id|label]]`` references inside Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

KINDS: Final[tuple[str, ...]] = ("art", "wet", "casus", "kengetal", "module")

# kind and id without spaces or brackets; an optional label after a bar.
REFERENCE: Final = re.compile(
    r"\[\[(?P<kind>[a-z]+):(?P<target>[^\s\[\]|]+)(?:\|(?P<label>[^\[\]|]+))?\]\]"
)
OPENER: Final = re.compile(r"\[\[")


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str
    target: str
    label: str | None
    start: int
    end: int

    @property
    def raw(self) -> str:
        label = f"|{self.label}" if self.label else ""
        return f"[[{self.kind}:{self.target}{label}]]"


@dataclass(frozen=True, slots=True)
class Malformed:
    start: int
    snippet: str


def match_reference(match: re.Match[str]) -> Reference:
    label = match.group("label")
    label = label.strip() if label else None
    return Reference(match["kind"], match["target"], label or None, match.start(), match.end())


def find_references(text: str) -> tuple[list[Reference], list[Malformed]]:
    """All references in ``text`` and every ``[[`` that does not start a valid one."""
    references = [match_reference(match) for match in REFERENCE.finditer(text)]
    covered = {reference.start for reference in references}
    inside = [(reference.start, reference.end) for reference in references]
    malformed = [
        Malformed(opener.start(), _snippet(text, opener.start()))
        for opener in OPENER.finditer(text)
        if opener.start() not in covered
        and not any(start < opener.start() < end for start, end in inside)
    ]
    return references, malformed


def _snippet(text: str, start: int) -> str:
    """The text from ``start`` up to the closing ``]]`` (or the first 40 characters)."""
    end = text.find("]]", start)
    if 0 <= end - start <= 60:
        return text[start : end + 2]
    return text[start : start + 40].split("\n")[0]
