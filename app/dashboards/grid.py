"""The trainer's progress grid (pure): trainees x modules from the stored progress rows, with
"achter op schema" judged against the cohort's session dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from app.cohorts.schedule import Deadline, overdue

NOT_STARTED, IN_PROGRESS, COMPLETED, FEEDBACK = (
    "not_started",
    "in_progress",
    "completed",
    "feedback",
)


@dataclass(frozen=True)
class StatusLook:
    label: str
    symbol: str  # shown next to (never instead of) the colour


CELL_LOOKS = {
    NOT_STARTED: StatusLook("niet begonnen", "–"),
    IN_PROGRESS: StatusLook("bezig", "◐"),
    COMPLETED: StatusLook("afgerond", "✓"),
    FEEDBACK: StatusLook("feedback ontvangen", "✎"),
}
STATUS_LABELS = {key: look.label for key, look in CELL_LOOKS.items()}

# Trainee filters of the grid: query value -> Dutch label.
TRAINEE_FILTERS = {
    "": "Alle deelnemers",
    "achter": "Achter op schema",
    "niet_begonnen": "Nog niet begonnen",
    "bezig": "Bezig",
    "afgerond": "Alles afgerond",
}


def cell_key(status: str, feedback_received: bool) -> str:
    """The status shown: "feedback ontvangen" once a trainer reviewed work in a started module."""
    if feedback_received and status != NOT_STARTED:
        return FEEDBACK
    return status if status in CELL_LOOKS else NOT_STARTED


@dataclass(frozen=True)
class Cell:
    module_number: int
    status: str  # stored status: not_started | in_progress | completed
    feedback_received: bool = False
    overdue: bool = False

    @property
    def key(self) -> str:
        return cell_key(self.status, self.feedback_received)

    @property
    def look(self) -> StatusLook:
        return CELL_LOOKS[self.key]

    @property
    def label(self) -> str:
        """Full Dutch text for screen readers and exports."""
        text = self.look.label
        if self.key == FEEDBACK:
            text += f" ({STATUS_LABELS[self.status]})"
        return text + (", te laat" if self.overdue else "")


@dataclass(eq=False)
class GridRow:
    """One trainee. The 25 cells are built only when shown (a page of a large cohort)."""

    user_id: int
    name: str
    email: str
    team: str
    stored: dict[int, tuple[str, bool]]  # module number -> (status, feedback received)
    module_numbers: tuple[int, ...]
    overdue: tuple[int, ...] = field(default=())

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        late = set(self.overdue)
        return tuple(
            Cell(n, *self.stored.get(n, (NOT_STARTED, False)), overdue=n in late)
            for n in self.module_numbers
        )

    @cached_property
    def completed(self) -> int:
        return sum(1 for status, _ in self.stored.values() if status == COMPLETED)

    @property
    def behind(self) -> bool:
        return bool(self.overdue)

    def has_open(self, numbers: Iterable[int]) -> bool:
        """True when any of these modules is not completed."""
        return any(self.stored.get(n, (NOT_STARTED, False))[0] != COMPLETED for n in numbers)

    @property
    def overall(self) -> str:
        """not_started (nothing started), completed (every module) or in_progress."""
        if self.completed == len(self.module_numbers):
            return COMPLETED
        if all(status == NOT_STARTED for status, _ in self.stored.values()):
            return NOT_STARTED
        return IN_PROGRESS


Record = tuple[int, str, str, str | None, int | None, str | None, bool | None]


def build_rows(
    records: Iterable[Record],
    module_numbers: Sequence[int],
    deadlines: Mapping[int, Deadline],
    now: datetime,
) -> list[GridRow]:
    """Group the query's records (ordered by trainee) into one row per trainee."""
    numbers = tuple(module_numbers)
    known = set(numbers)
    rows: dict[int, GridRow] = {}
    for user_id, name, email, team, number, status, feedback in records:
        row = rows.get(user_id)
        if row is None:
            row = rows[user_id] = GridRow(user_id, name, email, team or "", {}, numbers)
        if number in known and status is not None:
            row.stored[number] = (status, bool(feedback))
    for row in rows.values():
        statuses = {number: status for number, (status, _) in row.stored.items()}
        row.overdue = tuple(overdue(statuses, deadlines, now))
    return list(rows.values())


def matches(row: GridRow, wanted: str) -> bool:
    if wanted == "achter":
        return row.behind
    if wanted == "niet_begonnen":
        return row.overall == NOT_STARTED
    if wanted == "bezig":
        return row.overall == IN_PROGRESS
    if wanted == "afgerond":
        return row.overall == COMPLETED
    return True


@dataclass(frozen=True)
class Summary:
    trainees: int
    behind: int
    not_started: int
    completed: int


def summarise(rows: Sequence[GridRow]) -> Summary:
    return Summary(
        trainees=len(rows),
        behind=sum(1 for row in rows if row.behind),
        not_started=sum(1 for row in rows if row.overall == NOT_STARTED),
        completed=sum(1 for row in rows if row.overall == COMPLETED),
    )
