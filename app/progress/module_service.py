"""Refresh the stored module progress of one trainee after anything that feeds the rule changed.

``refresh_progress`` is the one entry point: callers say what changed (``Changed``) and every
module that input feeds is recomputed. The exercise side comes in as ``ExerciseFacts``
(``app.exercises.queries`` satisfies it): the exercises domain calls this module after a
submission, so progress must not import exercises back (tests/test_architecture.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlmodel import Session, select

from app.content import Catalog
from app.content.kinds import LABELS, case_exercise_id
from app.content.models import Module
from app.db import utcnow
from app.progress import intervals
from app.progress.completion import (
    COMPLETED,
    NOT_STARTED,
    CompletionInput,
    CompletionResult,
    ExerciseState,
    decide,
)
from app.progress.models import ModuleProgress
from app.progress.queries import video_progress


class PlanRow(Protocol):
    @property
    def case_id(self) -> str: ...
    @property
    def status(self) -> str: ...


class ExerciseFacts(Protocol):
    """What module completion reads from the exercises domain."""

    def attempt_states(
        self, session: Session, user_id: int, exercise_ids: Iterable[str]
    ) -> dict[str, tuple[bool, bool]]: ...

    def plans_of_user(self, session: Session, user_id: int) -> Sequence[PlanRow]: ...

    def draft_ids(
        self, session: Session, user_id: int, exercise_ids: Iterable[str]
    ) -> set[str]: ...


@dataclass(frozen=True)
class Changed:
    """What changed for one trainee; every module this feeds gets its stored row recomputed."""

    exercise_ids: tuple[str, ...] = ()
    plan_case_ids: tuple[str, ...] = ()
    video_ids: tuple[str, ...] = ()


def required_exercises(module: Module) -> list[tuple[str, str]]:
    """(exercise id, Dutch label) of every exercise the module requires, in order."""
    required = [(q.id, f"vraag {i}") for i, q in enumerate(module.exercises, start=1)]
    required += [
        (
            case_exercise_id(ce.case, ce.kind),
            f"oefening {LABELS[ce.kind]} (casus {ce.case.upper()})",
        )
        for ce in module.case_exercises
        if ce.kind != "plan"
    ]
    return required


def has_rendered_video(media_dir: Path, video_id: str) -> bool:
    return (media_dir / video_id / "manifest.json").exists()


PLAN_ORDER = ("", "draft", "returned", "submitted", "approved")


def plan_cases(module: Module) -> list[str]:
    """The cases whose doorbraakplan this module asks for."""
    return [ce.case for ce in module.case_exercises if ce.kind == "plan"]


def plan_status(facts: ExerciseFacts, session: Session, user_id: int, module: Module) -> str:
    """Status of the trainee's doorbraakplan for this module ('' when none).

    The plan of a case the module names; a module that asks for approval without naming a case
    takes the trainee's furthest plan. A draft that was never submitted counts as "draft"."""
    cases = plan_cases(module)
    if not cases and not module.completion.requires_plan_approval:
        return ""
    plans = [
        plan for plan in facts.plans_of_user(session, user_id) if not cases or plan.case_id in cases
    ]
    statuses = [plan.status for plan in plans]
    drafts = (
        facts.draft_ids(session, user_id, [case_exercise_id(case, "plan") for case in cases])
        if cases
        else set()
    )
    if drafts and not statuses:
        statuses.append("draft")
    known = [status for status in statuses if status in PLAN_ORDER]
    return max(known, key=PLAN_ORDER.index, default="")


def modules_using_plan(catalog: Catalog, case_id: str) -> list[int]:
    """Modules whose stored progress shows the plan of this case."""
    return [
        m.number
        for m in catalog.modules
        if case_id in plan_cases(m) or (m.completion.requires_plan_approval and not plan_cases(m))
    ]


def completion_input(
    facts: ExerciseFacts, session: Session, media_dir: Path, user_id: int, module: Module
) -> CompletionInput:
    required = required_exercises(module)
    # (attempted, passed) per exercise; best or last attempt counts, as the kind says
    states = facts.attempt_states(session, user_id, [exercise_id for exercise_id, _ in required])
    video = video_progress(session, user_id, module.video)
    progress = video.progress if video else 0.0
    missing = ""
    if video and video.duration:
        missing = intervals.describe_gaps(
            [(a, b) for a, b in video.played_segments], video.duration
        )
    return CompletionInput(
        has_video=has_rendered_video(media_dir, module.video),
        video_progress=progress,
        video_threshold=module.completion.video_threshold,
        video_missing=missing,
        exercises=tuple(
            ExerciseState(exercise_id, label, *states.get(exercise_id, (False, False)))
            for exercise_id, label in required
        ),
        plan_required=module.completion.requires_plan_approval,
        plan_status=plan_status(facts, session, user_id, module),
    )


def refresh_progress(
    facts: ExerciseFacts,
    session: Session,
    catalog: Catalog,
    media_dir: Path,
    user_id: int,
    changed: Changed,
) -> dict[int, CompletionResult]:
    """Recompute the stored progress of every module ``changed`` feeds, by module number."""
    return {
        number: _refresh_module(facts, session, media_dir, user_id, catalog.module(number))
        for number in affected_modules(catalog, changed)
    }


def affected_modules(catalog: Catalog, changed: Changed) -> list[int]:
    numbers = {n for e in changed.exercise_ids for n in modules_using_exercise(catalog, e)}
    numbers.update(n for c in changed.plan_case_ids for n in modules_using_plan(catalog, c))
    numbers.update(n for v in changed.video_ids for n in modules_using_video(catalog, v))
    return sorted(numbers)


def _stored(row: ModuleProgress) -> tuple[object, ...]:
    return (
        row.status,
        row.video_progress,
        row.exercises_passed,
        row.exercises_required,
        row.plan_status,
        list(row.missing),
    )


def _refresh_module(
    facts: ExerciseFacts, session: Session, media_dir: Path, user_id: int, module: Module
) -> CompletionResult:
    module_number = module.number
    data = completion_input(facts, session, media_dir, user_id, module)
    result = decide(data)
    row = session.exec(
        select(ModuleProgress).where(
            ModuleProgress.user_id == user_id, ModuleProgress.module_number == module_number
        )
    ).first()
    if row is None:
        if result.status == NOT_STARTED:
            return result
        row = ModuleProgress(user_id=user_id, module_number=module_number)
        session.add(row)
    stored = (
        result.status,
        round(data.video_progress, 4),
        result.exercises_passed,
        result.exercises_required,
        data.plan_status,
        list(result.missing),
    )
    if row.id is not None and stored == _stored(row):
        return result  # nothing changed: no write (and the grid's cache stays valid)
    now = utcnow()
    (
        row.status,
        row.video_progress,
        row.exercises_passed,
        row.exercises_required,
        row.plan_status,
        row.missing,
    ) = stored
    row.started_at = row.started_at or now
    row.completed_at = (row.completed_at or now) if result.status == COMPLETED else None
    row.updated_at = now
    session.flush()
    return result


def modules_using_exercise(catalog: Catalog, exercise_id: str) -> list[int]:
    """Modules whose completion depends on this exercise id (knowledge check or case exercise)."""
    return [
        m.number
        for m in catalog.modules
        if any(exercise_id == eid for eid, _ in required_exercises(m))
    ]


def modules_using_video(catalog: Catalog, video_id: str) -> list[int]:
    return [m.number for m in catalog.modules if m.video == video_id]
