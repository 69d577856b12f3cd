"""Reads of the exercises domain: a trainee's own attempts, drafts and plans (of the organisation
they act in); for trainers the review queue of work made in the cohorts they train. Free text is
only read through the reviewer checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.accounts.models import User
from app.accounts.viewer import Viewer
from app.cohorts import queries as cohort_queries
from app.cohorts.models import Cohort, Enrollment
from app.errors import NotFound
from app.exercises.grading import counts_as_passed
from app.exercises.models import (
    Attempt,
    BreakthroughPlan,
    BreakthroughPlanVersion,
    ExerciseDraft,
    Review,
)

HIDDEN = "Dit werk bestaat niet of je hebt er geen toegang toe."


def _own_attempts(user_id: int, organisation_id: int | None) -> Any:
    """The author's attempts made in this organisation (None: in every organisation, for the
    person's own learning progress only)."""
    query = select(Attempt).where(Attempt.user_id == user_id)
    if organisation_id is not None:
        query = query.where(Attempt.organisation_id == organisation_id)
    return query


def latest_attempts(
    session: Session, user_id: int, exercise_ids: Iterable[str], *, organisation_id: int | None
) -> dict[str, Attempt]:
    """The newest attempt per exercise for this user."""
    per_exercise = attempts_for_many(
        session, user_id, exercise_ids, organisation_id=organisation_id
    )
    return {exercise_id: rows[-1] for exercise_id, rows in per_exercise.items()}


def attempts_for(
    session: Session, user_id: int, exercise_id: str, *, organisation_id: int | None
) -> list[Attempt]:
    """Every attempt of this user at this exercise, oldest first."""
    return list(
        session.exec(
            _own_attempts(user_id, organisation_id)
            .where(Attempt.exercise_id == exercise_id)
            .order_by(col(Attempt.id))
        ).all()
    )


def attempts_for_many(
    session: Session, user_id: int, exercise_ids: Iterable[str], *, organisation_id: int | None
) -> dict[str, list[Attempt]]:
    """Every attempt of this user per exercise, oldest first."""
    ids = list(exercise_ids)
    if not ids:
        return {}
    rows = session.exec(
        _own_attempts(user_id, organisation_id)
        .where(col(Attempt.exercise_id).in_(ids))
        .order_by(col(Attempt.id))
    ).all()
    result: dict[str, list[Attempt]] = {}
    for attempt in rows:
        result.setdefault(attempt.exercise_id, []).append(attempt)
    return result


def attempt_states(
    session: Session, user_id: int, exercise_ids: Iterable[str]
) -> dict[str, tuple[bool, bool]]:
    """(attempted, passed) per exercise over every organisation: module progress is the
    person's own learning (the course is the same everywhere). Pages use own_attempt_states."""
    return _attempt_states(session, user_id, exercise_ids, None)


def own_attempt_states(
    session: Session, viewer: Viewer, exercise_ids: Iterable[str]
) -> dict[str, tuple[bool, bool]]:
    """(attempted, passed) per exercise of the viewer's attempts in the organisation they act in."""
    return _attempt_states(session, viewer.user_id, exercise_ids, viewer.organisation_id)


def _attempt_states(
    session: Session, user_id: int, exercise_ids: Iterable[str], organisation_id: int | None
) -> dict[str, tuple[bool, bool]]:
    """(attempted, passed) per exercise, with each kind's rule for which attempt counts."""
    ids = list(exercise_ids)
    if not ids:
        return {}
    query = select(Attempt.exercise_id, Attempt.kind, Attempt.passed).where(
        Attempt.user_id == user_id, col(Attempt.exercise_id).in_(ids)
    )
    if organisation_id is not None:
        query = query.where(Attempt.organisation_id == organisation_id)
    rows = session.exec(query.order_by(col(Attempt.id))).all()
    history: dict[str, tuple[str, list[bool]]] = {}
    for exercise_id, kind, passed in rows:
        history.setdefault(exercise_id, (kind, []))[1].append(passed)
    return {eid: (True, counts_as_passed(kind, seq)) for eid, (kind, seq) in history.items()}


def draft_for(
    session: Session, user_id: int, exercise_id: str, *, organisation_id: int | None
) -> ExerciseDraft | None:
    """The author's draft typed while acting in this organisation (None: no organisation)."""
    if organisation_id is None:
        return None
    return session.exec(
        select(ExerciseDraft).where(
            ExerciseDraft.user_id == user_id,
            ExerciseDraft.organisation_id == organisation_id,
            ExerciseDraft.exercise_id == exercise_id,
        )
    ).first()


def draft_ids(session: Session, user_id: int, exercise_ids: Iterable[str]) -> set[str]:
    """Exercises with a draft in any organisation, for the person's module progress only."""
    return _draft_ids(session, user_id, exercise_ids, None)


def own_draft_ids(session: Session, viewer: Viewer, exercise_ids: Iterable[str]) -> set[str]:
    """Exercises with a draft of the viewer in the organisation they act in."""
    if viewer.organisation_id is None:
        return set()
    return _draft_ids(session, viewer.user_id, exercise_ids, viewer.organisation_id)


def _draft_ids(
    session: Session, user_id: int, exercise_ids: Iterable[str], organisation_id: int | None
) -> set[str]:
    ids = list(exercise_ids)
    if not ids:
        return set()
    query = select(ExerciseDraft.exercise_id).where(
        ExerciseDraft.user_id == user_id, col(ExerciseDraft.exercise_id).in_(ids)
    )
    if organisation_id is not None:
        query = query.where(ExerciseDraft.organisation_id == organisation_id)
    return set(session.exec(query).all())


def plan_for(
    session: Session, user_id: int, case_id: str, *, organisation_id: int | None
) -> BreakthroughPlan | None:
    """The author's plan for this case in the organisation they act in (None: no organisation,
    hence no plan)."""
    if organisation_id is None:
        return None
    return session.exec(
        select(BreakthroughPlan).where(
            BreakthroughPlan.user_id == user_id,
            BreakthroughPlan.organisation_id == organisation_id,
            BreakthroughPlan.case_id == case_id,
        )
    ).first()


def plans_of_user(session: Session, user_id: int) -> list[BreakthroughPlan]:
    """The person's plans in every organisation, for their module progress only."""
    return list(
        session.exec(
            select(BreakthroughPlan)
            .where(BreakthroughPlan.user_id == user_id)
            .order_by(col(BreakthroughPlan.id))
        ).all()
    )


def own_plans(session: Session, viewer: Viewer) -> list[BreakthroughPlan]:
    """The viewer's plans made in the organisation they act in."""
    if viewer.organisation_id is None:
        return []
    return list(
        session.exec(
            select(BreakthroughPlan)
            .where(
                BreakthroughPlan.user_id == viewer.user_id,
                BreakthroughPlan.organisation_id == viewer.organisation_id,
            )
            .order_by(col(BreakthroughPlan.id))
        ).all()
    )


def plans_in_cohort(session: Session, cohort: Cohort, user_id: int) -> list[BreakthroughPlan]:
    """One trainee's plans made in this cohort (for the cohort's staff)."""
    return list(
        session.exec(
            select(BreakthroughPlan)
            .where(BreakthroughPlan.cohort_id == cohort.id, BreakthroughPlan.user_id == user_id)
            .order_by(col(BreakthroughPlan.id))
        ).all()
    )


def plan_versions(session: Session, plan_id: int) -> list[BreakthroughPlanVersion]:
    """Every submitted version, oldest first."""
    return list(
        session.exec(
            select(BreakthroughPlanVersion)
            .where(BreakthroughPlanVersion.plan_id == plan_id)
            .order_by(col(BreakthroughPlanVersion.number))
        ).all()
    )


def reviews_by_version(session: Session, version_ids: Iterable[int]) -> dict[int, Review]:
    ids = list(version_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Review).where(col(Review.plan_version_id).in_(ids)).order_by(col(Review.id))
    ).all()
    return {row.plan_version_id: row for row in rows if row.plan_version_id is not None}


def reviews_by_attempt(session: Session, attempt_ids: Iterable[int]) -> dict[int, Review]:
    ids = list(attempt_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Review).where(col(Review.attempt_id).in_(ids)).order_by(col(Review.id))
    ).all()
    return {row.attempt_id: row for row in rows if row.attempt_id is not None}


def user_names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    ids = list(set(user_ids))
    if not ids:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(col(User.id).in_(ids))).all()
    return {user_id: name for user_id, name in rows if user_id is not None}


# --------------------------------------------------------------------------------------------
# Who may read which work: trainers read the free text of work made in the cohorts they train
# (app/cohorts/context.py); org admins see statuses only.


def reviewer_cohort_ids(session: Session, viewer: Viewer) -> set[int]:
    """Cohorts the viewer trains, with the trainer role in the cohort's organisation."""
    return cohort_queries.trained_cohort_ids_with_role(session, viewer)


def enrolled_user_ids(session: Session, cohort_ids: Iterable[int]) -> set[int]:
    ids = list(cohort_ids)
    if not ids:
        return set()
    rows = session.exec(select(Enrollment.user_id).where(col(Enrollment.cohort_id).in_(ids))).all()
    return set(rows)


def plan_for_reviewer(session: Session, viewer: Viewer, plan_id: int) -> BreakthroughPlan:
    plan = session.get(BreakthroughPlan, plan_id)
    if plan is None or not cohort_queries.trainer_scope(session, viewer).allows(
        None, plan.cohort_id
    ):
        raise NotFound(HIDDEN)
    return plan


def attempt_for_reviewer(session: Session, viewer: Viewer, attempt_id: int) -> Attempt:
    attempt = session.get(Attempt, attempt_id)
    if (
        attempt is None
        or attempt.kind != "value_triangle"
        or not cohort_queries.trainer_scope(session, viewer).allows(None, attempt.cohort_id)
    ):
        raise NotFound(HIDDEN)
    return attempt


# --------------------------------------------------------------------------------------------
# The review queue


@dataclass(frozen=True)
class QueueItem:
    kind: str  # plan | value_triangle
    ref_id: int  # plan id or attempt id
    user_id: int
    user_name: str
    case_id: str
    submitted_at: datetime
    version: int | None = None


def _pending_plans(
    session: Session, cohort_ids: set[int]
) -> list[tuple[BreakthroughPlan, datetime]]:
    rows = session.exec(
        select(BreakthroughPlan, BreakthroughPlanVersion)
        .join(BreakthroughPlanVersion, col(BreakthroughPlanVersion.plan_id) == BreakthroughPlan.id)
        .where(
            col(BreakthroughPlan.cohort_id).in_(cohort_ids),
            BreakthroughPlan.status == "submitted",
            col(BreakthroughPlanVersion.number) == col(BreakthroughPlan.versions),
        )
    ).all()
    return [(plan, version.submitted_at) for plan, version in rows]


def _pending_triangles(session: Session, cohort_ids: set[int]) -> list[Attempt]:
    rows = session.exec(
        select(Attempt)
        .where(col(Attempt.cohort_id).in_(cohort_ids), Attempt.kind == "value_triangle")
        .order_by(col(Attempt.id))
    ).all()
    latest = {(a.user_id, a.exercise_id): a for a in rows}
    reviewed = reviews_by_attempt(session, [a.id for a in latest.values() if a.id is not None])
    return [a for a in latest.values() if a.id not in reviewed]


def queue_for_cohorts(session: Session, cohort_ids: set[int]) -> list[QueueItem]:
    """Work made in these cohorts waiting for a trainer: submitted plans and unreviewed value
    triangles, oldest first."""
    if not cohort_ids:
        return []
    plans = _pending_plans(session, cohort_ids)
    triangles = _pending_triangles(session, cohort_ids)
    names = user_names(session, [p.user_id for p, _ in plans] + [a.user_id for a in triangles])
    items = [
        QueueItem("plan", p.id or 0, p.user_id, names.get(p.user_id, ""), p.case_id, at, p.versions)
        for p, at in plans
    ]
    items += [
        QueueItem(
            "value_triangle",
            a.id or 0,
            a.user_id,
            names.get(a.user_id, ""),
            a.case_id or "",
            a.created_at,
        )
        for a in triangles
    ]
    return sorted(items, key=lambda item: (item.submitted_at, item.kind, item.ref_id))


def queue_for_cohort(session: Session, cohort: Cohort) -> list[QueueItem]:
    assert cohort.id is not None
    return queue_for_cohorts(session, {cohort.id})


def queue_count(session: Session, viewer: Viewer) -> int:
    """How many items wait for this trainer, over every cohort the viewer trains."""
    return len(queue_for_cohorts(session, reviewer_cohort_ids(session, viewer)))


def plan_statuses(session: Session, cohort: Cohort) -> list[BreakthroughPlan]:
    """Every plan made in this cohort (status only), most recently changed first."""
    return list(
        session.exec(
            select(BreakthroughPlan)
            .where(BreakthroughPlan.cohort_id == cohort.id)
            .order_by(col(BreakthroughPlan.updated_at).desc())
        ).all()
    )


# --------------------------------------------------------------------------------------------
# Item analysis


def first_attempts(session: Session, cohort: Cohort) -> list[Attempt]:
    """The first attempt made in this cohort of each user at each exercise (plans are reviewed,
    not graded)."""
    rows = session.exec(
        select(Attempt).where(Attempt.cohort_id == cohort.id).order_by(col(Attempt.id))
    ).all()
    first: dict[tuple[int, str], Attempt] = {}
    for attempt in rows:
        first.setdefault((attempt.user_id, attempt.exercise_id), attempt)
    return list(first.values())
