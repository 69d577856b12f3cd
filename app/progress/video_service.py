"""Record watched intervals from the player's beacons into the one row per trainee x video."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.content import Catalog
from app.db import utcnow
from app.errors import InvalidInput
from app.progress import intervals
from app.progress.models import VideoProgress
from app.progress.module_service import Changed, ExerciseFacts, refresh_progress
from app.progress.queries import video_progress

MAX_RATE = 2.0  # the highest playback speed the player offers
FIRST_BEACON_WINDOW = 30.0  # seconds of watching a first beacon may report
XAPI_EVENTS = ("played", "paused", "seeked", "completed")


@dataclass(frozen=True)
class Beacon:
    video_id: str
    page_session: str
    seq: int
    segments: Sequence[Sequence[float]]
    position: float
    max_rate: float
    events: Mapping[str, int]


@dataclass(frozen=True)
class BeaconResult:
    progress: float
    completed: bool
    missing: str
    position: float
    previous_progress: float = 0.0
    was_completed: bool = False

    @property
    def changes_module_progress(self) -> bool:
        """Worth refreshing the stored module row: first play, completion, or 5 points more."""
        return (
            (self.previous_progress == 0 and self.progress > 0)
            or self.completed != self.was_completed
            or self.progress - self.previous_progress >= 0.05
        )


class ImplausibleProgress(InvalidInput):
    """More coverage than could have been watched since the previous beacon."""


def _row_for_update(session: Session, user_id: int, video_id: str) -> VideoProgress:
    row = video_progress(session, user_id, video_id)
    if row is not None:
        if session.get_bind().dialect.name == "postgresql":
            session.refresh(row, with_for_update=True)
        return row
    row = VideoProgress(user_id=user_id, video_id=video_id)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # a parallel beacon created it first
        found = video_progress(session, user_id, video_id)
        assert found is not None
        return found
    return row


def record_beacon(
    session: Session, *, user_id: int, beacon: Beacon, duration: float, threshold: float
) -> BeaconResult:
    """Merge the beacon into the union; refuse implausible growth (nothing is then stored)."""
    row = _row_for_update(session, user_id, beacon.video_id)
    previous, was_completed = row.progress, row.completed_at is not None
    now = utcnow()
    before = [(a, b) for a, b in row.played_segments]
    after = intervals.merge(before + intervals.normalise(beacon.segments, duration))
    elapsed = (
        (now - row.last_beacon_at).total_seconds() if row.last_beacon_at else FIRST_BEACON_WINDOW
    )
    rate = min(max(beacon.max_rate, 1.0), MAX_RATE)
    if not intervals.plausible_growth(before, after, elapsed=elapsed, max_rate=rate):
        raise ImplausibleProgress(
            "Deze voortgang is niet mogelijk in de verstreken tijd en is niet opgeslagen."
        )
    row.played_segments = [[a, b] for a, b in after]
    row.duration = duration
    row.completion_threshold = threshold
    row.progress = round(intervals.coverage(after, duration), 4)
    is_new = beacon.page_session != row.page_session or beacon.seq > row.last_seq
    if is_new:
        row.page_session, row.last_seq = beacon.page_session, beacon.seq
        row.position = min(max(0.0, round(beacon.position, 2)), duration)
        counts = dict(row.events)
        for name in XAPI_EVENTS:
            counts[name] = counts.get(name, 0) + max(0, int(beacon.events.get(name, 0)))
        row.events = counts
        row.last_beacon_at = now
    if after and row.first_played_at is None:
        row.first_played_at = now
    if row.progress >= threshold and row.completed_at is None:
        row.completed_at = now
    session.flush()
    return BeaconResult(
        progress=row.progress,
        completed=row.completed_at is not None,
        missing=intervals.describe_gaps(after, duration),
        position=row.position,
        previous_progress=previous,
        was_completed=was_completed,
    )


def save_beacon(
    facts: ExerciseFacts,
    session: Session,
    catalog: Catalog,
    media_dir: Path,
    *,
    user_id: int,
    beacon: Beacon,
    duration: float,
    threshold: float,
) -> BeaconResult:
    """Record the beacon and, when it matters, refresh the modules that show this video."""
    result = record_beacon(
        session, user_id=user_id, beacon=beacon, duration=duration, threshold=threshold
    )
    if result.changes_module_progress:
        changed = Changed(video_ids=(beacon.video_id,))
        refresh_progress(facts, session, catalog, media_dir, user_id, changed)
    return result
