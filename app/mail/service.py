"""Queue e-mail in the outbox; deliver it by SMTP when configured, otherwise log it (dev mode)."""

from __future__ import annotations

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlmodel import Session, col, select

from app.db import Database, session_scope, utcnow
from app.mail.models import OutboxMessage
from app.settings import Settings

log = logging.getLogger("doorbraakschool.mail")

# Links that carry a secret token (password reset, invitation): whoever holds one can use it.
TOKEN_IN_LINK = re.compile(r"(/(?:wachtwoord-herstellen|uitnodiging)/)[^\s/?#]+")


def redact_links(body: str) -> str:
    """The mail text with the token of every reset or invitation link replaced by a marker."""
    return TOKEN_IN_LINK.sub(r"\1[verborgen]", body)


def queue_mail(session: Session, settings: Settings, *, to: str, subject: str, body: str) -> None:
    """Keep the mail in the outbox. Without SMTP, development also logs it; its links only when
    `DOORBRAAK_MAIL_LOG_LINKS` is on (log files are read by more people than the addressee)."""
    session.add(OutboxMessage(to_address=to, subject=subject, body=body))
    if not settings.smtp_enabled and settings.environment == "development":
        log.warning(
            "E-mail (geen SMTP ingesteld, staat in de outbox)\nAan: %s\nOnderwerp: %s\n\n%s",
            to,
            subject,
            body if settings.mail_log_links else redact_links(body),
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
                message.body = redact_links(message.body)  # delivered: no live token stays here
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


@dataclass(frozen=True)
class OutboxEntry:
    """A mail as staff see it: the text with its reset and invitation links redacted."""

    to_address: str
    subject: str
    body: str
    created_at: datetime
    sent_at: datetime | None
    error: str


def outbox(session: Session, *, limit: int = 200) -> list[OutboxEntry]:
    messages = session.exec(
        select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
    ).all()
    return [
        OutboxEntry(
            to_address=m.to_address,
            subject=m.subject,
            body=redact_links(m.body),
            created_at=m.created_at,
            sent_at=m.sent_at,
            error=m.error,
        )
        for m in messages
    ]
