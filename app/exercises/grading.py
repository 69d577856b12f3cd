"""Grading of exercises: pure functions over content objects and answers (no web, no database).

Knowledge check: single choice is right or wrong; multiple choice scores (right picks - wrong
picks) / number of right options, never below 0, and passes only when the picks are exactly right.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol


class OptionLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def explanation(self) -> str: ...


class QuestionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def multiple(self) -> bool: ...
    @property
    def options(self) -> Sequence[OptionLike]: ...


@dataclass(frozen=True)
class OptionFeedback:
    index: int
    text: str
    chosen: bool
    correct: bool
    explanation: str

    @property
    def verdict(self) -> str:
        """Dutch word for what happened with this option."""
        if self.chosen and self.correct:
            return "goed gekozen"
        if self.chosen:
            return "niet juist"
        return "gemist" if self.correct else ""


@dataclass(frozen=True)
class Grade:
    exercise_id: str
    score: float  # 0.0 .. 1.0
    passed: bool
    options: tuple[OptionFeedback, ...]


class AnswerError(ValueError):
    """The answer does not fit the question (no choice, an unknown option, several for single)."""


def grade_knowledge_check(question: QuestionLike, chosen: Collection[int]) -> Grade:
    picks = set(chosen)
    if not picks:
        raise AnswerError("Kies een antwoord.")
    if any(index < 0 or index >= len(question.options) for index in picks):
        raise AnswerError("Dit antwoord hoort niet bij de vraag.")
    if not question.multiple and len(picks) > 1:
        raise AnswerError("Kies één antwoord.")
    right = {i for i, option in enumerate(question.options) if option.correct}
    if question.multiple:
        score = max(0.0, (len(picks & right) - len(picks - right)) / len(right))
    else:
        score = 1.0 if picks == right else 0.0
    feedback = tuple(
        OptionFeedback(i, option.text, i in picks, option.correct, option.explanation)
        for i, option in enumerate(question.options)
    )
    return Grade(question.id, round(score, 4), picks == right, feedback)
