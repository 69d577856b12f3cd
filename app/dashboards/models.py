"""Tables of the dashboards domain: which session digests were sent."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.db import utcnow


class DigestSent(SQLModel, table=True):
    """The automatic digest before this session went out (once per session)."""

    __tablename__ = "digest_sent"

    meeting_id: int = Field(foreign_key="cohort_meeting.id", primary_key=True, ondelete="CASCADE")
    cohort_id: int = Field(foreign_key="cohort.id", index=True, ondelete="CASCADE")
    sent_at: datetime = Field(default_factory=utcnow)
    recipients: int = 0
