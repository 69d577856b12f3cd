"""State changes of the exercises domain: attempts, drafts, plan submissions and reviews.

Flush, never commit; submissions and reviews are audited."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.audit.service import record
from app.db import utcnow
from app.errors import InvalidInput
from app.exercises.grading import Scored
from app.exercises.models import (
    Attempt,
    BreakthroughPlan,
    BreakthroughPlanVersion,
    ExerciseDraft,
    Review,
)
from app.exercises.queries import draft_for, plan_for

DraftData = dict[str, object]


def record_attempt(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    kind: str,
    grade: Scored,
    answers: dict[str, object],
    module_number: int | None = None,
    case_id: str | None = None,
) -> Attempt:
    attempt = Attempt(
        user_id=user_id,
        exercise_id=exercise_id,
        kind=kind,
        module_number=module_number,
        case_id=case_id,
        answers=answers,
        score=grade.score,
        passed=grade.passed,
    )
    session.add(attempt)
    session.flush()
    return attempt


def save_draft(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    data: DraftData,
    baseline: Mapping[str, object] | None = None,
) -> ExerciseDraft | None:
    """Keep what the trainee typed. Equal to what was last submitted: no draft is needed."""
    existing = draft_for(session, user_id, exercise_id)
    if baseline is not None and _same(data, baseline):
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    if existing is not None:
        existing.data, existing.updated_at = data, utcnow()
        session.add(existing)
        session.flush()
        return existing
    draft = ExerciseDraft(user_id=user_id, exercise_id=exercise_id, data=data)
    try:
        with session.begin_nested():
            session.add(draft)
    except IntegrityError:  # a parallel save created it first
        found = draft_for(session, user_id, exercise_id)
        assert found is not None
        found.data, found.updated_at = data, utcnow()
        session.add(found)
        session.flush()
        return found
    return draft


def _same(data: Mapping[str, object], baseline: Mapping[str, object]) -> bool:
    keys = set(data) | set(baseline)
    return all(_norm(data.get(k)) == _norm(baseline.get(k)) for k in keys)


def _norm(value: object) -> object:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return str(value).strip()


def discard_draft(session: Session, user_id: int, exercise_id: str) -> None:
    draft = draft_for(session, user_id, exercise_id)
    if draft is not None:
        session.delete(draft)
        session.flush()


def submit_plan(
    session: Session,
    *,
    user_id: int,
    case_id: str,
    fields: dict[str, str],
    calculation_id: int,
    kassabon: dict[str, object],
    warning: str,
) -> BreakthroughPlanVersion:
    """A new version of the trainee's plan for this case, waiting for a trainer's review."""
    plan = plan_for(session, user_id, case_id)
    if plan is not None and plan.status == "submitted":
        raise InvalidInput("Je plan wacht al op beoordeling; je kunt het daarna opnieuw indienen.")
    if plan is not None and plan.status == "approved":
        raise InvalidInput("Je plan is al goedgekeurd.")
    now = utcnow()
    if plan is None:
        plan = BreakthroughPlan(user_id=user_id, case_id=case_id, versions=0)
        try:
            with session.begin_nested():
                session.add(plan)
        except IntegrityError:  # a parallel (double-clicked) submission created it first
            raise InvalidInput("Je plan is al ingediend.") from None
    plan.status, plan.versions, plan.updated_at = "submitted", plan.versions + 1, now
    session.add(plan)
    session.flush()
    assert plan.id is not None
    version = BreakthroughPlanVersion(
        plan_id=plan.id,
        number=plan.versions,
        fields=dict(fields),
        calculation_id=calculation_id,
        kassabon=kassabon,
        warning=warning[:2000],
        submitted_at=now,
    )
    session.add(version)
    session.flush()
    discard_draft(session, user_id, f"{case_id}-plan")
    record(
        session,
        action="plan.submitted",
        actor_id=user_id,
        case_id=case_id,
        plan_id=plan.id,
        version=version.number,
    )
    return version


def review_plan(
    session: Session,
    *,
    plan: BreakthroughPlan,
    version: BreakthroughPlanVersion,
    reviewer_id: int,
    rubric: dict[str, dict[str, str]],
    comment: str,
    decision: str,
) -> Review:
    """The trainer's verdict on the latest version: returned for revision, or approved."""
    if plan.status != "submitted" or version.number != plan.versions:
        raise InvalidInput("Dit plan is al beoordeeld of er is een nieuwere versie.")
    review = Review(
        kind="plan",
        plan_version_id=version.id,
        reviewer_id=reviewer_id,
        rubric=dict(rubric),
        comment=comment.strip(),
        decision=decision,
    )
    session.add(review)
    plan.status, plan.updated_at = decision, utcnow()
    session.add(plan)
    session.flush()
    record(
        session,
        action="plan.reviewed",
        actor_id=reviewer_id,
        plan_id=plan.id,
        version=version.number,
        decision=decision,
    )
    return review


def review_attempt(
    session: Session,
    *,
    attempt: Attempt,
    reviewer_id: int,
    rubric: dict[str, dict[str, str]],
    comment: str,
) -> Review:
    """The trainer's feedback on a value-triangle attempt (the grade itself does not change)."""
    review = Review(
        kind=attempt.kind,
        attempt_id=attempt.id,
        reviewer_id=reviewer_id,
        rubric=dict(rubric),
        comment=comment.strip(),
        decision="feedback",
    )
    session.add(review)
    session.flush()
    record(session, action="attempt.reviewed", actor_id=reviewer_id, attempt_id=attempt.id)
    return review
