"""Record an audit event for a state change. Called by services, inside their unit of work."""

from __future__ import annotations

from sqlmodel import Session

from app.audit.models import AuditEvent


def record(
    session: Session,
    *,
    action: str,
    actor_id: int | None,
    organisation_id: int | None = None,
    **detail: object,
) -> None:
    session.add(
        AuditEvent(action=action, actor_id=actor_id, organisation_id=organisation_id, detail=detail)
    )
