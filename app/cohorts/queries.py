"""Every read of the cohorts domain, starting from what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from app.accounts.models import Membership, Role, Team, User
from app.accounts.viewer import Viewer
from app.cohorts.context import StaffScope, WorkContext, scope_of
from app.cohorts.models import Cohort, CohortMeeting, CohortTrainer, Enrollment
from app.errors import NotFound

HIDDEN = "Deze groep bestaat niet of je hebt er geen toegang toe."


def trained_cohort_ids(session: Session, viewer: Viewer) -> set[int]:
    rows = session.exec(
        select(CohortTrainer.cohort_id).where(CohortTrainer.user_id == viewer.user_id)
    ).all()
    return set(rows)


def enrolled_cohort_ids(session: Session, viewer: Viewer) -> set[int]:
    rows = session.exec(select(Enrollment.cohort_id).where(Enrollment.user_id == viewer.user_id))
    return set(rows.all())


def trained_cohort_ids_with_role(session: Session, viewer: Viewer) -> set[int]:
    """Cohorts the viewer trains while holding the trainer role in the cohort's organisation."""
    rows = session.exec(
        select(Cohort.id, Cohort.organisation_id)
        .join(CohortTrainer, col(CohortTrainer.cohort_id) == Cohort.id)
        .where(CohortTrainer.user_id == viewer.user_id)
    ).all()
    return {cid for cid, org in rows if cid is not None and viewer.has_role(org, Role.trainer)}


def trainer_scope(session: Session, viewer: Viewer) -> StaffScope:
    """Work made in the cohorts the viewer trains (trainers read trainees' free text)."""
    return scope_of(
        everything=False,
        organisation_ids=(),
        cohort_ids=trained_cohort_ids_with_role(session, viewer),
    )


def staff_scope(session: Session, viewer: Viewer) -> StaffScope:
    """Work made in the cohorts the viewer trains, or in organisations the viewer manages."""
    return scope_of(
        everything=viewer.is_platform_admin,
        organisation_ids=viewer.organisation_ids(Role.org_admin),
        cohort_ids=trained_cohort_ids_with_role(session, viewer),
    )


def work_context(session: Session, viewer: Viewer, today: date) -> WorkContext:
    """Where the viewer's new work belongs: the organisation they act in and their cohort there
    (the one whose dates contain today, else the one that started last)."""
    organisation_id = viewer.organisation_id
    if organisation_id is None:
        return WorkContext(viewer.user_id, None, None)
    cohorts = session.exec(
        select(Cohort)
        .join(Enrollment, col(Enrollment.cohort_id) == Cohort.id)
        .where(Enrollment.user_id == viewer.user_id, Cohort.organisation_id == organisation_id)
        .order_by(col(Cohort.starts_on).desc(), col(Cohort.id).desc())
    ).all()
    current = next((c for c in cohorts if c.starts_on <= today <= c.ends_on), None)
    chosen = current or (cohorts[0] if cohorts else None)
    return WorkContext(viewer.user_id, organisation_id, chosen.id if chosen else None)


def staff_cohorts(session: Session, viewer: Viewer) -> list[Cohort]:
    """Cohorts the viewer trains, plus every cohort of organisations the viewer manages."""
    managed = viewer.organisation_ids(Role.org_admin)
    trained = trained_cohort_ids(session, viewer)
    query = select(Cohort).order_by(col(Cohort.starts_on).desc(), Cohort.name)
    if not viewer.is_platform_admin:
        query = query.where(col(Cohort.organisation_id).in_(managed) | col(Cohort.id).in_(trained))
    return list(session.exec(query).all())


def organisation_cohorts(session: Session, organisation_id: int) -> list[Cohort]:
    return list(
        session.exec(
            select(Cohort)
            .where(Cohort.organisation_id == organisation_id)
            .order_by(col(Cohort.starts_on).desc(), Cohort.name)
        ).all()
    )


def trainee_cohorts(session: Session, viewer: Viewer) -> list[Cohort]:
    return list(
        session.exec(
            select(Cohort)
            .join(Enrollment, col(Enrollment.cohort_id) == Cohort.id)
            .where(Enrollment.user_id == viewer.user_id)
            .order_by(col(Cohort.starts_on).desc())
        ).all()
    )


def cohort_for_staff(session: Session, viewer: Viewer, cohort_id: int) -> Cohort:
    """A cohort the viewer trains or manages; anything else answers NotFound (404)."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound(HIDDEN)
    if viewer.can_manage(cohort.organisation_id):
        return cohort
    if viewer.has_role(cohort.organisation_id, Role.trainer) and cohort_id in trained_cohort_ids(
        session, viewer
    ):
        return cohort
    raise NotFound(HIDDEN)


def cohort_for_member(session: Session, viewer: Viewer, cohort_id: int) -> Cohort:
    """A cohort the viewer is enrolled in, trains or manages."""
    try:
        return cohort_for_staff(session, viewer, cohort_id)
    except NotFound:
        pass
    if cohort_id in enrolled_cohort_ids(session, viewer):
        cohort = session.get(Cohort, cohort_id)
        if cohort is not None:
            return cohort
    raise NotFound(HIDDEN)


@dataclass(frozen=True)
class EnrolledTrainee:
    user: User
    enrollment: Enrollment
    team: str


def enrolled_trainees(session: Session, cohort: Cohort) -> list[EnrolledTrainee]:
    rows = session.exec(
        select(User, Enrollment, Team)
        .join(Enrollment, col(Enrollment.user_id) == User.id)
        .join(
            Membership,
            (col(Membership.user_id) == User.id)
            & (col(Membership.organisation_id) == cohort.organisation_id)
            & (col(Membership.role) == Role.trainee),
            isouter=True,
        )
        .join(Team, col(Team.id) == Membership.team_id, isouter=True)
        .where(Enrollment.cohort_id == cohort.id)
        .order_by(col(User.display_name), col(User.id))
    ).all()
    return [
        EnrolledTrainee(user, enrollment, team.name if team else "")
        for user, enrollment, team in rows
    ]


def trainers_of(session: Session, cohort: Cohort) -> list[User]:
    return list(
        session.exec(
            select(User)
            .join(CohortTrainer, col(CohortTrainer.user_id) == User.id)
            .where(CohortTrainer.cohort_id == cohort.id)
            .order_by(User.display_name)
        ).all()
    )


def meetings_of(session: Session, cohort: Cohort) -> list[CohortMeeting]:
    return list(
        session.exec(
            select(CohortMeeting)
            .where(CohortMeeting.cohort_id == cohort.id)
            .order_by(col(CohortMeeting.starts_at))
        ).all()
    )


def enrollment(session: Session, cohort_id: int, user_id: int) -> Enrollment | None:
    return session.exec(
        select(Enrollment).where(Enrollment.cohort_id == cohort_id, Enrollment.user_id == user_id)
    ).first()
