"""Refresh the stored module progress of one trainee after anything that feeds the rule changed."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from app.content import Catalog
from app.content.models import Module
from app.db import utcnow
from app.exercises import queries as exercise_queries
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

CASE_KIND_LABELS = {
    "bottleneck": "knelpunt",
    "legal_basis": "wettelijke grondslag",
    "kassabon": "kassabon",
    "value_triangle": "waardendriehoek",
    "plan": "doorbraakplan",
}


def case_exercise_id(case_id: str, kind: str) -> str:
    """One id per case x kind: passing it once counts in every module that asks for it."""
    return f"{case_id}-{kind}"


def required_exercises(module: Module) -> list[tuple[str, str]]:
    """(exercise id, Dutch label) of every exercise the module requires, in order."""
    required = [(q.id, f"vraag {i}") for i, q in enumerate(module.exercises, start=1)]
    required += [
        (
            case_exercise_id(ce.case, ce.kind),
            f"oefening {CASE_KIND_LABELS[ce.kind]} (casus {ce.case.upper()})",
        )
        for ce in module.case_exercises
        if ce.kind != "plan"
    ]
    return required


def has_rendered_video(media_dir: Path, video_id: str) -> bool:
    return (media_dir / video_id / "manifest.json").exists()


def _attempt_states(session: Session, user_id: int, ids: list[str]) -> dict[str, tuple[bool, bool]]:
    """(attempted, passed) per exercise; best or last attempt counts, as the kind says."""
    return exercise_queries.attempt_states(session, user_id, ids)


PLAN_ORDER = ("", "draft", "returned", "submitted", "approved")


def plan_cases(module: Module) -> list[str]:
    """The cases whose doorbraakplan this module asks for."""
    return [ce.case for ce in module.case_exercises if ce.kind == "plan"]


def plan_status(session: Session, user_id: int, module: Module) -> str:
    """Status of the trainee's doorbraakplan for this module ('' when none).

    The plan of a case the module names; a module that asks for approval without naming a case
    takes the trainee's furthest plan. A draft that was never submitted counts as "draft"."""
    cases = plan_cases(module)
    if not cases and not module.completion.requires_plan_approval:
        return ""
    plans = [
        plan
        for plan in exercise_queries.plans_of_user(session, user_id)
        if not cases or plan.case_id in cases
    ]
    statuses = [plan.status for plan in plans]
    drafts = (
        exercise_queries.draft_ids(
            session, user_id, [case_exercise_id(case, "plan") for case in cases]
        )
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
    session: Session, catalog: Catalog, media_dir: Path, user_id: int, module: Module
) -> CompletionInput:
    required = required_exercises(module)
    states = _attempt_states(session, user_id, [exercise_id for exercise_id, _ in required])
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
        plan_status=plan_status(session, user_id, module),
    )


def refresh_module_progress(
    session: Session, catalog: Catalog, media_dir: Path, user_id: int, module_number: int
) -> CompletionResult:
    module = catalog.module(module_number)
    data = completion_input(session, catalog, media_dir, user_id, module)
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
    now = utcnow()
    row.status = result.status
    row.video_progress = round(data.video_progress, 4)
    row.exercises_passed = result.exercises_passed
    row.exercises_required = result.exercises_required
    row.plan_status = data.plan_status
    row.missing = list(result.missing)
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
