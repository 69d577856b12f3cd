"""Reads of the exercises domain; a trainee's own attempts only."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.exercises.models import Attempt


def latest_attempts(
    session: Session, user_id: int, exercise_ids: Iterable[str]
) -> dict[str, Attempt]:
    """The newest attempt per exercise for this user."""
    ids = list(exercise_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Attempt)
        .where(Attempt.user_id == user_id, col(Attempt.exercise_id).in_(ids))
        .order_by(col(Attempt.id))
    ).all()
    return {attempt.exercise_id: attempt for attempt in rows}


def attempt_counts(session: Session, user_id: int, exercise_ids: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for attempt in session.exec(
        select(Attempt).where(
            Attempt.user_id == user_id, col(Attempt.exercise_id).in_(list(exercise_ids))
        )
    ).all():
        counts[attempt.exercise_id] = counts.get(attempt.exercise_id, 0) + 1
    return counts
