"""Reads of the progress domain: a trainee's own rows, or rows of trainees a caller may see."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.progress.models import ModuleProgress, VideoProgress


def video_progress(session: Session, user_id: int, video_id: str) -> VideoProgress | None:
    return session.exec(
        select(VideoProgress).where(
            VideoProgress.user_id == user_id, VideoProgress.video_id == video_id
        )
    ).first()


def video_progress_for_user(session: Session, user_id: int) -> dict[str, VideoProgress]:
    rows = session.exec(select(VideoProgress).where(VideoProgress.user_id == user_id)).all()
    return {row.video_id: row for row in rows}


def module_progress_for_user(session: Session, user_id: int) -> dict[int, ModuleProgress]:
    rows = session.exec(select(ModuleProgress).where(ModuleProgress.user_id == user_id)).all()
    return {row.module_number: row for row in rows}


def module_progress_for_users(
    session: Session, user_ids: Iterable[int]
) -> dict[tuple[int, int], ModuleProgress]:
    """All stored module rows of these users in one query: (user_id, module_number) -> row."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = session.exec(select(ModuleProgress).where(col(ModuleProgress.user_id).in_(ids))).all()
    return {(row.user_id, row.module_number): row for row in rows}
