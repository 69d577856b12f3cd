"""Checks on the modules: numbering, file names, videos, exercises."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from app.content.known import KnownIds
from app.content.problems import Minimums, Problem
from app.content.references import REFERENCE
from app.content.sources import LESSON_NAME, LessonSource, Sources

WORD: Final = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(markdown: str) -> int:
    """Words of reading text; a reference counts as its label (or as one word)."""
    text = REFERENCE.sub(lambda match: match["label"] or "verwijzing", markdown)
    return len(WORD.findall(text))


def check_modules(sources: Sources, known: KnownIds, minimums: Minimums) -> list[Problem]:
    problems = [problem for lesson in sources.lessons for problem in _check_lesson(lesson)]
    problems += _check_numbering(sources, known, minimums)
    problems += _check_videos(sources)
    problems += _check_exercise_ids(sources)
    problems += _check_words(sources, minimums)
    return problems


def _check_lesson(lesson: LessonSource) -> Iterator[Problem]:
    name = LESSON_NAME.match(lesson.file.rsplit("/", 1)[-1])
    front = lesson.front
    if name is None:
        return
    if int(name["number"]) != front.number:
        message = f"number {front.number} does not match the file name (NN = {name['number']})"
        yield Problem(lesson.file, lesson.lines.line(("number",)), message)
    if name["slug"] != front.slug:
        message = f"slug {front.slug!r} does not match the file name ({name['slug']!r})"
        yield Problem(lesson.file, lesson.lines.line(("slug",)), message)
    for index, exercise in enumerate(front.exercises):
        if not exercise.id.startswith(f"m{front.number:02d}-"):
            message = f"exercise id {exercise.id!r} must start with m{front.number:02d}-"
            yield Problem(lesson.file, lesson.lines.line(("exercises", index, "id")), message)


def _check_numbering(sources: Sources, known: KnownIds, minimums: Minimums) -> list[Problem]:
    """Numbers 1..N, each once; a lesson that failed validation counts by its file name."""
    problems = []
    numbers = Counter(lesson.front.number for lesson in sources.lessons)
    for lesson in sources.lessons:
        number = lesson.front.number
        line = lesson.lines.line(("number",))
        if numbers[number] > 1:
            problems.append(Problem(lesson.file, line, f"module number {number} is used twice"))
        if number > minimums.modules:
            message = f"module number {number} is outside 1..{minimums.modules}"
            problems.append(Problem(lesson.file, line, message))
    missing = [n for n in range(1, minimums.modules + 1) if n not in known.modules]
    if missing:
        listed = ", ".join(str(n) for n in missing)
        message = f"the course needs exactly {minimums.modules} modules; missing: {listed}"
        problems.append(Problem("lessons", None, message))
    return problems


def _check_videos(sources: Sources) -> list[Problem]:
    problems = []
    for lesson in sources.lessons:
        front = lesson.front
        line = lesson.lines.line(("video",))
        expected = lesson.file.rsplit("/", 1)[-1].removesuffix(".md")
        if front.video != expected:
            message = f"video {front.video!r} should be the folder videos/{expected}"
            problems.append(Problem(lesson.file, line, message))
        folder = sources.root / "videos" / front.video
        if not folder.is_dir():
            message = f"video folder videos/{front.video} does not exist"
            problems.append(Problem(lesson.file, line, message))
        elif not (folder / "script.yaml").is_file():
            message = f"videos/{front.video}/script.yaml does not exist"
            problems.append(Problem(lesson.file, line, message))
        elif front.video in sources.scripts:
            problems += _check_script_module(sources, front.video, front.number)
    return problems


def _check_script_module(sources: Sources, video: str, number: int) -> list[Problem]:
    script = sources.scripts[video]
    if script.model.module == number:
        return []
    message = f"module {script.model.module} does not match the lesson's number {number}"
    return [Problem(script.file, script.lines.line(("module",)), message)]


def _check_exercise_ids(sources: Sources) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for lesson in sources.lessons:
        for index, exercise in enumerate(lesson.front.exercises):
            line = lesson.lines.line(("exercises", index, "id"))
            if exercise.id in seen:
                message = f"exercise id {exercise.id!r} is also used in {seen[exercise.id]}"
                problems.append(Problem(lesson.file, line, message))
            seen.setdefault(exercise.id, lesson.file)
    return problems


def _check_words(sources: Sources, minimums: Minimums) -> list[Problem]:
    problems = []
    for lesson in sources.lessons:
        words = count_words(lesson.body)
        if words < minimums.lesson_words:
            message = f"reading text has {words} words; at least {minimums.lesson_words} needed"
            problems.append(Problem(lesson.file, lesson.body_line, message))
    return problems
