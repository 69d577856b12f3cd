"""What a content check reports: problems with a file and a line, and the exception around them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content.

    ``file`` is relative to the content root (``lessons/03-x.md``), ``line`` counts from 1 and is
    ``None`` when no single line is to blame.
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The content is invalid; ``problems`` says why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        shown = "\n".join(str(problem) for problem in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} content problem(s):\n{shown}{tail}")


@dataclass(frozen=True, slots=True)
class Minimums:
    """Size requirements of a course.

    ``modules`` is exact (modules are numbered 1..modules); the others are minimum counts.
    The real course uses :meth:`course`; test fixtures use smaller numbers.
    """

    modules: int = 25
    cases: int = 10
    laws: int = 25
    unit_costs: int = 40
    lesson_words: int = 600

    @classmethod
    def course(cls) -> Minimums:
        return cls()
