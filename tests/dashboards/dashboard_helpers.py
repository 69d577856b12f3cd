"""Plain functions that create dashboard test data: sessions, schedules, progress, attempts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from factories import work_context_for
from fastapi import FastAPI
from sqlmodel import select

from app.accounts import service as account_service
from app.accounts.models import Membership, Organisation, Role, User
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort, CohortMeeting
from app.db import session_scope, utcnow
from app.exercises.models import Attempt
from app.progress.models import ModuleProgress, VideoProgress

H = timedelta(hours=1)
D = timedelta(days=1)


def add_meeting(
    app: FastAPI, cohort: Cohort, title: str, starts_at: datetime, modules: Iterable[int] = ()
) -> CohortMeeting:
    from app.cohorts.models import MeetingModule

    with session_scope(app.state.db, write=True) as session:
        fresh = session.get(Cohort, cohort.id)
        assert fresh is not None
        meeting = cohort_service.add_meeting(
            session, cohort=fresh, title=title, starts_at=starts_at, location="", actor_id=None
        )
        for number in modules:
            assert meeting.id is not None
            session.add(MeetingModule(meeting_id=meeting.id, module_number=number))
        return meeting


def enrolled_since(app: FastAPI, cohort: Cohort, when: datetime, user: User | None = None) -> None:
    """Date the cohort's enrolments (or only `user`'s) back or forward to `when`."""
    from app.cohorts.models import Enrollment

    with session_scope(app.state.db, write=True) as session:
        query = select(Enrollment).where(Enrollment.cohort_id == cohort.id)
        if user is not None:
            query = query.where(Enrollment.user_id == user.id)
        for row in session.exec(query).all():
            row.enrolled_at = when
            session.add(row)


def set_progress(
    app: FastAPI,
    user: User,
    number: int,
    status: str,
    *,
    feedback: bool = False,
    missing: Iterable[str] = (),
    video: float = 0.0,
) -> None:
    assert user.id is not None
    with session_scope(app.state.db, write=True) as session:
        row = session.exec(
            select(ModuleProgress).where(
                ModuleProgress.user_id == user.id, ModuleProgress.module_number == number
            )
        ).first() or ModuleProgress(user_id=user.id, module_number=number)
        row.status = status
        row.feedback_received = feedback
        row.missing = list(missing)
        row.video_progress = video
        session.add(row)


def complete(app: FastAPI, user: User, numbers: Iterable[int]) -> None:
    for number in numbers:
        set_progress(app, user, number, "completed", video=1.0)


def add_video(
    app: FastAPI,
    user: User,
    video_id: str,
    segments: list[list[float]],
    duration: float,
    progress: float,
) -> None:
    assert user.id is not None
    with session_scope(app.state.db, write=True) as session:
        session.add(
            VideoProgress(
                user_id=user.id,
                video_id=video_id,
                played_segments=segments,
                duration=duration,
                progress=progress,
            )
        )


def add_attempt(
    app: FastAPI,
    user: User,
    exercise_id: str,
    *,
    passed: bool,
    score: float | None = None,
    module: int | None = None,
    at: datetime | None = None,
) -> None:
    assert user.id is not None
    with session_scope(app.state.db, write=True) as session:
        work = work_context_for(session, user)
        session.add(
            Attempt(
                user_id=user.id,
                organisation_id=work.organisation_id,
                cohort_id=work.cohort_id,
                exercise_id=exercise_id,
                kind="knowledge_check",
                module_number=module or int(exercise_id[1:3]),
                answers={"chosen": [0]},
                score=(1.0 if passed else 0.0) if score is None else score,
                passed=passed,
                created_at=at or utcnow(),
            )
        )


def put_in_team(app: FastAPI, user: User, org: Organisation, team_name: str) -> int:
    assert org.id is not None
    with session_scope(app.state.db, write=True) as session:
        team = account_service.create_team(
            session, organisation_id=org.id, name=team_name, actor_id=None
        )
        membership = session.exec(
            select(Membership).where(
                Membership.user_id == user.id,
                Membership.organisation_id == org.id,
                Membership.role == Role.trainee,
            )
        ).one()
        membership.team_id = team.id
        assert team.id is not None
        return team.id


def submit_plan(app: FastAPI, user: User, case_id: str = "c1") -> int:
    """A doorbraakplan submitted once and not reviewed yet (it waits in the review queue)."""
    from app.exercises.models import BreakthroughPlan, BreakthroughPlanVersion

    with session_scope(app.state.db, write=True) as session:
        work = work_context_for(session, user)
        plan = BreakthroughPlan(
            user_id=user.id,
            organisation_id=work.organisation_id,
            cohort_id=work.cohort_id,
            case_id=case_id,
            status="submitted",
            versions=1,
        )
        session.add(plan)
        session.flush()
        assert plan.id is not None
        session.add(BreakthroughPlanVersion(plan_id=plan.id, number=1, submitted_at=utcnow()))
        return plan.id


def rename(app: FastAPI, user: User, name: str) -> None:
    with session_scope(app.state.db, write=True) as session:
        fresh = session.get(User, user.id)
        assert fresh is not None
        fresh.display_name = name


def now() -> datetime:
    return utcnow()
