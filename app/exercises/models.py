"""Tables of the exercises domain: every attempt at an exercise is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from app.db import utcnow


class Attempt(SQLModel, table=True):
    """One submitted attempt: the answers as given, the score and whether it passed."""

    __table_args__ = (Index("ix_attempt_user_exercise", "user_id", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE")
    exercise_id: str = Field(max_length=80, index=True)
    kind: str = Field(max_length=30)
    module_number: int | None = None
    case_id: str | None = Field(default=None, max_length=20)
    answers: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    score: float = 0.0
    passed: bool = False
    created_at: datetime = Field(default_factory=utcnow)
