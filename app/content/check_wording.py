"""What a learner reads: no doubt markers, no talk about ourselves, graded law verified.

A trainer must be able to read every lesson, script, case and exercise aloud to a cohort. So
learner-facing text never carries a doubt marker such as "(niet geverifieerd)" or
"artikelnummer te controleren", and never refers to where the course came from ("onze
briefing", "in ons onderzoek"): claims are attributed to their public source. Whether an article
was checked, against what and when, lives in the law library for staff ("Bron en controle").

Articles a learner is graded on (the legal-basis key of a case, the articles a breakthrough
names, references in case texts and in knowledge-check questions) must be ``verified``; reading
text and video narration may refer to an article whose gist is confirmed (``partly``), never to
an ``unverified`` one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from app.content.check_references import strings
from app.content.library import LawLibrary
from app.content.problems import Problem
from app.content.references import find_references
from app.content.sources import LessonSource, Parsed, Sources
from app.content.yamlsource import KeyPath, LineMap

DOUBT_MARKERS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("a doubt marker", re.compile(r"\b(?:niet|deels)\s+(?:geverifieerd|bevestigd)", re.I)),
    ("a doubt marker", re.compile(r"\bonbevestigd", re.I)),
    ("a doubt marker", re.compile(r"\b(?:nog\s+)?te\s+controleren\b", re.I)),
)
SELF_REFERENCES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("a reference to our own briefing", re.compile(r"\bbriefing\b", re.I)),
    (
        "a reference to our own research",
        re.compile(
            r"\b(?:ons|onze)\s+(?:eigen\s+)?(?:bronnen)?onderzoek\b"
            r"|\bonze\s+(?:eigen\s+)?(?:bronnen|research|stukken)\b"
            r"|\bbronnenonderzoek\b|\bresearch\b|\bdie\s+wij\s+konden\b",
            re.I,
        ),
    ),
    (
        "a remark about what we could not find",
        re.compile(
            r"\bhebben\s+(?:we|wij)\b[^.]{0,60}?\b(?:niet|geen)\b[^.]{0,40}?"
            r"\b(?:gevonden|gezien|vaststellen|nagaan|nagelezen|vinden|bedragen|tarief)\b"
            r"|\b(?:we|wij)\s+(?:weten|hebben|konden)\s+(?:het\s+)?niet\b",
            re.I,
        ),
    ),
)
WORDING_RULES: Final = DOUBT_MARKERS + SELF_REFERENCES
# Law library fields a learner reads; status, source, checked_on and check_note are for staff.
LAW_FIELDS: Final = frozenset({"name", "abbreviation", "summary"})
ARTICLE_FIELDS: Final = frozenset({"number", "title", "paraphrase", "maatwerk"})

LineOf = Callable[[int], int]


@dataclass(frozen=True, slots=True)
class LearnerText:
    """One piece of learner-facing text; ``graded`` when a learner is graded on it."""

    file: str
    text: str
    line_of: LineOf
    graded: bool


def check_wording(sources: Sources) -> list[Problem]:
    """Doubt markers and self-references in learner-facing text."""
    problems = []
    for item in learner_texts(sources):
        for what, pattern in WORDING_RULES:
            for match in pattern.finditer(item.text):
                message = f"learner-facing text has {what}: {match.group(0)!r}"
                problems.append(Problem(item.file, item.line_of(match.start()), message))
    return problems


def check_graded_articles(sources: Sources) -> list[Problem]:
    """Graded exercises and case texts use verified articles; reading text no unverified one."""
    if sources.laws is None:
        return []
    status = _statuses(sources.laws.model)
    problems = _case_keys(sources, status)
    for item in learner_texts(sources):
        references, _ = find_references(item.text)
        for reference in references:
            found = status.get(reference.target)
            if reference.kind != "art" or found is None or found == "verified":
                continue
            if item.graded or found == "unverified":
                where = "a graded exercise or case text" if item.graded else "learner-facing text"
                message = f"{where} uses article {reference.target!r}, which is {found}"
                problems.append(Problem(item.file, item.line_of(reference.start), message))
    return problems


def learner_texts(sources: Sources) -> Iterator[LearnerText]:
    """Every learner-facing text of the course with a way to find its line."""
    for lesson in sources.lessons:
        yield from _lesson_texts(lesson)
    for script in sources.scripts.values():
        yield from _yaml_texts(script, graded=lambda path: False)
    for case in sources.cases:
        yield from _yaml_texts(case, graded=lambda path: True, skip=("anonymisation",))
    if sources.laws is not None:
        yield from _library_texts(sources.laws)


def _lesson_texts(lesson: LessonSource) -> Iterator[LearnerText]:
    for path, text in strings(lesson.raw):
        if path and path[0] == "anonymisation_reviewed":
            continue
        graded = bool(path) and path[0] == "exercises"
        yield LearnerText(lesson.file, text, _yaml_line(lesson.lines, path, text), graded)

    def body_line(at: int) -> int:
        return lesson.body_line + lesson.body.count("\n", 0, at)

    yield LearnerText(lesson.file, lesson.body, body_line, graded=False)


def _yaml_texts(
    parsed: Parsed[Any], graded: Callable[[KeyPath], bool], skip: tuple[str, ...] = ()
) -> Iterator[LearnerText]:
    for path, text in strings(parsed.raw):
        if path and path[0] in skip:
            continue
        yield LearnerText(parsed.file, text, _yaml_line(parsed.lines, path, text), graded(path))


def _library_texts(laws: Parsed[LawLibrary]) -> Iterator[LearnerText]:
    for path, text in strings(laws.raw):
        field = path[-1] if path else None
        in_article = len(path) >= 4 and path[2] == "articles"
        if field in (ARTICLE_FIELDS if in_article else LAW_FIELDS):
            yield LearnerText(laws.file, text, _yaml_line(laws.lines, path, text), graded=False)


def _yaml_line(lines: LineMap, path: KeyPath, text: str) -> LineOf:
    return lambda at: lines.line(path, at, text)


def _statuses(library: LawLibrary) -> dict[str, str]:
    return {article.id: article.status for law in library.laws for article in law.articles}


def _case_keys(sources: Sources, status: dict[str, str]) -> list[Problem]:
    """The legal-basis key and the breakthroughs' articles of every case."""
    problems = []
    for case in sources.cases:
        named: list[tuple[KeyPath, str]] = [
            (("legal_basis", index, "article"), item.article)
            for index, item in enumerate(case.model.legal_basis)
        ]
        for b_index, option in enumerate(case.model.scenarios.breakthroughs):
            base: KeyPath = ("scenarios", "breakthroughs", b_index, "articles")
            named += [((*base, index), article) for index, article in enumerate(option.articles)]
        for path, article in named:
            found = status.get(article)
            if found is not None and found != "verified":
                message = (
                    f"the graded exercise of {case.model.id} uses article {article!r}, "
                    f"which is {found}"
                )
                problems.append(Problem(case.file, case.lines.line(path), message))
    return problems
