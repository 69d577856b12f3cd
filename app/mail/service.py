"""Queue e-mail in the outbox; deliver it by SMTP when configured, otherwise log it (dev mode)."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from sqlmodel import Session, col, select

from app.db import Database, session_scope, utcnow
from app.mail.models import OutboxMessage
from app.settings import Settings

log = logging.getLogger("doorbraakschool.mail")


def queue_mail(session: Session, settings: Settings, *, to: str, subject: str, body: str) -> None:
    session.add(OutboxMessage(to_address=to, subject=subject, body=body))
    if not settings.smtp_enabled and settings.environment == "development":
        log.warning(
            "E-mail (geen SMTP ingesteld, staat in de outbox)\nAan: %s\nOnderwerp: %s\n\n%s",
            to,
            subject,
            body,
        )


def deliver_pending(db: Database, settings: Settings, *, limit: int = 50) -> int:
    """Send unsent outbox messages by SMTP and return how many were sent.

    Without SMTP they stay in the outbox."""
    if not settings.smtp_enabled:
        return 0
    sent = 0
    with session_scope(db, write=True) as session:
        pending = session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.sent_at).is_(None), OutboxMessage.error == "")
            .order_by(col(OutboxMessage.id))
            .limit(limit)
        ).all()
        for message in pending:
            try:
                _send(settings, message)
            except (OSError, smtplib.SMTPException) as exc:
                message.error = str(exc)[:500]
                log.error("Verzenden naar %s mislukt: %s", message.to_address, exc)
            else:
                message.sent_at = utcnow()
                sent += 1
    return sent


def _send(settings: Settings, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(email)


def outbox(session: Session, *, limit: int = 200) -> list[OutboxMessage]:
    return list(
        session.exec(
            select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
        ).all()
    )
