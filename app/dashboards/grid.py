"""The trainer's progress grid (pure): trainees x modules from the stored progress rows, with
"achter op schema" judged against the cohort's session dates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

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
    deadlines_for: Callable[[int], Mapping[int, Deadline]],
    now: datetime,
) -> list[GridRow]:
    """Group the query's records (ordered by trainee) into one row per trainee, each judged
    against their own deadlines (`Schedule.deadlines_for`: a late joiner's catch-up)."""
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
        row.overdue = tuple(overdue(statuses, deadlines_for(row.user_id), now))
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


# --- The grid page: one line per trainee, module statuses as bit masks ---------------------------
# Bit n of a mask stands for module n. The page query aggregates each trainee's progress rows
# into these masks in the database, so classifying a cohort of 10,000 is integer arithmetic and
# only the trainees on the page shown get cells.


def mask_of(numbers: Iterable[int]) -> int:
    found = 0
    for number in numbers:
        found |= 1 << number
    return found


class TraineeLine(NamedTuple):
    """One trainee of the grid page: who, and which modules are in which state (bit masks)."""

    user_id: int
    name: str
    team: str
    completed: int
    in_progress: int
    started: int  # any status but not_started
    feedback: int


# The look of a cell, worked out once per (status, feedback received, overdue).
CellView = tuple[str, str, str, bool]  # key, symbol, full label, overdue


def _cell_view(status: str, feedback: bool, late: bool) -> CellView:
    cell = Cell(0, status, feedback, late)
    return cell.key, cell.look.symbol, cell.label, late


CELL_VIEWS: dict[tuple[str, bool, bool], CellView] = {
    (status, feedback, late): _cell_view(status, feedback, late)
    for status in (NOT_STARTED, IN_PROGRESS, COMPLETED)
    for feedback in (False, True)
    for late in (False, True)
}


@dataclass(frozen=True)
class PageRow:
    """A trainee on the page shown. `looks` (completed, in progress, feedback, overdue masks)
    decides every cell, so rows that look alike share their rendered cells."""

    user_id: int
    name: str
    team: str
    completed: int
    overdue: tuple[int, ...]
    looks: tuple[int, int, int, int]


@dataclass(frozen=True)
class GridJudge:
    """Classifies trainee lines against the modules and the deadlines passed at `now`: the
    cohort's, or a late joiner's own (`personal_overdue`, user id -> mask, only for them)."""

    module_numbers: tuple[int, ...]
    all_mask: int
    overdue_mask: int  # modules whose cohort deadline has passed
    personal_overdue: Mapping[int, int] = field(default_factory=dict)

    @classmethod
    def at(
        cls,
        module_numbers: Sequence[int],
        deadlines: Mapping[int, Deadline],
        now: datetime,
        personal: Mapping[int, Mapping[int, Deadline]] | None = None,
    ) -> GridJudge:
        def passed(due: Mapping[int, Deadline]) -> int:
            return mask_of(n for n, deadline in due.items() if deadline.due_at <= now)

        own = {user_id: passed(due) for user_id, due in (personal or {}).items()}
        return cls(tuple(module_numbers), mask_of(module_numbers), passed(deadlines), own)

    def late_mask(self, user_id: int) -> int:
        """Modules whose deadline for this trainee has passed."""
        return self.personal_overdue.get(user_id, self.overdue_mask)

    def behind(self, line: TraineeLine) -> bool:
        return bool(self.late_mask(line.user_id) & ~line.completed)

    def overall(self, line: TraineeLine) -> str:
        every = self.all_mask
        if line.completed & every == every:
            return COMPLETED
        if not line.started & every:
            return NOT_STARTED
        return IN_PROGRESS

    def matches(self, line: TraineeLine, wanted: str) -> bool:
        if wanted == "achter":
            return self.behind(line)
        if wanted in ("niet_begonnen", "bezig", "afgerond"):
            expected = {"niet_begonnen": NOT_STARTED, "bezig": IN_PROGRESS}.get(wanted, COMPLETED)
            return self.overall(line) == expected
        return True

    def summary(self, lines: Sequence[TraineeLine]) -> Summary:
        behind = not_started = completed = 0
        every = self.all_mask
        for line in lines:
            done = line.completed
            if self.late_mask(line.user_id) & ~done:
                behind += 1
            if done & every == every:
                completed += 1
            elif not line.started & every:
                not_started += 1
        return Summary(len(lines), behind, not_started, completed)

    def page_row(self, line: TraineeLine) -> PageRow:
        every = self.all_mask
        done = line.completed & every
        late = self.late_mask(line.user_id) & every & ~done
        feedback = line.feedback & line.started & every
        overdue = tuple(n for n in self.module_numbers if late >> n & 1)
        looks = (done, line.in_progress & every & ~done, feedback, late)
        return PageRow(line.user_id, line.name, line.team, done.bit_count(), overdue, looks)

    def cells(self, looks: tuple[int, int, int, int]) -> tuple[tuple[int, CellView], ...]:
        """(module number, CellView) per module for a row with these looks."""
        done, busy, feedback, late = looks
        cells = []
        for number in self.module_numbers:
            bit = 1 << number
            status = COMPLETED if done & bit else IN_PROGRESS if busy & bit else NOT_STARTED
            cells.append((number, CELL_VIEWS[status, bool(feedback & bit), bool(late & bit)]))
        return tuple(cells)
