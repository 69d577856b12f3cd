"""Every read of the accounts domain, starting from what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from app.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    PasswordResetToken,
    Team,
    ThrottleEvent,
    User,
    UserSession,
)
from app.accounts.viewer import Viewer
from app.errors import NotFound


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def live_session(
    session: Session, session_id: str, *, now: datetime, idle: timedelta, absolute: timedelta
) -> tuple[UserSession, User] | None:
    """The session and its user, if it exists, is within both lifetimes and the user is active."""
    row = session.exec(
        select(UserSession, User)
        .join(User, col(User.id) == UserSession.user_id)
        .where(UserSession.id == session_id)
    ).first()
    if row is None:
        return None
    user_session, user = row
    if not user.is_active:
        return None
    if now - user_session.last_seen_at > idle or now - user_session.created_at > absolute:
        return None
    return user_session, user


def viewer_for(session: Session, user_session: UserSession, user: User) -> Viewer:
    """The viewer with roles, organisations and the organisation acted in (one query): the one
    chosen in this session while still a member there, else the newest trainee membership,
    else the newest membership of any role."""
    assert user.id is not None
    rows = session.exec(
        select(Membership, Organisation.name)
        .join(Organisation, col(Organisation.id) == Membership.organisation_id)
        .where(Membership.user_id == user.id)
    ).all()
    names = {m.organisation_id: name for m, name in rows}
    acting = user_session.organisation_id
    if acting not in names:
        newest = max(
            (m for m, _ in rows),
            key=lambda m: (m.role == "trainee", m.created_at, m.id or 0),
            default=None,
        )
        acting = newest.organisation_id if newest else None
    return Viewer(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        session_id=user_session.id,
        is_platform_admin=user.is_platform_admin,
        roles=frozenset((m.organisation_id, m.role) for m, _ in rows),
        organisation_id=acting,
        organisations=tuple(sorted(names.items(), key=lambda item: (item[1], item[0]))),
    )


def organisations_for(session: Session, viewer: Viewer) -> list[Organisation]:
    query = select(Organisation).order_by(Organisation.name)
    if not viewer.is_platform_admin:
        query = query.where(col(Organisation.id).in_(viewer.organisation_ids()))
    return list(session.exec(query).all())


def managed_organisation(session: Session, viewer: Viewer, slug: str) -> Organisation:
    """The organisation with this slug if the viewer manages it; otherwise NotFound."""
    org = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if org is None or org.id is None or not viewer.can_manage(org.id):
        raise NotFound("Deze organisatie bestaat niet of je hebt er geen toegang toe.")
    return org


def organisation_by_slug(session: Session, slug: str) -> Organisation | None:
    return session.exec(select(Organisation).where(Organisation.slug == slug)).first()


@dataclass(frozen=True)
class MemberRow:
    user: User
    roles: tuple[str, ...]
    team: str


def members_of(session: Session, organisation_id: int) -> list[MemberRow]:
    """Staff of one organisation. Callers pass an organisation obtained through a scoped query."""
    rows = session.exec(
        select(User, Membership, Team)
        .join(Membership, col(Membership.user_id) == User.id)
        .join(Team, col(Team.id) == Membership.team_id, isouter=True)
        .where(Membership.organisation_id == organisation_id)
        .order_by(col(User.display_name), col(User.id))
    ).all()
    grouped: dict[int, tuple[User, list[str], str]] = {}
    for user, membership, team in rows:
        assert user.id is not None
        entry = grouped.setdefault(user.id, (user, [], ""))
        entry[1].append(membership.role)
        if team is not None:
            grouped[user.id] = (entry[0], entry[1], team.name)
    return [MemberRow(user, tuple(sorted(r)), team) for user, r, team in grouped.values()]


def member_of(session: Session, organisation_id: int, user_id: int) -> User:
    user = session.exec(
        select(User)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.organisation_id == organisation_id, User.id == user_id)
    ).first()
    if user is None:
        raise NotFound("Deze medewerker bestaat niet of hoort niet bij jouw organisatie.")
    return user


def memberships(session: Session, organisation_id: int, user_id: int) -> list[Membership]:
    return list(
        session.exec(
            select(Membership).where(
                Membership.organisation_id == organisation_id, Membership.user_id == user_id
            )
        ).all()
    )


def teams_of(session: Session, organisation_id: int) -> list[Team]:
    return list(
        session.exec(
            select(Team).where(Team.organisation_id == organisation_id).order_by(Team.name)
        ).all()
    )


def team_in(session: Session, organisation_id: int, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None or team.organisation_id != organisation_id:
        raise NotFound("Dit team bestaat niet in deze organisatie.")
    return team


def pending_invitations(session: Session, organisation_id: int, now: datetime) -> list[Invitation]:
    return list(
        session.exec(
            select(Invitation)
            .where(
                Invitation.organisation_id == organisation_id,
                col(Invitation.accepted_at).is_(None),
                Invitation.expires_at > now,
            )
            .order_by(col(Invitation.created_at).desc())
        ).all()
    )


def invitation_by_token(session: Session, token_hash: str) -> Invitation | None:
    return session.exec(select(Invitation).where(Invitation.token_hash == token_hash)).first()


def reset_token(session: Session, token_hash: str) -> PasswordResetToken | None:
    return session.exec(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == token_hash)
    ).first()


@dataclass(frozen=True)
class EventCount:
    count: int
    oldest: datetime | None
    newest: datetime | None


def events_since(session: Session, key: str, since: datetime) -> EventCount:
    """How many throttle events this key has had since `since`, the oldest and the newest."""
    count, oldest, newest = session.exec(
        select(func.count(), func.min(ThrottleEvent.at), func.max(ThrottleEvent.at)).where(
            ThrottleEvent.key == key, ThrottleEvent.at > since
        )
    ).one()
    return EventCount(int(count), oldest, newest)
