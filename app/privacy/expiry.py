"""Expiry of inactive accounts: a trainee of an organisation that set an expiry period, who has
not learned anything and had no open login session for that many months, is removed from the
organisation under its retention setting (see deletion.remove_member).

Only members whose sole role there is trainee expire; trainers and org admins do not."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from app.accounts.models import Membership, Organisation, Role, User, UserSession
from app.organisations.activity import learning_activity, newest
from app.organisations.models import OrganisationSettings
from app.privacy.deletion import remove_member


@dataclass(frozen=True)
class Expired:
    organisation: str
    user_id: int
    last_active: datetime
    outcome: str


def months_before(moment: datetime, months: int) -> datetime:
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _trainee_only_members(session: Session, organisation_id: int) -> list[int]:
    roles: dict[int, set[str]] = {}
    for user_id, role in session.exec(
        select(Membership.user_id, Membership.role).where(
            Membership.organisation_id == organisation_id
        )
    ):
        roles.setdefault(user_id, set()).add(role)
    return sorted(uid for uid, found in roles.items() if found == {str(Role.trainee)})


def last_activity(
    session: Session, organisation_id: int, user_ids: list[int]
) -> dict[int, datetime]:
    """The newest of: learning, a login session, the account's creation, joining here."""
    found = learning_activity(session, user_ids)
    for start in range(0, len(user_ids), 500):
        chunk = user_ids[start : start + 500]
        newest(
            found,
            session.exec(
                select(UserSession.user_id, func.max(UserSession.last_seen_at))
                .where(col(UserSession.user_id).in_(chunk))
                .group_by(col(UserSession.user_id))
            ).all(),
        )
        newest(found, session.exec(select(User.id, User.created_at).where(col(User.id).in_(chunk))))
        newest(
            found,
            session.exec(
                select(Membership.user_id, Membership.created_at).where(
                    col(Membership.user_id).in_(chunk),
                    Membership.organisation_id == organisation_id,
                )
            ).all(),
        )
    return found


def inactive_members(
    session: Session, now: datetime, *, organisation_id: int | None = None
) -> list[tuple[Organisation, int, datetime]]:
    """(organisation, user id, last activity) of every member past their organisation's period
    (of one organisation, or of all)."""
    query = (
        select(OrganisationSettings, Organisation)
        .join(Organisation, col(Organisation.id) == OrganisationSettings.organisation_id)
        .where(col(OrganisationSettings.inactive_expiry_months).is_not(None))
        .order_by(col(Organisation.name))
    )
    if organisation_id is not None:
        query = query.where(Organisation.id == organisation_id)
    found = []
    for settings, org in session.exec(query).all():
        assert org.id is not None
        assert settings.inactive_expiry_months is not None
        cutoff = months_before(now, settings.inactive_expiry_months)
        members = _trainee_only_members(session, org.id)
        activity = last_activity(session, org.id, members)
        found += [(org, uid, activity[uid]) for uid in members if activity[uid] < cutoff]
    return found


def expire_inactive(session: Session, now: datetime, *, dry_run: bool = False) -> list[Expired]:
    """Remove every inactive member (unless dry_run) and return who it concerned."""
    expired = []
    for org, user_id, last in inactive_members(session, now):
        outcome = "dry_run"
        if not dry_run:
            outcome = remove_member(session, org, user_id, actor_id=None).outcome
        expired.append(Expired(org.name, user_id, last, outcome))
    return expired
