"""The module completion rule (pure): one function decides whether a module is complete and
what is still missing, in Dutch, for the trainee.

A module is complete when its video is watched (coverage at or above its threshold), every
required exercise is passed (best attempt counts) and, where the module asks for it, the plan is
approved. It is "in progress" as soon as anything was started.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
STATUS_LABELS = {NOT_STARTED: "niet begonnen", IN_PROGRESS: "bezig", COMPLETED: "afgerond"}


@dataclass(frozen=True)
class ExerciseState:
    id: str
    label: str  # "vraag 2", "oefening knelpunt (casus c4)"
    attempted: bool
    passed: bool


@dataclass(frozen=True)
class CompletionInput:
    has_video: bool
    video_progress: float  # 0..1
    video_threshold: float
    video_missing: str  # "02:10–03:40" (empty when nothing is missing)
    exercises: tuple[ExerciseState, ...]
    plan_required: bool = False
    plan_status: str = ""  # ""|draft|submitted|returned|approved


@dataclass(frozen=True)
class CompletionResult:
    status: str
    missing: tuple[str, ...]
    exercises_passed: int
    exercises_required: int

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


PLAN_MISSING = {
    "": "doorbraakplan indienen",
    "draft": "doorbraakplan indienen",
    "submitted": "goedkeuring van je doorbraakplan door de trainer",
    "returned": "doorbraakplan verbeteren en opnieuw indienen",
}


def decide(data: CompletionInput) -> CompletionResult:
    missing: list[str] = []
    if data.has_video and data.video_progress < data.video_threshold:
        missing.append(
            f"video bekijken ({data.video_missing})" if data.video_missing else "video bekijken"
        )
    missing += [exercise.label for exercise in data.exercises if not exercise.passed]
    if data.plan_required and data.plan_status != "approved":
        missing.append(PLAN_MISSING.get(data.plan_status, "doorbraakplan"))
    passed = sum(1 for exercise in data.exercises if exercise.passed)
    started = (
        data.video_progress > 0
        or any(exercise.attempted for exercise in data.exercises)
        or data.plan_status not in ("",)
    )
    if not missing:
        status = COMPLETED
    elif started:
        status = IN_PROGRESS
    else:
        status = NOT_STARTED
    return CompletionResult(status, tuple(missing), passed, len(data.exercises))
