"""When a trainee last did something: the newest of their progress, video and attempt rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from app.exercises.models import Attempt
from app.progress.models import ModuleProgress, VideoProgress


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def newest(found: dict[int, datetime], rows: Iterable[tuple[Any, Any]]) -> None:
    """Merge (user id, timestamp) rows into `found`, keeping the newest per user."""
    for user_id, at in rows:
        if at is None:
            continue
        at = _aware(at)
        if user_id not in found or at > found[user_id]:
            found[user_id] = at


def learning_activity(session: Session, user_ids: Iterable[int]) -> dict[int, datetime]:
    """user id -> the newest moment of learning (module progress, video beacon, attempt)."""
    ids = list(user_ids)
    found: dict[int, datetime] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for user_column, at_column in (
            (ModuleProgress.user_id, ModuleProgress.updated_at),
            (VideoProgress.user_id, VideoProgress.last_beacon_at),
            (Attempt.user_id, Attempt.created_at),
        ):
            newest(
                found,
                session.exec(
                    select(user_column, func.max(at_column))
                    .where(col(user_column).in_(chunk))
                    .group_by(col(user_column))
                ).all(),
            )
    return found
