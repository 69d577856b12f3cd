"""The anonymisation gate over the texts we publish.

A hit of ``app.content.anonymise.scan`` that the file does not list as reviewed (a case's
``anonymisation.reviewed``, a lesson's ``anonymisation_reviewed``) is a problem.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.content.cases import Case
from app.content.problems import Problem
from app.content.sources import Sources
from app.content.yamlsource import KeyPath, format_path

logger = logging.getLogger(__name__)


class Hit(Protocol):
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scanner:
    scan: Callable[[str], Sequence[Hit]]
    unreviewed: Callable[[Sequence[Hit], Sequence[str]], Sequence[Hit]]


def load_scanner(names: bool) -> Scanner | None:
    """The scanner of ``app.content.anonymise``; ``None`` (with a logged warning) when missing.

    With ``names`` the gate finds names with deduce (the deep check; the compact lexicon when
    deduce is not installed).
    """
    try:
        module: Any = importlib.import_module("app.content.anonymise")
    except ImportError as error:
        logger.warning("anonymisation gate skipped: app.content.anonymise missing (%s)", error)
        return None

    def scan(text: str) -> Sequence[Hit]:
        hits: Sequence[Hit] = module.scan(text, names=names, deep=names)
        return hits

    def unreviewed(hits: Sequence[Hit], reviewed: Sequence[str]) -> Sequence[Hit]:
        left: Sequence[Hit] = module.unreviewed(hits, reviewed)
        return left

    return Scanner(scan, unreviewed)


def case_texts(case: Case) -> Iterator[tuple[KeyPath, str]]:
    """The published free texts of a case that the gate scans, with their key paths."""
    yield ("situation",), case.situation
    for index, member in enumerate(case.household):
        if member.name:
            yield ("household", index, "name"), member.name
        if member.note:
            yield ("household", index, "note"), member.note
    for index, problem in enumerate(case.problems):
        yield ("problems", index, "description"), problem.description
    for index, point in enumerate(case.teaching_points):
        yield ("teaching_points", index), point


def check_anonymisation(sources: Sources, names: bool = True) -> list[Problem]:
    scanner = load_scanner(names)
    if scanner is None:
        return []
    problems: list[Problem] = []
    for lesson in sources.lessons:
        reviewed = [item.text for item in lesson.front.anonymisation_reviewed]
        body, first = lesson.body, lesson.body_line
        for hit in scanner.unreviewed(scanner.scan(body), reviewed):
            line = first + body.count("\n", 0, hit.start)
            message = _message(hit, "the reading text", "anonymisation_reviewed")
            problems.append(Problem(lesson.file, line, message))
    for case in sources.cases:
        reviewed = [item.text for item in case.model.anonymisation.reviewed]
        for path, text in _raw_texts(case.raw, case_texts(case.model)):
            for hit in scanner.unreviewed(scanner.scan(text), reviewed):
                line = case.lines.line(path, hit.start, text)
                message = _message(hit, format_path(path), "anonymisation.reviewed")
                problems.append(Problem(case.file, line, message))
    return problems


def _raw_texts(raw: Any, texts: Iterable[tuple[KeyPath, str]]) -> Iterator[tuple[KeyPath, str]]:
    """Scan the text as written in the file (so offsets map onto lines), else the model's."""
    for path, text in texts:
        value = raw
        for key in path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                value = None
        yield path, value if isinstance(value, str) else text


def _message(hit: Hit, where: str, reviewed_key: str) -> str:
    return (
        f"anonymisation: possible {hit.kind} {hit.text!r} in {where}; remove it, or if it is "
        f"fictional list it under {reviewed_key}"
    )
