"""A trainee's learning path ("Mijn leerpad"): every module by block with its status, the next
step, the deadlines of the trainee's cohort and the overall progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.cohorts.schedule import Deadline, next_deadline, overdue
from app.content import Catalog
from app.dashboards.grid import CELL_LOOKS, COMPLETED, FEEDBACK, NOT_STARTED, cell_key


class ProgressLike(Protocol):
    @property
    def status(self) -> str: ...

    @property
    def feedback_received(self) -> bool: ...

    @property
    def missing(self) -> list[str]: ...


@dataclass(frozen=True)
class PathItem:
    number: int
    title: str
    minutes: int
    status: str
    feedback_received: bool
    missing: tuple[str, ...]
    deadline: Deadline | None
    overdue: bool

    @property
    def key(self) -> str:
        return cell_key(self.status, self.feedback_received)

    @property
    def label(self) -> str:
        return CELL_LOOKS[self.status if self.status in CELL_LOOKS else NOT_STARTED].label

    @property
    def symbol(self) -> str:
        return CELL_LOOKS[self.status if self.status in CELL_LOOKS else NOT_STARTED].symbol

    @property
    def has_feedback(self) -> bool:
        return self.key == FEEDBACK


@dataclass(frozen=True)
class PathBlock:
    letter: str
    title: str
    items: tuple[PathItem, ...]


@dataclass(frozen=True)
class LearningPath:
    blocks: tuple[PathBlock, ...]
    next_step: PathItem | None
    completed: int
    total: int
    next_deadline: Deadline | None
    overdue: tuple[int, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def behind(self) -> bool:
        return bool(self.overdue)


def _item(
    module_number: int,
    title: str,
    minutes: int,
    row: ProgressLike | None,
    deadline: Deadline | None,
    late: set[int],
) -> PathItem:
    return PathItem(
        number=module_number,
        title=title,
        minutes=minutes,
        status=row.status if row else NOT_STARTED,
        feedback_received=bool(row and row.feedback_received),
        missing=tuple(row.missing) if row else (),
        deadline=deadline,
        overdue=module_number in late,
    )


def learning_path(
    catalog: Catalog,
    progress: Mapping[int, ProgressLike],
    deadlines: Mapping[int, Deadline],
    now: datetime,
) -> LearningPath:
    statuses = {number: row.status for number, row in progress.items()}
    late = set(overdue(statuses, deadlines, now))
    blocks = tuple(
        PathBlock(
            letter,
            block.title,
            tuple(
                _item(
                    m.number,
                    m.title,
                    m.minutes,
                    progress.get(m.number),
                    deadlines.get(m.number),
                    late,
                )
                for m in block.modules
            ),
        )
        for letter, block in catalog.blocks.items()
        if block.modules
    )
    items: Sequence[PathItem] = [item for block in blocks for item in block.items]
    return LearningPath(
        blocks=blocks,
        next_step=next((item for item in items if item.status != COMPLETED), None),
        completed=sum(1 for item in items if item.status == COMPLETED),
        total=len(items),
        next_deadline=next_deadline(statuses, deadlines, now),
        overdue=tuple(sorted(late)),
    )
