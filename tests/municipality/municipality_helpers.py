"""Test data for the municipality tests: progress, attempts and calculations written directly."""

from __future__ import annotations

from datetime import datetime, timedelta

from factories import work_context_for
from fastapi import FastAPI
from sqlmodel import select

from app.accounts.models import Membership, Organisation, Role, Team, User
from app.calculations.models import Calculation
from app.db import session_scope, utcnow
from app.exercises.models import Attempt
from app.organisations.models import OrganisationSettings
from app.progress.models import ModuleProgress, VideoProgress

ALL_MODULES = list(range(1, 26))
SECRET = "Geheim antwoord van Sanne over de buurvrouw"


def set_module(
    app: FastAPI, user: User, numbers: list[int], status: str = "completed", *, at: datetime | None
) -> None:
    moment = at or utcnow()
    with session_scope(app.state.db, write=True) as session:
        for number in numbers:
            session.add(
                ModuleProgress(
                    user_id=user.id,
                    module_number=number,
                    status=status,
                    started_at=moment,
                    completed_at=moment if status == "completed" else None,
                    updated_at=moment,
                )
            )


def complete_all(app: FastAPI, user: User, numbers: list[int] | None = None) -> None:
    set_module(app, user, numbers or ALL_MODULES, at=None)


def add_video(app: FastAPI, user: User, video_id: str = "01-waarom-doorbreken") -> None:
    moment = utcnow() - timedelta(days=1)
    with session_scope(app.state.db, write=True) as session:
        session.add(
            VideoProgress(
                user_id=user.id,
                video_id=video_id,
                played_segments=[[0.0, 120.5], [130.0, 200.0]],
                duration=210.0,
                progress=0.9286,
                position=200.0,
                page_session="p-123",
                events={"played": 3, "paused": 2, "seeked": 1, "completed": 1},
                first_played_at=moment,
                last_beacon_at=moment + timedelta(minutes=5),
                completed_at=moment + timedelta(minutes=5),
            )
        )


def add_attempt(app: FastAPI, user: User, *, free_text: str = SECRET) -> None:
    with session_scope(app.state.db, write=True) as session:
        work = work_context_for(session, user)
        where = {"organisation_id": work.organisation_id, "cohort_id": work.cohort_id}
        session.add(
            Attempt(
                user_id=user.id,
                **where,
                exercise_id="m01-q1",
                kind="knowledge_check",
                module_number=1,
                answers={"chosen": [1]},
                score=1.0,
                passed=True,
            )
        )
        session.add(
            Attempt(
                user_id=user.id,
                **where,
                exercise_id="c1-bottleneck",
                kind="bottleneck",
                module_number=5,
                case_id="c1",
                answers={"text": free_text},
                score=0.5,
                passed=False,
            )
        )


def add_calculation(app: FastAPI, user: User, title: str = SECRET) -> None:
    with session_scope(app.state.db, write=True) as session:
        work = work_context_for(session, user)
        session.add(
            Calculation(
                owner_id=user.id,
                organisation_id=work.organisation_id,
                cohort_id=work.cohort_id,
                title=title,
            )
        )


def set_retention(
    app: FastAPI, org: Organisation, retention: str, months: int | None = None
) -> None:
    with session_scope(app.state.db, write=True) as session:
        session.add(
            OrganisationSettings(
                organisation_id=org.id, retention=retention, inactive_expiry_months=months
            )
        )


def put_in_team(app: FastAPI, user: User, org: Organisation, name: str) -> None:
    with session_scope(app.state.db, write=True) as session:
        team = session.exec(
            select(Team).where(Team.organisation_id == org.id, Team.name == name)
        ).first()
        if team is None:
            team = Team(organisation_id=org.id, name=name)
            session.add(team)
            session.flush()
        membership = session.exec(
            select(Membership).where(
                Membership.user_id == user.id,
                Membership.organisation_id == org.id,
                Membership.role == Role.trainee,
            )
        ).one()
        membership.team_id = team.id


def count(app: FastAPI, model: type) -> int:
    with session_scope(app.state.db, write=False) as session:
        return len(session.exec(select(model)).all())
