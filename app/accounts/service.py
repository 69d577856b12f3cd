"""State changes of the accounts domain. Services flush, never commit, and record audit events."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from app.accounts import queries, throttle
from app.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    PasswordResetToken,
    Role,
    Team,
    ThrottleEvent,
    User,
    UserSession,
)
from app.accounts.passwords import hash_password, hasher, password_problem, verify_password
from app.accounts.tokens import hash_token, new_token
from app.accounts.viewer import Viewer
from app.audit.service import record
from app.db import Database, WriteLock, session_scope, utcnow
from app.errors import InvalidInput, NotFound, TooManyAttempts
from app.settings import Settings

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_email(email: str) -> str:
    email = queries.normalise_email(email)
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise InvalidInput("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.", field="email")
    return email


def check_name(name: str, *, field: str = "display_name") -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("Vul een naam in.", field=field)
    if len(name) > 120:
        raise InvalidInput("Een naam mag hoogstens 120 tekens lang zijn.", field=field)
    return name


def create_user(
    session: Session,
    settings: Settings,
    *,
    email: str,
    display_name: str,
    password: str | None,
    is_platform_admin: bool = False,
) -> User:
    email = check_email(email)
    if queries.user_by_email(session, email) is not None:
        raise InvalidInput("Er bestaat al een account met dit e-mailadres.", field="email")
    user = User(
        email=email,
        display_name=check_name(display_name),
        is_platform_admin=is_platform_admin,
    )
    if password is not None:
        _set_password(settings, user, password)
    session.add(user)
    session.flush()
    return user


def _set_password(settings: Settings, user: User, password: str) -> None:
    problem = password_problem(password, email=user.email)
    if problem:
        raise InvalidInput(problem, field="password")
    user.password_hash = hash_password(_hasher(settings), password)
    user.password_changed_at = utcnow()


def _hasher(settings: Settings):  # type: ignore[no-untyped-def]
    return hasher(settings.password_hash_memory_kib, settings.password_hash_time_cost)


def add_membership(
    session: Session,
    *,
    user: User,
    organisation_id: int,
    role: Role | str,
    team_id: int | None = None,
    actor_id: int | None,
) -> Membership:
    assert user.id is not None
    role = Role(role)
    existing = next(
        (m for m in queries.memberships(session, organisation_id, user.id) if m.role == role), None
    )
    if existing is not None:
        if team_id is not None:
            existing.team_id = team_id
        return existing
    membership = Membership(
        user_id=user.id, organisation_id=organisation_id, role=role, team_id=team_id
    )
    session.add(membership)
    record(
        session,
        action="membership.add",
        actor_id=actor_id,
        organisation_id=organisation_id,
        user_id=user.id,
        role=str(role),
    )
    session.flush()
    return membership


def start_session(session: Session, *, user: User, client_address: str, user_agent: str) -> str:
    assert user.id is not None
    raw, token_hash = new_token()
    session.add(
        UserSession(
            id=token_hash,
            user_id=user.id,
            client_address=client_address[:64],
            user_agent=user_agent[:255],
        )
    )
    session.flush()
    return raw


def end_session(session: Session, session_id: str) -> None:
    session.exec(delete(UserSession).where(col(UserSession.id) == session_id))


def end_all_sessions(session: Session, user_id: int) -> None:
    session.exec(delete(UserSession).where(col(UserSession.user_id) == user_id))


def touch_session(session: Session, session_id: str, now: datetime) -> None:
    user_session = session.get(UserSession, session_id)
    if user_session is not None:
        user_session.last_seen_at = now


def choose_organisation(session: Session, viewer: Viewer, organisation_id: int) -> None:
    """Act in another organisation of one's own for the rest of this login session."""
    user_session = session.get(UserSession, viewer.session_id)
    if user_session is None or organisation_id not in dict(viewer.organisations):
        raise NotFound("Je hoort niet bij deze organisatie.")
    user_session.organisation_id = organisation_id
    session.add(user_session)
    session.flush()


def _key(kind: str, value: str) -> str:
    return f"{kind}:{value}"[:300]


def _count_events(session: Session, keys: tuple[str, ...], now: datetime) -> list[int]:
    """Record one throttle event per key (returns their ids), and drop events too old to count
    for anything (they name e-mail addresses, so they are not kept longer than needed)."""
    session.exec(delete(ThrottleEvent).where(col(ThrottleEvent.at) < now - throttle.FAILURE_MEMORY))
    events = [ThrottleEvent(key=key, at=now) for key in keys]
    session.add_all(events)
    session.flush()
    return [event.id for event in events if event.id is not None]


def _login_wait(
    session: Session, settings: Settings, *, email: str, client_address: str, now: datetime
) -> datetime | None:
    """Until when this login must wait (address throttle or the account's soft lock), or None."""
    window = timedelta(minutes=settings.login_window_minutes)
    address = queries.events_since(session, _key("login-address", client_address), now - window)
    account = queries.events_since(
        session, _key("login-account", email), now - throttle.FAILURE_MEMORY
    )
    waits = [
        throttle.window_full_until(
            address.count, address.oldest, limit=settings.login_max_failures_address, window=window
        ),
        throttle.soft_lock_until(
            account.count,
            account.newest,
            free=settings.login_max_failures_account,
            max_minutes=settings.login_delay_max_minutes,
        ),
    ]
    return max((w for w in waits if w is not None and w > now), default=None)


def login(
    db: Database,
    settings: Settings,
    *,
    write_lock: WriteLock,
    email: str,
    password: str,
    client_address: str,
    user_agent: str,
) -> tuple[str, User]:
    """Check the password (throttled per account and per address) and start a session.

    The argon2 hash runs between two short writes, outside any transaction and outside the
    write gate (`write_lock`). The first write checks the throttles and counts this attempt as a
    failure before the hash, so parallel guesses cannot all pass the check; the second takes the
    count back and starts the session when the password was right. Exactly one hash is verified
    in every case (unknown, inactive and waiting accounts too), so timing tells nothing."""
    email = queries.normalise_email(email)
    now = utcnow()
    keys = (_key("login-account", email), _key("login-address", client_address))
    with write_lock(), session_scope(db, write=True) as session:
        wait = _login_wait(session, settings, email=email, client_address=client_address, now=now)
        user = queries.user_by_email(session, email)
        counted = _count_events(session, keys, now) if wait is None else []
    stored = user.password_hash if user is not None and user.is_active else None
    matches = verify_password(_hasher(settings), stored, password)
    if wait is not None:
        raise TooManyAttempts(throttle.login_wait_message(throttle.minutes_left(wait, now)))
    if user is None or not matches:
        raise InvalidInput("Het e-mailadres of het wachtwoord klopt niet.", field="password")
    with write_lock(), session_scope(db, write=True) as session:
        session.exec(delete(ThrottleEvent).where(col(ThrottleEvent.id).in_(counted)))
        _forget_login_failures(session, email)
        raw = start_session(
            session, user=user, client_address=client_address, user_agent=user_agent
        )
    return raw, user


def _forget_login_failures(session: Session, email: str) -> None:
    """Lift the soft lock of this account (after a good login or a password reset)."""
    key = _key("login-account", queries.normalise_email(email))
    session.exec(delete(ThrottleEvent).where(col(ThrottleEvent.key) == key))


def change_password(
    session: Session, settings: Settings, *, user_id: int, current: str, new: str
) -> User:
    """Change the password and end every session of this user (the caller starts a fresh one)."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if not verify_password(_hasher(settings), user.password_hash, current):
        raise InvalidInput("Je huidige wachtwoord klopt niet.", field="current_password")
    _set_password(settings, user, new)
    end_all_sessions(session, user_id)
    record(session, action="password.change", actor_id=user_id)
    return user


def request_password_reset(
    session: Session, settings: Settings, *, email: str, client_address: str
) -> str | None:
    """Create a single-use reset token for an active account; returns the raw token (or None).

    Refused (TooManyAttempts) when this e-mail address or this client address asked too often
    in the last hour; unknown addresses count and are refused the same way."""
    email = queries.normalise_email(email)
    now = utcnow()
    _check_reset_limits(session, settings, email=email, client_address=client_address, now=now)
    _count_events(
        session, (_key("reset-account", email), _key("reset-address", client_address)), now
    )
    user = queries.user_by_email(session, email)
    if user is None or not user.is_active or user.id is None:
        return None
    raw, token_hash = new_token()
    session.add(
        PasswordResetToken(
            token_hash=token_hash,
            user_id=user.id,
            expires_at=now + timedelta(minutes=settings.reset_token_minutes),
        )
    )
    record(
        session,
        action="password.reset_requested",
        actor_id=user.id,
        client_address=client_address,
    )
    return raw


def _check_reset_limits(
    session: Session, settings: Settings, *, email: str, client_address: str, now: datetime
) -> None:
    since = now - throttle.RESET_WINDOW
    limits = [
        (_key("reset-account", email), settings.reset_max_requests_account),
        (_key("reset-address", client_address), settings.reset_max_requests_address),
    ]
    for key, limit in limits:
        counted = queries.events_since(session, key, since)
        until = throttle.window_full_until(
            counted.count, counted.oldest, limit=limit, window=throttle.RESET_WINDOW
        )
        if until is not None:
            raise TooManyAttempts(throttle.reset_wait_message(throttle.minutes_left(until, now)))


def valid_reset_token(session: Session, raw: str) -> PasswordResetToken:
    token = queries.reset_token(session, hash_token(raw))
    if token is None or token.used_at is not None or token.expires_at < utcnow():
        raise NotFound("Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.")
    return token


def reset_password(session: Session, settings: Settings, *, raw: str, new: str) -> User:
    token = valid_reset_token(session, raw)
    user = session.get(User, token.user_id)
    if user is None:
        raise NotFound()
    _set_password(settings, user, new)
    token.used_at = utcnow()
    end_all_sessions(session, token.user_id)
    _forget_login_failures(session, user.email)
    record(session, action="password.reset", actor_id=user.id)
    return user


def create_organisation(
    session: Session, *, name: str, slug: str, actor_id: int | None
) -> Organisation:
    name = check_name(name, field="name")
    if not SLUG_RE.match(slug) or len(slug) > 80:
        raise InvalidInput(
            "Gebruik voor de korte naam kleine letters, cijfers en streepjes.", field="slug"
        )
    if queries.organisation_by_slug(session, slug) is not None:
        raise InvalidInput("Deze korte naam is al in gebruik.", field="slug")
    org = Organisation(name=name, slug=slug)
    session.add(org)
    session.flush()
    record(session, action="organisation.create", actor_id=actor_id, organisation_id=org.id)
    return org


def create_team(session: Session, *, organisation_id: int, name: str, actor_id: int | None) -> Team:
    name = check_name(name, field="name")
    existing = [t for t in queries.teams_of(session, organisation_id) if t.name == name]
    if existing:
        return existing[0]
    team = Team(organisation_id=organisation_id, name=name)
    session.add(team)
    session.flush()
    record(
        session, action="team.create", actor_id=actor_id, organisation_id=organisation_id, team=name
    )
    return team


def create_invitation(
    session: Session,
    settings: Settings,
    *,
    organisation_id: int,
    email: str,
    display_name: str,
    role: Role | str,
    team_id: int | None,
    cohort_id: int | None,
    actor_id: int,
) -> tuple[str, Invitation]:
    raw, token_hash = new_token()
    invitation = Invitation(
        token_hash=token_hash,
        email=check_email(email),
        display_name=check_name(display_name),
        organisation_id=organisation_id,
        role=Role(role),
        team_id=team_id,
        cohort_id=cohort_id,
        invited_by_id=actor_id,
        expires_at=utcnow() + timedelta(days=settings.invitation_days),
    )
    session.add(invitation)
    session.flush()
    record(
        session,
        action="invitation.create",
        actor_id=actor_id,
        organisation_id=organisation_id,
        email=invitation.email,
        role=str(role),
    )
    return raw, invitation


def open_invitation(session: Session, raw: str) -> Invitation:
    invitation = queries.invitation_by_token(session, hash_token(raw))
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at < utcnow():
        raise NotFound("Deze uitnodiging is ongeldig, al gebruikt of verlopen.")
    return invitation


def existing_invitation(
    session: Session, *, organisation_id: int, email: str, role: str, cohort_id: int | None
) -> Invitation | None:
    return session.exec(
        select(Invitation).where(
            Invitation.organisation_id == organisation_id,
            Invitation.email == queries.normalise_email(email),
            Invitation.role == role,
            Invitation.cohort_id == cohort_id,
            Invitation.expires_at > utcnow(),
        )
    ).first()
