"""Tables of the exercises domain: every attempt at an exercise is kept, drafts save themselves,
a doorbraakplan keeps every submitted version, and trainers' reviews are kept with it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import utcnow


class Attempt(SQLModel, table=True):
    """One submitted attempt: the answers as given, the score and whether it passed."""

    __table_args__ = (Index("ix_attempt_user_exercise", "user_id", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE")
    # The context it was made in (see app/cohorts/context.py): what staff may read follows it.
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    cohort_id: int | None = Field(
        default=None, foreign_key="cohort.id", index=True, ondelete="SET NULL"
    )
    exercise_id: str = Field(max_length=80, index=True)
    kind: str = Field(max_length=30)
    module_number: int | None = None
    case_id: str | None = Field(default=None, max_length=20)
    answers: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    score: float = 0.0
    passed: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class ExerciseDraft(SQLModel, table=True):
    """What a trainee typed but did not submit yet: one row per user x organisation x exercise
    (the organisation they act in), saved while typing, so a closed tab or an expired session
    loses nothing."""

    __tablename__ = "exercise_draft"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    exercise_id: str = Field(max_length=80)
    data: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class BreakthroughPlan(SQLModel, table=True):
    """A trainee's doorbraakplan for one case (one per organisation): its status follows the
    latest submission and the latest review (submitted -> returned -> submitted -> approved)."""

    __tablename__ = "breakthrough_plan"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    # The context the plan was started in; every later version belongs to the same context.
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    cohort_id: int | None = Field(
        default=None, foreign_key="cohort.id", index=True, ondelete="SET NULL"
    )
    case_id: str = Field(max_length=20)
    status: str = Field(default="submitted", max_length=20)  # submitted|returned|approved
    versions: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class BreakthroughPlanVersion(SQLModel, table=True):
    """One submitted version of a plan: the fields as written and a snapshot of the attached
    kassabon (the saved calculation may change or disappear later; the history may not)."""

    __tablename__ = "breakthrough_plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="breakthrough_plan.id", ondelete="CASCADE", index=True)
    number: int
    fields: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    calculation_id: int | None = None  # the saved calculation it was made from (no FK: a copy)
    kassabon: dict[str, object] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    warning: str = Field(default="", max_length=2000)
    submitted_at: datetime = Field(default_factory=utcnow)


class Review(SQLModel, table=True):
    """A trainer's review with the rubric: of a plan version, or of a value-triangle attempt.

    ``rubric`` maps a criterion id to ``{"level": "not|partly|fully", "comment": "..."}``;
    ``decision`` is ``returned`` or ``approved`` for a plan and ``feedback`` otherwise."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)  # plan | value_triangle
    plan_version_id: int | None = Field(
        default=None, foreign_key="breakthrough_plan_version.id", ondelete="CASCADE", index=True
    )
    attempt_id: int | None = Field(
        default=None, foreign_key="attempt.id", ondelete="CASCADE", index=True
    )
    reviewer_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    rubric: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    comment: str = Field(default="", max_length=5000)
    decision: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
