"""Every ``[[kind:id]]`` reference in the content must be well formed and resolve."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from app.content.known import KnownIds
from app.content.problems import Problem
from app.content.references import KINDS, find_references
from app.content.sources import LessonSource, Parsed, Sources
from app.content.yamlsource import KeyPath, LineMap

LineOf = Callable[[int], int]


def strings(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every string value in parsed YAML with its key path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))


def check_references(sources: Sources, known: KnownIds) -> list[Problem]:
    problems: list[Problem] = []
    for lesson in sources.lessons:
        problems += _check_yaml(lesson.file, lesson.raw, lesson.lines, known)
        problems += check_text(lesson.body, known, lesson.file, _body_line_of(lesson))
    parsed: list[Parsed[Any]] = [*sources.cases, *sources.scripts.values()]
    parsed += [library for library in (sources.laws, sources.prices) if library is not None]
    for item in parsed:
        problems += _check_yaml(item.file, item.raw, item.lines, known)
    return problems


def _body_line_of(lesson: LessonSource) -> LineOf:
    return lambda at: lesson.body_line + lesson.body.count("\n", 0, at)


def _check_yaml(file: str, raw: Any, lines: LineMap, known: KnownIds) -> list[Problem]:
    problems: list[Problem] = []
    for path, text in strings(raw):
        if "[[" in text:
            problems += check_text(text, known, file, _line_of(lines, path, text))
    return problems


def _line_of(lines: LineMap, path: KeyPath, text: str) -> LineOf:
    return lambda at: lines.line(path, at, text)


def check_text(text: str, known: KnownIds, file: str, line_of: LineOf) -> list[Problem]:
    """Problems with the references in one text; ``line_of`` maps an offset to a file line."""
    references, malformed = find_references(text)
    problems = [
        Problem(file, line_of(item.start), f"malformed reference {item.snippet!r}")
        for item in malformed
    ]
    for reference in references:
        line = line_of(reference.start)
        if reference.kind not in KINDS:
            kinds = ", ".join(KINDS)
            message = f"reference {reference.raw} has unknown kind (use {kinds})"
            problems.append(Problem(file, line, message))
        elif known.has(reference.kind, reference.target) is False:
            message = f"reference {reference.raw} does not resolve: no such {reference.kind}"
            problems.append(Problem(file, line, message))
    return problems
