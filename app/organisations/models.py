"""Tables of the organisations domain: settings per organisation and onboarding paths."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.cohorts.schedule import DEFAULT_CATCH_UP_DAYS
from app.db import utcnow


class Retention(StrEnum):
    """What happens to the learning data of a member who leaves."""

    delete = "delete"
    anonymise = "anonymise"


RETENTION_LABELS = {
    Retention.delete: "verwijderen",
    Retention.anonymise: "anonimiseren",
}


class OrganisationSettings(SQLModel, table=True):
    """One row per organisation; absent means the defaults below."""

    __tablename__ = "organisation_settings"

    organisation_id: int = Field(
        foreign_key="organisation.id", primary_key=True, ondelete="CASCADE"
    )
    contact_name: str = Field(default="", max_length=200)
    contact_details: str = Field(default="", max_length=300)
    budget_cents: int | None = None
    budget_note: str = Field(default="", max_length=300)
    mandate_holder: str = Field(default="", max_length=300)
    escalation_steps: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    retention: str = Field(default=Retention.delete, max_length=20)
    inactive_expiry_months: int | None = None  # None: accounts never expire
    # Days a late joiner gets per missed session block (app/cohorts/schedule.py)
    catch_up_days: int = Field(default=DEFAULT_CATCH_UP_DAYS)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")


class OnboardingPath(SQLModel, table=True):
    """A cohort template for new staff: the required modules and a deadline after the start."""

    __tablename__ = "onboarding_path"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    module_numbers: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    deadline_days: int
    created_at: datetime = Field(default_factory=utcnow)


class OnboardingStart(SQLModel, table=True):
    """One new member on a path: their personal cohort, with the path's modules copied so that
    later changes to the template do not change what this person had to do."""

    __tablename__ = "onboarding_start"
    __table_args__ = (UniqueConstraint("path_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    path_id: int = Field(foreign_key="onboarding_path.id", index=True, ondelete="CASCADE")
    cohort_id: int = Field(foreign_key="cohort.id", unique=True, ondelete="CASCADE")
    email: str = Field(max_length=254)
    module_numbers: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    starts_on: date
    deadline_on: date
    created_at: datetime = Field(default_factory=utcnow)
