"""Reading the content files from disk into validated models, each with its file and lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from pydantic import BaseModel

from app.content.cases import Case
from app.content.library import LawLibrary, PriceListFile
from app.content.models import LessonFrontMatter, VideoScript
from app.content.problems import Problem
from app.content.yamlsource import LineMap, parse_yaml, split_front_matter, validate

M = TypeVar("M", bound=BaseModel)

LESSON_NAME: Final = re.compile(r"^(?P<number>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
CASE_NAME: Final = re.compile(r"^(?P<id>c\d+)-[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$")
LAWS_FILE: Final = "cases/reference/laws.yaml"
PRICES_FILE: Final = "cases/reference/unit_costs.yaml"
CONTENT_DIRS: Final = ("lessons", "videos", "cases")
TEXT_SUFFIXES: Final = (".md", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[M]):
    """A validated model with the raw data and line map it came from."""

    file: str
    model: M
    raw: Any
    lines: LineMap


@dataclass(frozen=True, slots=True)
class LessonSource:
    file: str
    front: LessonFrontMatter
    raw: Any
    lines: LineMap
    body: str
    body_line: int  # file line of the first body line


@dataclass(slots=True)
class Sources:
    root: Path
    lessons: list[LessonSource] = field(default_factory=list)
    scripts: dict[str, Parsed[VideoScript]] = field(default_factory=dict)  # by video id
    cases: list[Parsed[Case]] = field(default_factory=list)
    laws: Parsed[LawLibrary] | None = None
    prices: Parsed[PriceListFile] | None = None
    problems: list[Problem] = field(default_factory=list)


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def content_files(root: Path) -> list[Path]:
    """Every text file of the course (Markdown and YAML), sorted."""
    files: list[Path] = []
    for folder in CONTENT_DIRS:
        base = root / folder
        if base.is_dir():
            files.extend(p for p in base.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())
    return sorted(files)


def read_sources(root: Path) -> Sources:
    sources = Sources(root)
    for folder in CONTENT_DIRS:
        if not (root / folder).is_dir():
            sources.problems.append(Problem(folder, None, "folder is missing"))
    _read_lessons(sources)
    _read_scripts(sources)
    _read_cases(sources)
    sources.laws = _read_model(sources, LAWS_FILE, LawLibrary)
    sources.prices = _read_model(sources, PRICES_FILE, PriceListFile)
    return sources


def _read_text(sources: Sources, file: str) -> str | None:
    path = sources.root / file
    if not path.is_file():
        sources.problems.append(Problem(file, None, "file is missing"))
        return None
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as error:
        sources.problems.append(Problem(file, None, f"cannot read the file: {error}"))
        return None


def _read_model(sources: Sources, file: str, model: type[M]) -> Parsed[M] | None:
    text = _read_text(sources, file)
    if text is None:
        return None
    result = parse_yaml(text, file)
    sources.problems.extend(result.problems)
    if result.data is None and result.problems:
        return None
    parsed, problems = validate(model, result.data, file, result.lines)
    sources.problems.extend(problems)
    return None if parsed is None else Parsed(file, parsed, result.data, result.lines)


def _read_lessons(sources: Sources) -> None:
    folder = sources.root / "lessons"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.md")):
        file = relative(sources.root, path)
        if not LESSON_NAME.match(path.name):
            sources.problems.append(Problem(file, None, "file name must be NN-slug.md"))
            continue
        lesson = _read_lesson(sources, file)
        if lesson is not None:
            sources.lessons.append(lesson)


def _read_lesson(sources: Sources, file: str) -> LessonSource | None:
    text = _read_text(sources, file)
    if text is None:
        return None
    front = split_front_matter(text)
    if front is None:
        message = "front matter missing: the file must start with '---' and close it with '---'"
        sources.problems.append(Problem(file, 1, message))
        return None
    result = parse_yaml(front.yaml_text, file, first_line=front.yaml_line)
    sources.problems.extend(result.problems)
    if result.data is None and result.problems:
        return None
    model, problems = validate(LessonFrontMatter, result.data, file, result.lines)
    sources.problems.extend(problems)
    if model is None:
        return None
    return LessonSource(file, model, result.data, result.lines, front.body, front.body_line)


def _read_scripts(sources: Sources) -> None:
    folder = sources.root / "videos"
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):
        script = path / "script.yaml"
        if not script.is_file():
            continue  # a module without its script is reported by the module checks
        parsed = _read_model(sources, relative(sources.root, script), VideoScript)
        if parsed is not None:
            sources.scripts[path.name] = parsed


def _read_cases(sources: Sources) -> None:
    folder = sources.root / "cases"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.y*ml")):
        file = relative(sources.root, path)
        if not CASE_NAME.match(path.name):
            sources.problems.append(Problem(file, None, "file name must be cN-slug.yaml"))
            continue
        parsed = _read_model(sources, file, Case)
        if parsed is not None:
            sources.cases.append(parsed)
