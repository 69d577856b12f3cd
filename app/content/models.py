"""Lessons (modules) and video scripts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from app.content.vocab import BLOCK_TITLES, FROZEN, Block, Slug, Text

ExerciseId = Annotated[str, Field(pattern=r"^m\d{2}-q\d+$")]
CaseId = Annotated[str, Field(pattern=r"^c\d+$")]


class ReviewedHit(BaseModel):
    """An exact hit of the anonymisation gate that a person reviewed as fictional."""

    model_config = FROZEN

    text: Text
    reason: Text


class Option(BaseModel):
    model_config = FROZEN

    text: Text
    correct: bool
    explanation: Text


class Exercise(BaseModel):
    """A knowledge-check question."""

    model_config = FROZEN

    id: ExerciseId
    type: Literal["knowledge_check"] = "knowledge_check"
    question: Text
    multiple: bool = False
    options: tuple[Option, ...] = Field(min_length=2, max_length=8)
    # Attempts allowed before the correct answer is shown (app/exercises/attempt_policy.py).
    attempts: int = Field(default=2, ge=1, le=10)

    @model_validator(mode="after")
    def _check_correct_options(self) -> Exercise:
        correct = sum(option.correct for option in self.options)
        if self.multiple and correct < 1:
            raise ValueError("a multiple-answer question needs at least one correct option")
        if not self.multiple and correct != 1:
            raise ValueError(
                f"a single-answer question needs exactly 1 correct option, not {correct}"
            )
        return self


class CaseExercise(BaseModel):
    model_config = FROZEN

    case: CaseId
    kind: Literal["bottleneck", "legal_basis", "kassabon", "value_triangle", "plan"]


class Completion(BaseModel):
    """When a module counts as completed."""

    model_config = FROZEN

    video_threshold: float = Field(default=0.9, ge=0.0, le=1.0)
    requires_plan_approval: bool = False


class LessonFrontMatter(BaseModel):
    """The front matter of ``lessons/NN-slug.md``."""

    model_config = FROZEN

    number: int = Field(ge=1, le=99)
    slug: Slug
    title: Text
    block: Block
    minutes: int = Field(ge=1, le=600)
    video: Text
    learning_goals: tuple[Text, ...] = Field(min_length=1)
    cases: tuple[CaseId, ...] = ()
    exercises: tuple[Exercise, ...] = Field(min_length=3, max_length=6)
    case_exercises: tuple[CaseExercise, ...] = ()
    completion: Completion = Completion()
    anonymisation_reviewed: tuple[ReviewedHit, ...] = ()


class Module(LessonFrontMatter):
    """One of the course modules: front matter plus the Markdown reading text."""

    body: str
    word_count: int

    @property
    def block_title(self) -> str:
        return BLOCK_TITLES[self.block]


class Scene(BaseModel):
    """One slide of a video with its narration."""

    model_config = FROZEN

    title: Text
    bullets: tuple[Text, ...] = Field(default=(), max_length=5)
    diagram: tuple[Text, ...] = ()
    narration: Text

    @model_validator(mode="after")
    def _bullets_or_diagram(self) -> Scene:
        if self.bullets and self.diagram:
            raise ValueError("a scene has bullets or a diagram, not both")
        return self


class VideoScript(BaseModel):
    """``videos/NN-slug/script.yaml``."""

    model_config = FROZEN

    module: int = Field(ge=1, le=99)
    title: Text
    scenes: tuple[Scene, ...] = Field(min_length=6, max_length=12)

    @property
    def narration_words(self) -> int:
        return sum(len(scene.narration.split()) for scene in self.scenes)
