"""One trainee seen by a trainer: per module the status, video coverage and what is missing;
per exercise the attempts and scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.cohorts.schedule import Deadline, overdue
from app.content import Catalog
from app.dashboards.grid import CELL_LOOKS, NOT_STARTED
from app.exercises.models import Attempt
from app.progress import intervals
from app.progress.models import ModuleProgress, VideoProgress


@dataclass(frozen=True)
class ModuleLine:
    number: int
    title: str
    status: str
    feedback_received: bool
    video_percent: int | None  # None: never played
    video_gaps: str
    exercises_passed: int
    exercises_required: int
    missing: tuple[str, ...]
    deadline: Deadline | None
    overdue: bool

    @property
    def label(self) -> str:
        return CELL_LOOKS[self.status if self.status in CELL_LOOKS else NOT_STARTED].label

    @property
    def symbol(self) -> str:
        return CELL_LOOKS[self.status if self.status in CELL_LOOKS else NOT_STARTED].symbol


def _video(video: VideoProgress | None) -> tuple[int | None, str]:
    if video is None:
        return None, ""
    segments = [(float(a), float(b)) for a, b in video.played_segments]
    gaps = intervals.describe_gaps(segments, video.duration) if video.duration else ""
    return round(video.progress * 100), gaps


def module_lines(
    catalog: Catalog,
    progress: Mapping[int, ModuleProgress],
    videos: Mapping[str, VideoProgress],
    deadlines: Mapping[int, Deadline],
    now: datetime,
) -> list[ModuleLine]:
    late = set(overdue({n: row.status for n, row in progress.items()}, deadlines, now))
    lines = []
    for module in catalog.modules:
        row = progress.get(module.number)
        percent, gaps = _video(videos.get(module.video))
        lines.append(
            ModuleLine(
                number=module.number,
                title=module.title,
                status=row.status if row else NOT_STARTED,
                feedback_received=bool(row and row.feedback_received),
                video_percent=percent,
                video_gaps=gaps,
                exercises_passed=row.exercises_passed if row else 0,
                exercises_required=row.exercises_required if row else 0,
                missing=tuple(row.missing) if row else (),
                deadline=deadlines.get(module.number),
                overdue=module.number in late,
            )
        )
    return lines


@dataclass
class AttemptLine:
    exercise_id: str
    module_number: int | None
    question: str
    attempts: int
    first_score: float
    best_score: float
    last_score: float
    passed: bool
    last_at: datetime


def attempt_lines(catalog: Catalog, attempts: Iterable[Attempt]) -> list[AttemptLine]:
    """One line per exercise, from attempts in the order they were made."""
    lines: dict[str, AttemptLine] = {}
    for attempt in attempts:
        line = lines.get(attempt.exercise_id)
        if line is None:
            try:
                question = catalog.exercise(attempt.exercise_id)[1].question
            except KeyError:
                question = attempt.exercise_id
            line = AttemptLine(
                attempt.exercise_id,
                attempt.module_number,
                question,
                0,
                attempt.score,
                attempt.score,
                attempt.score,
                False,
                attempt.created_at,
            )
            lines[attempt.exercise_id] = line
        line.attempts += 1
        line.best_score = max(line.best_score, attempt.score)
        line.last_score = attempt.score
        line.passed = line.passed or attempt.passed
        line.last_at = attempt.created_at
    return sorted(lines.values(), key=lambda x: (x.module_number or 0, x.exercise_id))
