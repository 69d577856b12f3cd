"""Reads of the organisations domain. Callers pass organisations obtained through a scoped query
(ManagedOrganisation) or the viewer's own user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from sqlmodel import Session, col, select

from app.accounts.models import Invitation, Membership, Organisation, Role, Team, User
from app.calculations import formatting
from app.cohorts.models import Cohort, Enrollment
from app.errors import NotFound
from app.organisations.models import OnboardingPath, OnboardingStart, OrganisationSettings
from app.progress.models import ModuleProgress

T = TypeVar("T")


def settings_for(session: Session, organisation_id: int) -> OrganisationSettings:
    """The stored settings, or the defaults (not added to the session) when none were saved."""
    found = session.get(OrganisationSettings, organisation_id)
    return found if found is not None else OrganisationSettings(organisation_id=organisation_id)


@dataclass(frozen=True)
class EscalationRoute:
    organisation_name: str
    contact_name: str
    contact_details: str
    budget_cents: int | None
    budget_note: str
    mandate_holder: str
    steps: tuple[str, ...]

    @property
    def budget_text(self) -> str:
        return euro_text(self.budget_cents) if self.budget_cents is not None else ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.contact_name or self.budget_cents is not None or self.mandate_holder or self.steps
        )


def escalation_route_for_user(session: Session, user_id: int) -> list[EscalationRoute]:
    """The local doorbraakroute of every organisation where this user is a trainee (usually
    one). Organisations that filled in nothing are left out."""
    rows = session.exec(
        select(Organisation, OrganisationSettings)
        .join(Membership, col(Membership.organisation_id) == Organisation.id)
        .join(
            OrganisationSettings,
            col(OrganisationSettings.organisation_id) == Organisation.id,
        )
        .where(Membership.user_id == user_id, Membership.role == Role.trainee)
        .order_by(col(Organisation.name))
    ).all()
    routes = [route_of(org, settings) for org, settings in rows]
    return [route for route in routes if not route.is_empty]


def route_of(org: Organisation, settings: OrganisationSettings) -> EscalationRoute:
    return EscalationRoute(
        organisation_name=org.name,
        contact_name=settings.contact_name,
        contact_details=settings.contact_details,
        budget_cents=settings.budget_cents,
        budget_note=settings.budget_note,
        mandate_holder=settings.mandate_holder,
        steps=tuple(settings.escalation_steps),
    )


def onboarding_paths(session: Session, organisation_id: int) -> list[OnboardingPath]:
    return list(
        session.exec(
            select(OnboardingPath)
            .where(OnboardingPath.organisation_id == organisation_id)
            .order_by(col(OnboardingPath.name))
        ).all()
    )


def onboarding_path_in(session: Session, organisation_id: int, path_id: int) -> OnboardingPath:
    path = session.get(OnboardingPath, path_id)
    if path is None or path.organisation_id != organisation_id:
        raise NotFound("Dit inwerkpad bestaat niet in deze organisatie.")
    return path


def onboarding_start(session: Session, path_id: int, email: str) -> OnboardingStart | None:
    return session.exec(
        select(OnboardingStart).where(
            OnboardingStart.path_id == path_id, OnboardingStart.email == email
        )
    ).first()


def onboarding_for_cohort(session: Session, cohort_id: int) -> OnboardingStart | None:
    return session.exec(
        select(OnboardingStart).where(OnboardingStart.cohort_id == cohort_id)
    ).first()


@dataclass(frozen=True)
class OnboardingRow:
    start: OnboardingStart
    path: OnboardingPath
    cohort: Cohort
    enrolled: bool


def onboarding_starts(session: Session, organisation_id: int) -> list[OnboardingRow]:
    """Every start on this organisation's paths, newest first, with whether the person joined."""
    rows = session.exec(
        select(OnboardingStart, OnboardingPath, Cohort)
        .join(OnboardingPath, col(OnboardingPath.id) == OnboardingStart.path_id)
        .join(Cohort, col(Cohort.id) == OnboardingStart.cohort_id)
        .where(OnboardingPath.organisation_id == organisation_id)
        .order_by(col(OnboardingStart.starts_on).desc(), col(OnboardingStart.id).desc())
    ).all()
    cohort_ids = [cohort.id for _, _, cohort in rows]
    joined = set(
        session.exec(
            select(Enrollment.cohort_id).where(col(Enrollment.cohort_id).in_(cohort_ids))
        ).all()
    )
    return [OnboardingRow(start, path, cohort, cohort.id in joined) for start, path, cohort in rows]


@dataclass(frozen=True)
class ImportLookups:
    """Everything the staff import compares a file against, read in a few queries."""

    cohorts: dict[str, list[Cohort]]  # lower-case name -> ordinary (non-onboarding) cohorts
    paths: dict[str, OnboardingPath]  # lower-case name -> path
    teams: dict[str, str]  # lower-case name -> name as stored
    users: dict[str, tuple[int, bool]]  # e-mail -> (user id, is a trainee here)
    enrolled: set[tuple[int, int]]  # (cohort id, user id)
    open_invitations: set[tuple[str, int | None]]  # (e-mail, cohort id) for trainees
    started: set[tuple[int, str]]  # (path id, e-mail)


def import_lookups(
    session: Session, organisation_id: int, emails: list[str], now: datetime
) -> ImportLookups:
    onboarding_cohorts = set(
        session.exec(
            select(OnboardingStart.cohort_id)
            .join(OnboardingPath, col(OnboardingPath.id) == OnboardingStart.path_id)
            .where(OnboardingPath.organisation_id == organisation_id)
        ).all()
    )
    cohorts: dict[str, list[Cohort]] = {}
    for cohort in session.exec(select(Cohort).where(Cohort.organisation_id == organisation_id)):
        if cohort.id not in onboarding_cohorts:
            cohorts.setdefault(cohort.name.lower(), []).append(cohort)
    paths = {p.name.lower(): p for p in onboarding_paths(session, organisation_id)}
    teams = {
        name.lower(): name
        for name in session.exec(select(Team.name).where(Team.organisation_id == organisation_id))
    }
    users = _users_by_email(session, organisation_id, emails)
    return ImportLookups(
        cohorts=cohorts,
        paths=paths,
        teams=teams,
        users=users,
        enrolled=_enrolled(session, [uid for uid, _ in users.values()]),
        open_invitations=_open_invitations(session, organisation_id, emails, now),
        started=_started(session, organisation_id, emails),
    )


def _users_by_email(
    session: Session, organisation_id: int, emails: list[str]
) -> dict[str, tuple[int, bool]]:
    found: dict[str, int] = {}
    for email_chunk in _chunks(emails):
        for user_id, email in session.exec(
            select(User.id, User.email).where(col(User.email).in_(email_chunk))
        ):
            if user_id is not None:
                found[email] = user_id
    trainees: set[int] = set()
    for chunk in _chunks(list(found.values())):
        trainees.update(
            session.exec(
                select(Membership.user_id).where(
                    col(Membership.user_id).in_(chunk),
                    Membership.organisation_id == organisation_id,
                    Membership.role == Role.trainee,
                )
            ).all()
        )
    return {email: (uid, uid in trainees) for email, uid in found.items()}


def _enrolled(session: Session, user_ids: list[int]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for chunk in _chunks(user_ids):
        pairs.update(
            session.exec(
                select(Enrollment.cohort_id, Enrollment.user_id).where(
                    col(Enrollment.user_id).in_(chunk)
                )
            ).all()
        )
    return pairs


def _open_invitations(
    session: Session, organisation_id: int, emails: list[str], now: datetime
) -> set[tuple[str, int | None]]:
    pairs: set[tuple[str, int | None]] = set()
    for chunk in _chunks(emails):
        pairs.update(
            session.exec(
                select(Invitation.email, Invitation.cohort_id).where(
                    Invitation.organisation_id == organisation_id,
                    Invitation.role == Role.trainee,
                    col(Invitation.email).in_(chunk),
                    Invitation.expires_at > now,
                )
            ).all()
        )
    return pairs


def _started(session: Session, organisation_id: int, emails: list[str]) -> set[tuple[int, str]]:
    pairs: set[tuple[int, str]] = set()
    for chunk in _chunks(emails):
        pairs.update(
            session.exec(
                select(OnboardingStart.path_id, OnboardingStart.email)
                .join(OnboardingPath, col(OnboardingPath.id) == OnboardingStart.path_id)
                .where(
                    OnboardingPath.organisation_id == organisation_id,
                    col(OnboardingStart.email).in_(chunk),
                )
            ).all()
        )
    return pairs


def _chunks(values: list[T], size: int = 500) -> list[list[T]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def required_modules(
    session: Session, cohort_ids: list[int], all_modules: tuple[int, ...]
) -> dict[int, tuple[int, ...]]:
    """cohort id -> the modules a trainee must complete there: the onboarding path's modules
    for a personal onboarding cohort, otherwise every module of the course."""
    required = dict.fromkeys(cohort_ids, all_modules)
    for chunk in _chunks(cohort_ids):
        for cohort_id, numbers in session.exec(
            select(OnboardingStart.cohort_id, OnboardingStart.module_numbers).where(
                col(OnboardingStart.cohort_id).in_(chunk)
            )
        ):
            required[cohort_id] = tuple(int(n) for n in numbers)
    return required


def completed_modules(session: Session, user_ids: list[int]) -> dict[int, set[int]]:
    """user id -> the module numbers whose stored progress says completed."""
    done: dict[int, set[int]] = {user_id: set() for user_id in user_ids}
    for chunk in _chunks(user_ids):
        for user_id, number in session.exec(
            select(ModuleProgress.user_id, ModuleProgress.module_number).where(
                col(ModuleProgress.user_id).in_(chunk), ModuleProgress.status == "completed"
            )
        ):
            done.setdefault(user_id, set()).add(number)
    return done


@dataclass(frozen=True)
class TraineeRow:
    user: User
    team: str


def trainees_of(session: Session, organisation_id: int) -> list[TraineeRow]:
    """Members with the trainee role, with their team (no answers, no free text)."""
    rows = session.exec(
        select(User, Team.name)
        .join(Membership, col(Membership.user_id) == User.id)
        .join(Team, col(Team.id) == Membership.team_id, isouter=True)
        .where(Membership.organisation_id == organisation_id, Membership.role == Role.trainee)
        .order_by(col(User.display_name), col(User.id))
    ).all()
    return [TraineeRow(user, team or "") for user, team in rows]


def enrollments_in(session: Session, organisation_id: int) -> list[tuple[int, int]]:
    """(cohort id, user id) of every enrollment in this organisation's cohorts."""
    return list(
        session.exec(
            select(Enrollment.cohort_id, Enrollment.user_id)
            .join(Cohort, col(Cohort.id) == Enrollment.cohort_id)
            .where(Cohort.organisation_id == organisation_id)
        ).all()
    )


def euro_text(cents: int) -> str:
    """€ 3.000 or € 2.500,50 (Dutch notation, app/calculations/formatting.py)."""
    places = 0 if cents % 100 == 0 else 2
    return f"€ {formatting.number(Decimal(cents) / 100, places)}"
