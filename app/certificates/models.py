"""Tables of the certificates domain: one issued certificate per trainee and cohort."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import utcnow


class Certificate(SQLModel, table=True):
    """What the certificate shows is stored as issued (a snapshot), so the public verification
    page shows exactly the certificate, even after names or course content change."""

    __table_args__ = (UniqueConstraint("user_id", "cohort_id"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    cohort_id: int | None = Field(default=None, foreign_key="cohort.id", ondelete="SET NULL")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )
    holder_name: str = Field(max_length=120)
    organisation_name: str = Field(max_length=200)
    title: str = Field(max_length=200)
    modules: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    issued_on: date
    created_at: datetime = Field(default_factory=utcnow)
