"""State changes of the cohorts domain. Callers pass objects obtained through scoped queries."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlmodel import Session, col, delete

from app.accounts.models import Role, User
from app.accounts.queries import memberships
from app.audit.service import record
from app.cohorts.models import Cohort, CohortMeeting, CohortTrainer, Enrollment, MeetingModule
from app.cohorts.queries import enrollment
from app.errors import InvalidInput, NotFound


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise InvalidInput("De einddatum ligt vóór de begindatum.", field="ends_on")


def create_cohort(
    session: Session,
    *,
    organisation_id: int,
    name: str,
    starts_on: date,
    ends_on: date,
    actor_id: int | None,
) -> Cohort:
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise InvalidInput("Geef de groep een naam van hoogstens 120 tekens.", field="name")
    _check_dates(starts_on, ends_on)
    cohort = Cohort(
        organisation_id=organisation_id, name=name, starts_on=starts_on, ends_on=ends_on
    )
    session.add(cohort)
    session.flush()
    record(
        session,
        action="cohort.create",
        actor_id=actor_id,
        organisation_id=organisation_id,
        cohort_id=cohort.id,
    )
    return cohort


def update_cohort(
    session: Session, cohort: Cohort, *, name: str, starts_on: date, ends_on: date, actor_id: int
) -> Cohort:
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise InvalidInput("Geef de groep een naam van hoogstens 120 tekens.", field="name")
    _check_dates(starts_on, ends_on)
    cohort.name, cohort.starts_on, cohort.ends_on = name, starts_on, ends_on
    record(
        session,
        action="cohort.update",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
    )
    return cohort


def _require_member(session: Session, cohort: Cohort, user: User, role: Role) -> None:
    assert user.id is not None
    if not any(m.role == role for m in memberships(session, cohort.organisation_id, user.id)):
        raise NotFound("Deze persoon hoort niet bij de organisatie van deze groep.")


def enrol(session: Session, *, cohort: Cohort, user: User, actor_id: int | None) -> Enrollment:
    """Enrol a trainee of the cohort's organisation. Enrolling twice changes nothing."""
    assert user.id is not None
    assert cohort.id is not None
    _require_member(session, cohort, user, Role.trainee)
    existing = enrollment(session, cohort.id, user.id)
    if existing is not None:
        return existing
    row = Enrollment(cohort_id=cohort.id, user_id=user.id)
    session.add(row)
    session.flush()
    record(
        session,
        action="enrollment.add",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
        user_id=user.id,
    )
    return row


def unenrol(session: Session, *, cohort: Cohort, user_id: int, actor_id: int) -> None:
    assert cohort.id is not None
    if enrollment(session, cohort.id, user_id) is None:
        raise NotFound("Deze deelnemer staat niet in deze groep.")
    session.exec(
        delete(Enrollment).where(
            col(Enrollment.cohort_id) == cohort.id, col(Enrollment.user_id) == user_id
        )
    )
    record(
        session,
        action="enrollment.remove",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
        user_id=user_id,
    )


def assign_trainer(session: Session, *, cohort: Cohort, user: User, actor_id: int | None) -> None:
    assert user.id is not None
    assert cohort.id is not None
    _require_member(session, cohort, user, Role.trainer)
    if session.get(CohortTrainer, (cohort.id, user.id)) is None:
        session.add(CohortTrainer(cohort_id=cohort.id, user_id=user.id))
        session.flush()
        record(
            session,
            action="cohort.trainer_add",
            actor_id=actor_id,
            organisation_id=cohort.organisation_id,
            cohort_id=cohort.id,
            user_id=user.id,
        )


def add_meeting(
    session: Session,
    *,
    cohort: Cohort,
    title: str,
    starts_at: datetime,
    location: str,
    actor_id: int | None,
) -> CohortMeeting:
    title = " ".join(title.split())
    if not title or len(title) > 120:
        raise InvalidInput("Geef de bijeenkomst een titel van hoogstens 120 tekens.", field="title")
    assert cohort.id is not None
    meeting = CohortMeeting(
        cohort_id=cohort.id, title=title, starts_at=starts_at, location=location.strip()[:200]
    )
    session.add(meeting)
    session.flush()
    record(
        session,
        action="cohort.meeting_add",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
    )
    return meeting


def set_meeting_modules(
    session: Session,
    *,
    cohort: Cohort,
    meeting: CohortMeeting,
    modules: Collection[int],
    known: Collection[int],
    actor_id: int | None,
) -> set[int]:
    """Replace the modules due before `meeting` (a session of `cohort`) with `modules`."""
    assert meeting.id is not None
    assert meeting.cohort_id == cohort.id
    wanted = set(modules)
    unknown = wanted - set(known)
    if unknown:
        raise InvalidInput("Kies alleen modules uit de lijst.", field=f"modules-{meeting.id}")
    session.exec(delete(MeetingModule).where(col(MeetingModule.meeting_id) == meeting.id))
    session.add_all(MeetingModule(meeting_id=meeting.id, module_number=n) for n in sorted(wanted))
    session.flush()
    record(
        session,
        action="cohort.schedule_set",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
        meeting_id=meeting.id,
        modules=sorted(wanted),
    )
    return wanted
