"""Tables of the progress domain: one row per trainee x video and per trainee x module.

Names follow the xAPI Video Profile (played-segments, progress, completion-threshold) so that
exports map cleanly."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import utcnow


class VideoProgress(SQLModel, table=True):
    """The merged watched intervals of one trainee for one video (not a row per beacon)."""

    __tablename__ = "video_progress"
    __table_args__ = (UniqueConstraint("user_id", "video_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE")
    video_id: str = Field(max_length=80, index=True)
    played_segments: list[list[float]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    duration: float = 0.0
    progress: float = 0.0  # share watched, 0..1
    completion_threshold: float = 0.9
    position: float = 0.0  # where to resume
    page_session: str = Field(default="", max_length=40)
    last_seq: int = -1
    events: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    first_played_at: datetime | None = None
    last_beacon_at: datetime | None = None
    completed_at: datetime | None = None


class ModuleProgress(SQLModel, table=True):
    """The stored result of the completion rule for one trainee x module. Dashboards read this
    row and never recompute from raw data; it is refreshed whenever an input changes."""

    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("user_id", "module_number"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE")
    module_number: int
    status: str = Field(default="not_started", max_length=20)  # not_started|in_progress|completed
    feedback_received: bool = False
    video_progress: float = 0.0
    exercises_passed: int = 0
    exercises_required: int = 0
    plan_status: str = Field(default="", max_length=20)  # ""|draft|submitted|returned|approved
    missing: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    started_at: datetime | None = None
    completed_at: datetime | None = None
    # Set on every change (also by a plain UPDATE): the grid's cache key (dashboards/grid_page.py)
    updated_at: datetime = Field(
        default_factory=utcnow, index=True, sa_column_kwargs={"onupdate": utcnow}
    )
