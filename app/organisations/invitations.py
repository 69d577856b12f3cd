"""Accepting an invitation: the account, the membership and (if given) the cohort enrollment."""

from __future__ import annotations

from sqlmodel import Session

from app.accounts import queries, service
from app.accounts.models import Invitation, Role, User
from app.cohorts.models import Cohort
from app.cohorts.service import assign_trainer, enrol
from app.db import utcnow
from app.errors import InvalidInput
from app.settings import Settings


def accept_invitation(
    session: Session,
    settings: Settings,
    *,
    invitation: Invitation,
    password: str | None,
    logged_in_user_id: int | None,
) -> User:
    """New e-mail: create the account with this password.

    Known e-mail: the owner of that account must be logged in to accept."""
    user = queries.user_by_email(session, invitation.email)
    if user is None:
        if password is None:
            raise InvalidInput("Kies een wachtwoord.", field="password")
        user = service.create_user(
            session,
            settings,
            email=invitation.email,
            display_name=invitation.display_name,
            password=password,
        )
    elif user.id != logged_in_user_id:
        raise InvalidInput(
            "Er bestaat al een account met dit e-mailadres. Log eerst in met dat account.",
            field="email",
        )
    service.add_membership(
        session,
        user=user,
        organisation_id=invitation.organisation_id,
        role=invitation.role,
        team_id=invitation.team_id,
        actor_id=user.id,
    )
    cohort = session.get(Cohort, invitation.cohort_id) if invitation.cohort_id else None
    if cohort is not None and invitation.role == Role.trainee:
        enrol(session, cohort=cohort, user=user, actor_id=user.id)
    elif cohort is not None and invitation.role == Role.trainer:
        assign_trainer(session, cohort=cohort, user=user, actor_id=user.id)
    invitation.accepted_at = utcnow()
    return user


def send_invitation(
    session: Session,
    settings: Settings,
    *,
    organisation_id: int,
    organisation_name: str,
    email: str,
    display_name: str,
    role: Role | str,
    team_id: int | None,
    cohort_id: int | None,
    actor_id: int,
) -> Invitation | None:
    """Invite by e-mail. An open invitation for the same person and place is not sent twice
    (returns None); someone who already has this role here is not invited again either."""
    email = service.check_email(email)
    role = Role(role)
    if service.existing_invitation(
        session, organisation_id=organisation_id, email=email, role=role, cohort_id=cohort_id
    ):
        return None
    user = queries.user_by_email(session, email)
    if (
        user is not None
        and user.id is not None
        and cohort_id is None
        and any(m.role == role for m in queries.memberships(session, organisation_id, user.id))
    ):
        return None
    raw, invitation = service.create_invitation(
        session,
        settings,
        organisation_id=organisation_id,
        email=email,
        display_name=display_name,
        role=role,
        team_id=team_id,
        cohort_id=cohort_id,
        actor_id=actor_id,
    )
    link = f"{settings.base_url}/uitnodiging/{raw}"
    from app.mail.service import queue_mail

    queue_mail(
        session,
        settings,
        to=email,
        subject=f"Uitnodiging voor de Doorbraakschool van {organisation_name}",
        body=(
            f"Hallo {invitation.display_name},\n\n{organisation_name} nodigt je uit voor de "
            "Doorbraakschool, de online school voor de Doorbraakmethode.\n"
            f"Open deze link om je account te maken (geldig tot {invitation.expires_at:%d-%m-%Y}):"
            f"\n\n{link}\n"
        ),
    )
    return invitation
