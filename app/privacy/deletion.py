"""Removing a member and closing an account, per the organisation's retention setting.

- delete: the account and everything that refers to it as its owner is deleted (the database
  cascades every `user_id`/`owner_id` foreign key).
- anonymise: the account keeps its learning data (module and video progress, scores of
  attempts, cohort enrollments) under a pseudonym, so cohort figures stay right; the name,
  e-mail, password, memberships, certificates, free-text answers and every other owned row
  (calculations, plans, ...) are removed.

A member who still belongs to another organisation only loses this organisation: their account
and learning data stay, because they are not this organisation's to remove."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import String, Table, cast, delete, update
from sqlmodel import Session, col, select

from app.accounts import queries as account_queries
from app.accounts.models import Invitation, Membership, Organisation, User
from app.accounts.passwords import hasher, verify_password
from app.audit.models import AuditEvent
from app.audit.service import record
from app.cohorts.models import Cohort, Enrollment
from app.db import metadata
from app.errors import InvalidInput, NotFound
from app.exercises.models import Attempt
from app.organisations import queries as org_queries
from app.organisations.models import OnboardingPath, OnboardingStart, Retention
from app.privacy.export import OWNER_COLUMNS
from app.settings import Settings

KEPT_WHEN_ANONYMISED = frozenset({"module_progress", "video_progress", "attempt", "enrollment"})
ANONYMOUS_NAME = "Geanonimiseerde deelnemer"
ERASED = "[gewist]"


@dataclass(frozen=True)
class Removal:
    user_id: int
    outcome: str  # deleted | anonymised | left_organisation

    @property
    def message(self) -> str:
        return {
            "deleted": "Het account en alle leergegevens zijn verwijderd.",
            "anonymised": "Het account is verwijderd; de leergegevens zijn geanonimiseerd bewaard.",
            "left_organisation": (
                "De medewerker is uit de organisatie gehaald. Het account blijft bestaan, omdat "
                "het ook bij een andere organisatie hoort."
            ),
        }[self.outcome]


def strictest(session: Session, user_id: int) -> Retention:
    """Delete when any organisation of the user asks for it (or the user belongs to none)."""
    org_ids = {m.organisation_id for m in _memberships(session, user_id)}
    settings = [org_queries.settings_for(session, org_id).retention for org_id in org_ids]
    if not settings or Retention.delete in settings:
        return Retention.delete
    return Retention.anonymise


def _memberships(session: Session, user_id: int) -> list[Membership]:
    return list(session.exec(select(Membership).where(Membership.user_id == user_id)).all())


def _owned_tables() -> list[tuple[Table, list[str]]]:
    found = []
    for table in metadata.sorted_tables:
        names = [
            c.name
            for c in table.columns
            if c.name in OWNER_COLUMNS
            and any(fk.column.table.name == "app_user" for fk in c.foreign_keys)
        ]
        if names and table.name not in KEPT_WHEN_ANONYMISED:
            found.append((table, names))
    return found


def _onboarding_cohorts(session: Session, email: str, user_id: int) -> list[Cohort]:
    by_email = select(OnboardingStart.cohort_id).where(OnboardingStart.email == email)
    by_enrollment = (
        select(OnboardingStart.cohort_id)
        .join(Enrollment, col(Enrollment.cohort_id) == OnboardingStart.cohort_id)
        .where(Enrollment.user_id == user_id)
    )
    ids = set(session.exec(by_email).all()) | set(session.exec(by_enrollment).all())
    return [c for c in (session.get(Cohort, i) for i in sorted(ids)) if c is not None]


def _anonymise(session: Session, user: User) -> None:
    assert user.id is not None
    old_email = user.email
    pseudonym = f"geanonimiseerd-{user.id}-{secrets.token_hex(6)}@verwijderd.invalid"
    for cohort in _onboarding_cohorts(session, old_email, user.id):
        path_name = session.exec(
            select(OnboardingPath.name)
            .join(OnboardingStart, col(OnboardingStart.path_id) == OnboardingPath.id)
            .where(OnboardingStart.cohort_id == cohort.id)
        ).first()
        cohort.name = f"Inwerken {path_name}: geanonimiseerd"[:120]
    session.exec(
        update(OnboardingStart)
        .where(col(OnboardingStart.email) == old_email)
        .values(email=pseudonym)
    )
    for table, names in _owned_tables():
        for name in names:
            session.exec(delete(table).where(table.c[name] == user.id))
    for attempt in session.exec(select(Attempt).where(Attempt.user_id == user.id)):
        if attempt.kind != "knowledge_check":
            attempt.answers = {}  # may hold free text; the score and result stay
    user.email, user.display_name = pseudonym, ANONYMOUS_NAME
    user.password_hash, user.password_changed_at = None, None
    user.is_active, user.is_platform_admin = False, False


def _delete(session: Session, user: User) -> None:
    assert user.id is not None
    for cohort in _onboarding_cohorts(session, user.email, user.id):
        session.delete(cohort)
    session.flush()
    session.exec(delete(User).where(col(User.id) == user.id))
    session.expunge(user)


def _scrub_audit(session: Session, email: str) -> None:
    """The audit log stays, but without this person's e-mail address in its details."""
    rows = session.exec(
        select(AuditEvent).where(cast(AuditEvent.detail, String).contains(email))
    ).all()
    for event in rows:
        event.detail = {
            key: ERASED if value == email else value for key, value in event.detail.items()
        }


def erase_account(
    session: Session, user_id: int, mode: Retention, *, actor_id: int | None
) -> Removal:
    """Close the account entirely: delete it, or anonymise it and keep the learning data."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    session.exec(delete(Invitation).where(col(Invitation.email) == user.email))
    _scrub_audit(session, user.email)
    session.flush()
    if mode == Retention.delete:
        _delete(session, user)
    else:
        _anonymise(session, user)
    session.flush()
    outcome = "deleted" if mode == Retention.delete else "anonymised"
    if outcome == "deleted" and actor_id == user_id:
        actor_id = None  # that account no longer exists
    record(session, action=f"account.{outcome}", actor_id=actor_id, user_id=user_id)
    return Removal(user_id, outcome)


def remove_member(
    session: Session, org: Organisation, user_id: int, *, actor_id: int | None
) -> Removal:
    """Take a member out of this organisation and apply its retention setting."""
    assert org.id is not None
    if actor_id is not None and user_id == actor_id:
        raise InvalidInput("Je kunt jezelf hier niet verwijderen.", field="user_id")
    user = account_queries.member_of(session, org.id, user_id)
    mode = Retention(org_queries.settings_for(session, org.id).retention)
    for membership in account_queries.memberships(session, org.id, user_id):
        session.delete(membership)
    session.exec(
        delete(Invitation).where(
            col(Invitation.email) == user.email, col(Invitation.organisation_id) == org.id
        )
    )
    session.flush()
    record(
        session,
        action="membership.remove",
        actor_id=actor_id,
        organisation_id=org.id,
        user_id=user_id,
    )
    if _memberships(session, user_id) or user.is_platform_admin:
        _leave_cohorts(session, org.id, user_id)
        return Removal(user_id, "left_organisation")
    return erase_account(session, user_id, mode, actor_id=actor_id)


def _leave_cohorts(session: Session, organisation_id: int, user_id: int) -> None:
    cohort_ids = select(Cohort.id).where(Cohort.organisation_id == organisation_id)
    session.exec(
        delete(Enrollment).where(
            col(Enrollment.user_id) == user_id, col(Enrollment.cohort_id).in_(cohort_ids)
        )
    )


def close_own_account(
    session: Session, settings: Settings, *, user_id: int, password: str
) -> Removal:
    """The user asks for their own account to be removed: check the password, then delete or
    anonymise under the strictest retention setting of their organisations."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if user.is_platform_admin:
        raise InvalidInput(
            "Een platformbeheerder kan het eigen account niet zo verwijderen; vraag een andere "
            "platformbeheerder.",
            field="password",
        )
    ph = hasher(settings.password_hash_memory_kib, settings.password_hash_time_cost)
    if not verify_password(ph, user.password_hash, password):
        raise InvalidInput("Je wachtwoord klopt niet.", field="password")
    return erase_account(session, user_id, strictest(session, user_id), actor_id=user_id)
