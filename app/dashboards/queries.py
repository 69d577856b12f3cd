"""Reads of the dashboards domain. Callers pass a cohort obtained through a scoped query
(StaffCohort, or the viewer's own enrollment); every read starts from that cohort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from typing import cast as typing_cast

from sqlalchemy import Integer, case, cast, func, literal_column
from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from app.accounts.models import Membership, Role, Team, User
from app.accounts.viewer import Viewer
from app.calculations.models import Calculation
from app.cohorts import queries as cohort_queries
from app.cohorts.models import Cohort, CohortMeeting, Enrollment, MeetingModule
from app.cohorts.schedule import (
    DEFAULT_CATCH_UP_DAYS,
    Deadline,
    deadlines,
    personal_deadlines,
)
from app.dashboards.models import DigestSent
from app.exercises.models import Attempt
from app.organisations import queries as org_queries
from app.progress.models import ModuleProgress


@dataclass(frozen=True)
class Schedule:
    """A cohort's sessions, the modules due before each, the resulting deadlines, and the
    personal deadlines of the trainees who enrolled after a block had started (user id ->
    deadlines; everyone else has the cohort's). One rule for every page: `deadlines_for`."""

    meetings: list[CohortMeeting]
    requirements: dict[int, set[int]]
    deadlines: dict[int, Deadline]
    personal: dict[int, dict[int, Deadline]] = field(default_factory=dict)
    catch_up_days: int = DEFAULT_CATCH_UP_DAYS

    def deadlines_for(self, user_id: int | None) -> dict[int, Deadline]:
        """The deadlines that apply to this trainee (the cohort's unless they joined late)."""
        return self.personal.get(user_id or 0, self.deadlines)


def requirements_of(session: Session, cohort: Cohort) -> dict[int, set[int]]:
    """Meeting id -> module numbers due before it, for every session of the cohort."""
    rows = session.exec(
        select(MeetingModule.meeting_id, MeetingModule.module_number)
        .join(CohortMeeting, col(CohortMeeting.id) == MeetingModule.meeting_id)
        .where(CohortMeeting.cohort_id == cohort.id)
    ).all()
    found: dict[int, set[int]] = {}
    for meeting_id, number in rows:
        found.setdefault(meeting_id, set()).add(number)
    return found


def late_enrolments(session: Session, cohort: Cohort, after: datetime) -> dict[int, datetime]:
    """User id -> enrolment moment, for those enrolled in the cohort after `after`."""
    rows = session.exec(
        select(Enrollment.user_id, Enrollment.enrolled_at).where(
            Enrollment.cohort_id == cohort.id, col(Enrollment.enrolled_at) >= after
        )
    ).all()
    return {user_id: at if at.tzinfo else at.replace(tzinfo=UTC) for user_id, at in rows}


def schedule_of(session: Session, cohort: Cohort) -> Schedule:
    """The cohort's schedule with the personal deadlines of its late joiners: two queries, two
    more (the catch-up setting and the late enrolments) only when a block has a deadline."""
    meetings = cohort_queries.meetings_of(session, cohort)
    requirements = requirements_of(session, cohort)
    due = deadlines(meetings, requirements)
    if not due:
        return Schedule(meetings, requirements, due)
    days = org_queries.settings_for(session, cohort.organisation_id).catch_up_days
    first = min(deadline.due_at for deadline in due.values())
    personal = {
        user_id: personal_deadlines(due, joined_at, days)
        for user_id, joined_at in late_enrolments(session, cohort, first).items()
    }
    return Schedule(meetings, requirements, due, personal, days)


def meeting_of(session: Session, cohort: Cohort, meeting_id: int) -> CohortMeeting | None:
    meeting = session.get(CohortMeeting, meeting_id)
    if meeting is None or meeting.cohort_id != cohort.id:
        return None
    return meeting


def current_cohort(session: Session, viewer: Viewer, today: date) -> Cohort | None:
    """The trainee's current cohort: the one whose dates contain today, else the latest."""
    cohorts = cohort_queries.trainee_cohorts(session, viewer)  # newest start first
    for cohort in cohorts:
        if cohort.starts_on <= today <= cohort.ends_on:
            return cohort
    return cohorts[0] if cohorts else None


# One grid record: user id, name, e-mail, team, then module number, status, feedback received
# (the last three None for a trainee without any stored progress).
GridRecord = tuple[int, str, str, str | None, int | None, str | None, bool | None]


def grid_records(
    session: Session, cohort: Cohort, *, team_id: int | None = None
) -> Sequence[GridRecord]:
    """Every enrolled trainee with every stored module row, in ONE query.

    Enrollment (unique cohort_id, user_id) -> app_user (primary key) -> membership (user_id
    index) -> team (primary key) -> module_progress (unique user_id, module_number): every step
    is an index lookup, so the cost grows with the cohort, never with the whole table."""
    team_join = (
        (col(Membership.user_id) == Enrollment.user_id)
        & (col(Membership.organisation_id) == cohort.organisation_id)
        & (col(Membership.role) == Role.trainee)
    )
    query = (
        wide_select(
            col(User.id),
            col(User.display_name),
            col(User.email),
            col(Team.name),
            col(ModuleProgress.module_number),
            col(ModuleProgress.status),
            col(ModuleProgress.feedback_received),
        )
        .select_from(Enrollment)
        .join(User, col(User.id) == Enrollment.user_id)
        .join(Membership, team_join, isouter=True)
        .join(Team, col(Team.id) == Membership.team_id, isouter=True)
        .join(ModuleProgress, col(ModuleProgress.user_id) == Enrollment.user_id, isouter=True)
        .where(col(Enrollment.cohort_id) == cohort.id)
        .order_by(col(User.display_name), col(User.id), col(ModuleProgress.module_number))
    )
    if team_id is not None:
        query = query.where(col(Membership.team_id) == team_id)
    rows = session.execute(query).all()
    return typing_cast("Sequence[GridRecord]", rows)


# The grid page reads a cohort in two parts: the roster (who, by name) and each trainee's
# module statuses folded into bit masks (bit n is module n): completed, in progress, started
# (any status but not_started), feedback received. Masks = (completed, in_progress, started,
# feedback); the page caches them per cohort until progress changes (app/dashboards/grid_page.py).
RosterLine = tuple[int, str, str | None]
Masks = tuple[int, int, int, int]


def grid_roster(
    session: Session, cohort: Cohort, *, team_id: int | None = None
) -> Sequence[RosterLine]:
    """Every enrolled trainee (user id, name, team), by name: one indexed query."""
    team_join = (
        (col(Membership.user_id) == Enrollment.user_id)
        & (col(Membership.organisation_id) == cohort.organisation_id)
        & (col(Membership.role) == Role.trainee)
    )
    query = (
        wide_select(col(User.id), col(User.display_name), col(Team.name))
        .select_from(Enrollment)
        .join(User, col(User.id) == Enrollment.user_id)
        .join(Membership, team_join, isouter=True)
        .join(Team, col(Team.id) == Membership.team_id, isouter=True)
        .where(col(Enrollment.cohort_id) == cohort.id)
        .order_by(col(User.display_name), col(User.id))
    )
    if team_id is not None:
        query = query.where(col(Membership.team_id) == team_id)
    return typing_cast("Sequence[RosterLine]", session.execute(query).all())


def _bits(condition: Any) -> Any:
    """SUM of 1 << module_number over the rows matching `condition`: a bit mask, since a
    trainee has one row per module."""
    bit = literal_column("1").op("<<")(col(ModuleProgress.module_number))
    return func.coalesce(func.sum(case((condition, bit), else_=0)), 0)


def progress_masks(session: Session, cohort: Cohort) -> dict[int, Masks]:
    """user id -> Masks for every enrolled trainee, in ONE aggregate query."""
    status = col(ModuleProgress.status)
    rows = session.execute(
        wide_select(
            col(Enrollment.user_id),
            _bits(status == "completed"),
            _bits(status == "in_progress"),
            _bits(status != "not_started"),
            _bits(col(ModuleProgress.feedback_received).is_(True)),
        )
        .select_from(Enrollment)
        .join(ModuleProgress, col(ModuleProgress.user_id) == Enrollment.user_id, isouter=True)
        .where(col(Enrollment.cohort_id) == cohort.id)
        .group_by(col(Enrollment.user_id))
    ).all()
    return {user_id: (int(a), int(b), int(c), int(d)) for user_id, a, b, c, d in rows}


def progress_stamp(session: Session) -> tuple[object, object]:
    """The latest change to any stored module progress: (newest updated_at, highest id), two
    index lookups. Every write sets updated_at (the column's onupdate), and on SQLite writes
    commit one at a time, so the stamp moves whenever progress changes."""
    newest = wide_select(func.max(ModuleProgress.updated_at)).scalar_subquery()
    highest = wide_select(func.max(ModuleProgress.id)).scalar_subquery()
    row = session.execute(wide_select(newest, highest)).one()  # two subqueries: each one seek
    return row[0], row[1]


def cohort_teams(session: Session, cohort: Cohort) -> list[Team]:
    return list(
        session.exec(
            select(Team).where(Team.organisation_id == cohort.organisation_id).order_by(Team.name)
        ).all()
    )


def enrolled_user(session: Session, cohort: Cohort, user_id: int) -> User | None:
    """The trainee if enrolled in this cohort, else None."""
    return session.exec(
        select(User)
        .join(Enrollment, col(Enrollment.user_id) == User.id)
        .where(Enrollment.cohort_id == cohort.id, User.id == user_id)
    ).first()


def user_attempts(session: Session, cohort: Cohort, user_id: int) -> list[Attempt]:
    """One trainee's attempts made in this cohort."""
    return list(
        session.exec(
            select(Attempt)
            .where(Attempt.cohort_id == cohort.id, Attempt.user_id == user_id)
            .order_by(col(Attempt.id))
        ).all()
    )


def user_calculations(session: Session, cohort: Cohort, user_id: int) -> list[Calculation]:
    """One trainee's practice calculations made in this cohort."""
    return list(
        session.exec(
            select(Calculation)
            .where(Calculation.cohort_id == cohort.id, Calculation.owner_id == user_id)
            .order_by(col(Calculation.updated_at).desc())
            .limit(50)
        ).all()
    )


def first_attempt_shares(session: Session, cohort: Cohort) -> list[tuple[str, int, int]]:
    """(exercise id, trainees who answered, of whom right the first time) per knowledge-check
    question, from each trainee's first attempt made in this cohort."""
    firsts = (
        select(func.min(Attempt.id).label("id"))
        .where(Attempt.cohort_id == cohort.id, Attempt.kind == "knowledge_check")
        .group_by(col(Attempt.user_id), col(Attempt.exercise_id))
        .subquery()
    )
    rows = session.exec(
        select(
            Attempt.exercise_id,
            func.count(),
            func.sum(case((col(Attempt.passed), 1), else_=0)),
        )
        .join(firsts, firsts.c.id == Attempt.id)
        .group_by(col(Attempt.exercise_id))
    ).all()
    return [(exercise_id, int(total), int(right or 0)) for exercise_id, total, right in rows]


# user id, name, e-mail, team, exercise id, module, attempts, first score, best score,
# last score, passed ever, last attempt at
ResultRecord = tuple[
    int, str, str, str | None, str, int | None, int, float, float, float, bool, datetime
]


def result_records(session: Session, cohort: Cohort) -> Sequence[ResultRecord]:
    """Attempts made in this cohort per trainee x exercise with first, best and last score, in
    one query."""
    per_exercise = (
        wide_select(
            col(Attempt.user_id).label("user_id"),
            col(Attempt.exercise_id).label("exercise_id"),
            func.min(Attempt.id).label("first_id"),
            func.max(Attempt.id).label("last_id"),
            func.count().label("attempts"),
            func.max(Attempt.score).label("best"),
            func.max(cast(Attempt.passed, Integer)).label("passed"),
        )
        .where(col(Attempt.cohort_id) == cohort.id)
        .group_by(col(Attempt.user_id), col(Attempt.exercise_id))
        .subquery()
    )
    first = aliased(Attempt)
    last = aliased(Attempt)
    team_join = (
        (col(Membership.user_id) == User.id)
        & (col(Membership.organisation_id) == cohort.organisation_id)
        & (col(Membership.role) == Role.trainee)
    )
    query = (
        wide_select(
            col(User.id),
            col(User.display_name),
            col(User.email),
            col(Team.name),
            per_exercise.c.exercise_id,
            col(first.module_number),
            per_exercise.c.attempts,
            col(first.score),
            per_exercise.c.best,
            col(last.score),
            per_exercise.c.passed,
            col(last.created_at),
        )
        .select_from(per_exercise)
        .join(User, col(User.id) == per_exercise.c.user_id)
        .join(first, col(first.id) == per_exercise.c.first_id)
        .join(last, col(last.id) == per_exercise.c.last_id)
        .join(Membership, team_join, isouter=True)
        .join(Team, col(Team.id) == Membership.team_id, isouter=True)
        .order_by(col(User.display_name), col(User.id), per_exercise.c.exercise_id)
    )
    rows = [(*row[:10], bool(row[10]), row[11]) for row in session.execute(query).all()]
    return typing_cast("list[ResultRecord]", rows)


def digest_sent(session: Session, meeting_id: int) -> DigestSent | None:
    return session.get(DigestSent, meeting_id)


def meetings_between(
    session: Session, start: datetime, end: datetime
) -> list[tuple[CohortMeeting, Cohort]]:
    """Sessions starting in (start, end] whose digest has not gone out yet."""
    rows = session.exec(
        select(CohortMeeting, Cohort)
        .join(Cohort, col(Cohort.id) == CohortMeeting.cohort_id)
        .join(DigestSent, col(DigestSent.meeting_id) == CohortMeeting.id, isouter=True)
        .where(
            col(CohortMeeting.starts_at) > start,
            col(CohortMeeting.starts_at) <= end,
            col(DigestSent.meeting_id).is_(None),
        )
        .order_by(col(CohortMeeting.starts_at), col(CohortMeeting.id))
    ).all()
    return [(meeting, cohort) for meeting, cohort in rows]
