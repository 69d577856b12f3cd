"""A cohort's schedule (pure): deadlines follow the cohort's sessions.

Each session (bijeenkomst) lists the modules that must be done before it starts. A module's
deadline is the start of the earliest session that requires it. A trainee is "achter op schema"
when a module whose deadline has passed is not completed.

Someone who joins late gets a fair personal deadline: the later of the cohort's deadline and
their own enrolment plus a catch-up period of `catch_up_days` (an organisation setting) per
missed block. A block is a session with modules due before it; it is missed when it started
before the person enrolled in this cohort. The k-th block (in date order) is due no earlier than
enrolment + k x catch_up_days while k counts missed blocks, and every later block no earlier than
the last of those: the missed work is spread out in order, and new work never falls due before
the catch-up is over. Someone moved to another cohort counts from their enrolment there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

COMPLETED = "completed"
DEFAULT_CATCH_UP_DAYS = 14


class MeetingLike(Protocol):
    """What the schedule needs of a session: a CohortMeeting row fits."""

    @property
    def id(self) -> int | None: ...

    @property
    def title(self) -> str: ...

    @property
    def starts_at(self) -> datetime: ...


M = TypeVar("M", bound=MeetingLike)


@dataclass(frozen=True)
class Deadline:
    """Module `module_number` must be done before session `meeting_id` starts (`due_at`)."""

    module_number: int
    due_at: datetime
    meeting_id: int
    meeting_title: str
    cohort_due_at: datetime | None = None  # the cohort's own deadline, when catch-up moved it

    @property
    def catch_up(self) -> bool:
        """True when this is a late joiner's catch-up deadline, later than the cohort's."""
        return self.cohort_due_at is not None


def deadlines(
    meetings: Iterable[MeetingLike], requirements: Mapping[int, Collection[int]]
) -> dict[int, Deadline]:
    """Module number -> its deadline: the start of the earliest session that requires it.

    `requirements` maps a meeting id to the module numbers due before that meeting. Modules no
    session requires have no deadline; requirements of unknown meetings are ignored."""
    found: dict[int, Deadline] = {}
    for meeting in sorted(meetings, key=lambda m: (m.starts_at, m.id or 0)):
        if meeting.id is None:
            continue
        for number in sorted(requirements.get(meeting.id, ())):
            found.setdefault(number, Deadline(number, meeting.starts_at, meeting.id, meeting.title))
    return dict(sorted(found.items()))


def overdue(
    status_by_module: Mapping[int, str], deadlines: Mapping[int, Deadline], now: datetime
) -> list[int]:
    """Modules whose deadline has passed (the session has started) and that are not completed."""
    return sorted(
        number
        for number, deadline in deadlines.items()
        if deadline.due_at <= now and status_by_module.get(number) != COMPLETED
    )


def is_behind(
    status_by_module: Mapping[int, str], deadlines: Mapping[int, Deadline], now: datetime
) -> bool:
    """True when the trainee is "achter op schema"."""
    return bool(overdue(status_by_module, deadlines, now))


def next_deadline(
    status_by_module: Mapping[int, str], deadlines: Mapping[int, Deadline], now: datetime
) -> Deadline | None:
    """The earliest deadline still ahead for a module that is not completed (lowest module
    number first on a tie), or None."""
    ahead = [
        deadline
        for number, deadline in deadlines.items()
        if deadline.due_at > now and status_by_module.get(number) != COMPLETED
    ]
    return min(ahead, key=lambda d: (d.due_at, d.module_number), default=None)


def next_meeting(meetings: Iterable[M], now: datetime) -> M | None:
    """The first session that has not started yet."""
    ahead = [meeting for meeting in meetings if meeting.starts_at > now]
    return min(ahead, key=lambda m: (m.starts_at, m.id or 0), default=None)


def due_at_meeting(deadlines: Mapping[int, Deadline], meeting_id: int) -> list[int]:
    """Modules whose deadline is this session (not those already due at an earlier one)."""
    return sorted(n for n, d in deadlines.items() if d.meeting_id == meeting_id)


def personal_deadlines(
    deadlines: Mapping[int, Deadline], joined_at: datetime | None, catch_up_days: int
) -> dict[int, Deadline]:
    """The deadlines of someone who enrolled in the cohort at `joined_at` (see the module
    docstring); the cohort's deadlines unchanged when they missed no block (or `joined_at` is
    None). A moved deadline keeps the cohort's date in `cohort_due_at`."""
    if joined_at is None:
        return dict(deadlines)
    blocks = sorted({(d.due_at, d.meeting_id) for d in deadlines.values()})
    missed = sum(1 for due_at, _ in blocks if due_at <= joined_at)
    if not missed:
        return dict(deadlines)
    rank = {meeting_id: min(index, missed) for index, (_, meeting_id) in enumerate(blocks, 1)}
    found: dict[int, Deadline] = {}
    for number, deadline in deadlines.items():
        floor = joined_at + timedelta(days=catch_up_days * rank[deadline.meeting_id])
        moved = floor > deadline.due_at
        found[number] = (
            replace(deadline, due_at=floor, cohort_due_at=deadline.due_at) if moved else deadline
        )
    return found


def joined_late(deadlines: Mapping[int, Deadline], joined_at: datetime) -> bool:
    """True when someone enrolling at `joined_at` missed at least one block."""
    return any(deadline.due_at <= joined_at for deadline in deadlines.values())


@dataclass(frozen=True)
class CatchUpStep:
    """One step of a late joiner's "inhaalschema": these modules, of this missed session, by
    `due_at` (instead of the cohort's `cohort_due_at`)."""

    due_at: datetime
    cohort_due_at: datetime
    meeting_title: str
    module_numbers: tuple[int, ...]


def catch_up_plan(deadlines: Mapping[int, Deadline]) -> list[CatchUpStep]:
    """The moved deadlines grouped per session, earliest first; empty when nothing moved."""
    steps: dict[int, list[Deadline]] = {}
    for deadline in deadlines.values():
        if deadline.cohort_due_at is not None:
            steps.setdefault(deadline.meeting_id, []).append(deadline)
    return sorted(
        (
            CatchUpStep(
                group[0].due_at,
                group[0].cohort_due_at or group[0].due_at,
                group[0].meeting_title,
                tuple(sorted(d.module_number for d in group)),
            )
            for group in steps.values()
        ),
        key=lambda step: (step.due_at, step.cohort_due_at),
    )
