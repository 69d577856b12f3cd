"""Tables of the calculations domain: practice calculations and organisation tariffs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import utcnow


class Calculation(SQLModel, table=True):
    """A private practice kassabon of one user (the sandbox never holds real client data).

    ``organisation_id`` and ``cohort_id`` are the context it was made in (the organisation the
    owner acted in, and their cohort there): staff read it through that context only.

    ``comparison`` is the input in the mapping shape of ``comparison_from_mapping``; ``receipt``
    is ``receipt_to_dict`` of the result; ``prices`` is a snapshot of the unit costs the lines
    used (``{"version", "base_year", "items": {id: {...}}}``), so the calculation can be reopened
    exactly as it was after the price list or the organisation's tariffs change.
    """

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )
    cohort_id: int | None = Field(
        default=None, foreign_key="cohort.id", index=True, ondelete="SET NULL"
    )
    title: str = Field(max_length=200)
    case_id: str | None = Field(default=None, max_length=20)
    breakthrough_id: str | None = Field(default=None, max_length=40)
    comparison: dict[str, object] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    receipt: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prices: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    price_list_version: str = Field(default="", max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class OrganisationTariff(SQLModel, table=True):
    """An organisation's own amount for one unit cost of the price list, in euro cents."""

    __tablename__ = "organisation_tariff"
    __table_args__ = (UniqueConstraint("organisation_id", "unit_cost_id"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    unit_cost_id: str = Field(max_length=80)
    low_cents: int
    central_cents: int
    high_cents: int
    year: int
    source: str = Field(max_length=500)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
