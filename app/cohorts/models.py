"""Tables of the cohorts domain: cohorts, their trainers, dated sessions (with the modules due
before each, the input of the schedule rule in ``schedule.py``) and enrollments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import utcnow


class Cohort(SQLModel, table=True):
    """A group trained together in one period, such as "Doorbraaklab 2027"."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    starts_on: date
    ends_on: date
    created_at: datetime = Field(default_factory=utcnow)


class CohortTrainer(SQLModel, table=True):
    __tablename__ = "cohort_trainer"

    cohort_id: int = Field(foreign_key="cohort.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="app_user.id", primary_key=True, ondelete="CASCADE")


class CohortMeeting(SQLModel, table=True):
    """A dated session of a cohort (a "bijeenkomst"); deadlines follow these dates."""

    __tablename__ = "cohort_meeting"

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=120)
    starts_at: datetime
    location: str = Field(default="", max_length=200)


class MeetingModule(SQLModel, table=True):
    """Module `module_number` must be done before session `meeting_id` starts."""

    __tablename__ = "meeting_module"

    meeting_id: int = Field(foreign_key="cohort_meeting.id", primary_key=True, ondelete="CASCADE")
    module_number: int = Field(primary_key=True)


class Enrollment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    enrolled_at: datetime = Field(default_factory=utcnow)
