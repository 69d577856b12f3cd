"""What the trainer's grid page shows: the summary of the whole (team-filtered) cohort and the
rows of the page asked for, with cells worked out for that page only.

A cohort is read in two queries: the roster (who, by name) and each trainee's module statuses
folded into bit masks by the database (`queries.progress_masks`: one small row per trainee
instead of 25). The summary, the status filter and paging are then integer arithmetic.

The masks are kept per cohort and reused until stored progress changes anywhere
(`queries.progress_stamp`, two index lookups), so a trainer refreshing an unchanged cohort pays
for the roster and the page only. The cache is used on SQLite, where writes commit one at a time
in the order of their `updated_at`; on PostgreSQL concurrent transactions can commit out of that
order, so there the masks are read on every request. Only progress is cached: who is behind is
judged on every request against the schedule read fresh, with the personal deadlines of late
joiners (`Schedule.personal`), so enrolments, sessions and the catch-up setting need no stamp."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from math import ceil

from sqlmodel import Session

from app.cohorts.models import Cohort, CohortMeeting
from app.cohorts.schedule import due_at_meeting, next_meeting
from app.dashboards import queries
from app.dashboards.grid import GridJudge, PageRow, Summary, TraineeLine, mask_of

PAGE_SIZE = 100
CACHED_COHORTS = 32


@dataclass(frozen=True)
class GridPage:
    rows: list[PageRow]
    shown: int  # trainees matching the filter
    page: int
    pages: int
    summary: Summary
    next_meeting: CohortMeeting | None
    due: list[int]  # modules due at the next meeting
    not_ready: int  # trainees with any of those modules still open
    judge: GridJudge  # how the rows were judged (their cells: judge.cells(row.looks))


class MaskCache:
    """Per database and cohort: the progress masks of its trainees and the stamp they were read
    at. Bounded to the most recently viewed cohorts."""

    def __init__(self, size: int = CACHED_COHORTS) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, int], tuple[object, dict[int, queries.Masks]]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def masks(
        self, session: Session, cohort: Cohort, roster_ids: list[int]
    ) -> dict[int, queries.Masks]:
        """The masks for these trainees: from the cache when nothing changed since, else read."""
        assert cohort.id is not None
        bind = session.get_bind()
        if bind.dialect.name != "sqlite":
            return queries.progress_masks(session, cohort)
        key = (str(bind.engine.url), cohort.id)
        stamp = queries.progress_stamp(session)
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp and all(i in entry[1] for i in roster_ids):
            return entry[1]
        masks = queries.progress_masks(session, cohort)
        with self._lock:
            self._entries[key] = (stamp, masks)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return masks


MASKS = MaskCache()
NO_PROGRESS: queries.Masks = (0, 0, 0, 0)


def grid_page(
    session: Session,
    cohort: Cohort,
    module_numbers: list[int],
    *,
    team_id: int | None,
    status: str,
    page: int,
    now: datetime,
) -> GridPage:
    schedule = queries.schedule_of(session, cohort)
    roster = queries.grid_roster(session, cohort, team_id=team_id)
    masks = MASKS.masks(session, cohort, [line[0] for line in roster])
    lines = [
        TraineeLine(user_id, name, team or "", *masks.get(user_id, NO_PROGRESS))
        for user_id, name, team in roster
    ]  # NamedTuples: 10,000 of them are cheap to make
    judge = GridJudge.at(module_numbers, schedule.deadlines, now, schedule.personal)
    shown = [line for line in lines if judge.matches(line, status)] if status else lines
    pages = max(1, ceil(len(shown) / PAGE_SIZE))
    page = min(page, pages)
    upcoming = next_meeting(schedule.meetings, now)
    due = due_at_meeting(schedule.deadlines, upcoming.id) if upcoming and upcoming.id else []
    due_mask = mask_of(due)
    return GridPage(
        rows=[judge.page_row(line) for line in shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]],
        shown=len(shown),
        page=page,
        pages=pages,
        summary=judge.summary(lines),
        next_meeting=upcoming,
        due=due,
        not_ready=sum(1 for line in lines if due_mask & ~line.completed),
        judge=judge,
    )
