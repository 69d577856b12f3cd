"""Demo and benchmark data for the dashboards.

`seed_demo_progress` gives the demo cohorts a schedule (modules per session) and the demo trainees
a realistic spread of progress and knowledge-check attempts, so that the grid shows real statuses
and some trainees are behind. `generate_cohort` creates a large cohort with bulk inserts (500 or
10,000 trainees in seconds) for benchmarks. Both are safe to run twice."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from app.accounts import queries as account_queries
from app.accounts import service as account_service
from app.accounts.models import Membership, Role, User
from app.audit.service import record
from app.cohorts import queries as cohort_queries
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort, CohortMeeting, Enrollment, MeetingModule
from app.content import Catalog, load_catalog
from app.content.models import Module
from app.dates import LOCAL
from app.db import utcnow
from app.demo.people import DEMO_ORGS, FIRST_NAMES
from app.exercises.grading import grade_knowledge_check
from app.exercises.models import Attempt
from app.progress.models import ModuleProgress
from app.progress.module_service import required_exercises
from app.settings import Settings

# Modules due before the 1st, 2nd, 3rd and 4th session (the demo cohorts have four).
DEMO_SCHEDULE = [range(1, 3), range(3, 9), range(9, 17), range(17, 26)]
# Per demo trainee: modules completed (in order) and whether the next one is in progress.
DEMO_SPREAD = [
    (0, False),
    (0, True),
    (1, True),
    (2, False),
    (2, True),
    (3, True),
    (3, False),
    (4, True),
    (5, True),
    (7, True),
    (9, True),
    (12, False),
]
# The late joiner (app/demo/people.py) has just begun module 1: behind by the cohort's dates,
# on schedule by their own catch-up plan.
LATE_JOINER_SPREAD = (0, True)
FEEDBACK_FOR = {4, 9}  # spread positions whose last completed module got feedback
BATCH = 5_000


def _schedule_rows(
    meetings: Sequence[CohortMeeting], plan: Sequence[range]
) -> list[dict[str, int]]:
    return [
        {"meeting_id": meeting.id or 0, "module_number": number}
        for meeting, numbers in zip(meetings, plan, strict=False)
        for number in numbers
    ]


def _ensure_schedule(session: Session, cohort: Cohort, plan: Sequence[range]) -> None:
    meetings = cohort_queries.meetings_of(session, cohort)
    ids = [m.id for m in meetings]
    if (
        not ids
        or session.exec(select(MeetingModule).where(col(MeetingModule.meeting_id).in_(ids))).first()
    ):
        return
    rows = _schedule_rows(meetings, plan)
    if rows:
        session.execute(insert(MeetingModule), rows)


def _progress_row(
    user_id: int, module: Module, status: str, when: datetime, *, feedback: bool = False
) -> dict[str, Any]:
    required = required_exercises(module)
    done = len(required) if status == "completed" else len(required) // 2
    missing = (
        []
        if status == "completed"
        else ["video bekijken"] + [label for _, label in required[done:]]
    )
    return {
        "user_id": user_id,
        "module_number": module.number,
        "status": status,
        "feedback_received": feedback,
        "video_progress": 1.0 if status == "completed" else 0.4,
        "exercises_passed": done,
        "exercises_required": len(required),
        "plan_status": "",
        "missing": missing,
        "started_at": when - timedelta(days=2),
        "completed_at": when if status == "completed" else None,
        "updated_at": when,
    }


def _attempt_rows(
    user_id: int, module: Module, when: datetime, rng: random.Random, *, all_questions: bool
) -> Iterator[dict[str, Any]]:
    """First attempts (some wrong, then right) at the module's knowledge-check questions."""
    questions = (
        module.exercises if all_questions else module.exercises[: len(module.exercises) // 2]
    )
    for position, question in enumerate(questions):
        right = [i for i, option in enumerate(question.options) if option.correct]
        wrong = [i for i, option in enumerate(question.options) if not option.correct]
        hard = (module.number + position) % 4 == 0  # every fourth question trips people up
        choices = []
        if wrong and rng.random() < (0.6 if hard else 0.2):
            choices.append([wrong[0]])
        choices.append(right)
        for offset, chosen in enumerate(choices):
            grade = grade_knowledge_check(question, chosen)
            yield {
                "user_id": user_id,
                "exercise_id": question.id,
                "kind": "knowledge_check",
                "module_number": module.number,
                "case_id": None,
                "answers": {"chosen": sorted(chosen)},
                "score": grade.score,
                "passed": grade.passed,
                "created_at": when + timedelta(minutes=offset),
            }


def _seed_trainee(
    catalog: Catalog,
    user_id: int,
    spread: tuple[int, bool],
    position: int,
    now: datetime,
    rng: random.Random,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    done, busy = spread
    progress: list[dict[str, Any]] = []
    attempts: list[dict[str, Any]] = []
    for number in range(1, done + 1):
        module = catalog.module(number)
        when = now - timedelta(days=20 - number, hours=rng.randint(0, 8))
        last = number == done and position % len(DEMO_SPREAD) in FEEDBACK_FOR
        progress.append(_progress_row(user_id, module, "completed", when, feedback=last))
        attempts += _attempt_rows(user_id, module, when, rng, all_questions=True)
    if busy and done < len(catalog.modules):
        module = catalog.module(done + 1)
        when = now - timedelta(days=1, hours=rng.randint(0, 8))
        progress.append(_progress_row(user_id, module, "in_progress", when))
        attempts += _attempt_rows(user_id, module, when, rng, all_questions=False)
    return progress, attempts


def seed_demo_progress(session: Session, settings: Settings, catalog: Catalog) -> int:
    """Schedule and progress for the demo cohorts; returns how many trainees got progress.

    Trainees that already have progress rows are left alone (so is the one per cohort who
    has not started)."""
    now = utcnow()
    seeded = 0
    for spec in DEMO_ORGS:
        org = account_queries.organisation_by_slug(session, spec.slug)
        if org is None:
            continue
        cohort = session.exec(
            select(Cohort).where(Cohort.organisation_id == org.id, Cohort.name == spec.cohort)
        ).first()
        if cohort is None:
            continue
        _ensure_schedule(session, cohort, DEMO_SCHEDULE)
        meetings = cohort_queries.meetings_of(session, cohort)
        first_meeting = min((m.starts_at for m in meetings), default=now)
        rng = random.Random(spec.slug)
        for position, row in enumerate(cohort_queries.enrolled_trainees(session, cohort)):
            user_id = row.user.id
            assert user_id is not None
            if session.exec(
                select(ModuleProgress.id).where(ModuleProgress.user_id == user_id)
            ).first():
                continue
            late = row.enrollment.enrolled_at > first_meeting
            spread = LATE_JOINER_SPREAD if late else DEMO_SPREAD[position % len(DEMO_SPREAD)]
            progress, attempts = _seed_trainee(catalog, user_id, spread, position, now, rng)
            if not progress:
                continue  # this one has not started
            session.execute(insert(ModuleProgress), progress)
            if attempts:
                context = {"organisation_id": cohort.organisation_id, "cohort_id": cohort.id}
                session.execute(insert(Attempt), [row | context for row in attempts])
            seeded += 1
    session.flush()
    return seeded


@dataclass(frozen=True)
class _Big:
    org_id: int
    cohort: Cohort
    teams: list[int]
    start: date


def _big_cohort(session: Session, organisation_slug: str, size: int) -> _Big:
    org = account_queries.organisation_by_slug(session, organisation_slug)
    if org is None:
        org = account_service.create_organisation(
            session,
            name=f"Gemeente {organisation_slug.title()}",
            slug=organisation_slug,
            actor_id=None,
        )
    assert org.id is not None
    teams = [
        account_service.create_team(session, organisation_id=org.id, name=name, actor_id=None)
        for name in ("Wijkteam Noord", "Wijkteam Zuid", "Wijkteam Oost", "Wijkteam West")
    ]
    existing = session.exec(
        select(func.count()).select_from(Cohort).where(Cohort.organisation_id == org.id)
    ).one()
    start = utcnow().astimezone(LOCAL).date() - timedelta(weeks=4)
    cohort = cohort_service.create_cohort(
        session,
        organisation_id=org.id,
        name=f"Grote groep {size} ({existing + 1})",
        starts_on=start,
        ends_on=start + timedelta(weeks=16),
        actor_id=None,
    )
    for week in range(0, 17, 4):
        cohort_service.add_meeting(
            session,
            cohort=cohort,
            title=f"Bijeenkomst week {week}",
            location="",
            starts_at=datetime.combine(start + timedelta(weeks=week), time(9, 30), tzinfo=LOCAL),
            actor_id=None,
        )
    for member in account_queries.members_of(session, org.id):
        if Role.trainer in member.roles:
            cohort_service.assign_trainer(session, cohort=cohort, user=member.user, actor_id=None)
    return _Big(org.id, cohort, [t.id for t in teams if t.id is not None], start)


def _insert_batched(session: Session, model: Any, rows: Iterator[dict[str, Any]]) -> int:
    """Core executemany on the table (no ORM bookkeeping), BATCH rows at a time."""
    table = model.__table__
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            session.execute(insert(table), batch)
            count, batch = count + len(batch), []
    if batch:
        session.execute(insert(table), batch)
        count += len(batch)
    return count


def _big_progress(
    catalog: Catalog, user_ids: Sequence[int], now: datetime, rng: random.Random
) -> Iterator[dict[str, Any]]:
    total = len(catalog.modules)
    completed = [_progress_row(0, m, "completed", now) for m in catalog.modules]
    started = [_progress_row(0, m, "in_progress", now) for m in catalog.modules]
    for user_id in user_ids:
        if rng.random() < 0.08:
            continue  # not started at all
        done = min(total, int(rng.triangular(0, total, 6)))
        for number in range(1, done + 1):
            when = now - timedelta(days=total - number)
            yield completed[number - 1] | {
                "user_id": user_id,
                "completed_at": when,
                "updated_at": when,
                "started_at": when - timedelta(days=2),
            }
        if done < total and rng.random() < 0.7:
            yield started[done] | {"user_id": user_id}


def generate_cohort(
    session: Session,
    settings: Settings,
    *,
    organisation_slug: str,
    size: int,
    catalog: Catalog | None = None,
) -> Cohort:
    """A cohort of `size` generated trainees (no password; they cannot log in) with a schedule
    and spread progress rows, inserted in bulk. The organisation's trainers train it."""
    if catalog is None:
        catalog = load_catalog(settings.content_dir, names=False)
    big = _big_cohort(session, organisation_slug, size)
    cohort_id = big.cohort.id
    assert cohort_id is not None
    now = utcnow()
    joined = datetime.combine(big.start - timedelta(days=1), time(10), tzinfo=LOCAL)
    domain = f"{organisation_slug}.example"
    prefix = f"groep{cohort_id}-"
    _insert_batched(
        session,
        User,
        (
            {
                "email": f"{prefix}{i:05d}@{domain}",
                "display_name": f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {i:05d}",
                "password_hash": None,
                "is_platform_admin": False,
                "is_active": True,
                "created_at": now,
                "password_changed_at": None,
            }
            for i in range(1, size + 1)
        ),
    )
    user_ids = list(
        session.exec(
            select(User.id).where(col(User.email).startswith(prefix)).order_by(col(User.id))
        ).all()
    )
    _insert_batched(
        session,
        Membership,
        (
            {
                "user_id": uid,
                "organisation_id": big.org_id,
                "role": Role.trainee.value,
                "team_id": big.teams[i % len(big.teams)],
                "created_at": now,
            }
            for i, uid in enumerate(user_ids)
        ),
    )
    _insert_batched(
        session,
        Enrollment,
        ({"cohort_id": cohort_id, "user_id": uid, "enrolled_at": joined} for uid in user_ids),
    )
    _ensure_schedule(
        session, big.cohort, [range(1, 3), range(3, 8), range(8, 14), range(14, 20), range(20, 26)]
    )
    _insert_batched(
        session,
        ModuleProgress,
        _big_progress(
            catalog, [uid for uid in user_ids if uid is not None], now, random.Random(size)
        ),
    )
    record(
        session,
        action="cohort.generate",
        actor_id=None,
        organisation_id=big.org_id,
        cohort_id=cohort_id,
        size=size,
    )
    session.flush()
    return big.cohort
