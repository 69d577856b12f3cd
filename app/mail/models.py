"""The outbox: every e-mail the school sends is kept here (and sent by SMTP when configured)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.db import utcnow


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=200)
    body: str
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    error: str = Field(default="", max_length=500)
