"""A cohort's schedule (pure): deadlines follow the cohort's sessions.

Each session (bijeenkomst) lists the modules that must be done before it starts. A module's
deadline is the start of the earliest session that requires it. A trainee is "achter op schema"
when a module whose deadline has passed is not completed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

COMPLETED = "completed"


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
