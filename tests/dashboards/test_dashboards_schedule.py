"""Worked examples of the schedule rule: deadlines follow the cohort's sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.cohorts.schedule import (
    Deadline,
    deadlines,
    due_at_meeting,
    is_behind,
    next_deadline,
    next_meeting,
    overdue,
)


@dataclass
class Meeting:
    id: int | None
    title: str
    starts_at: datetime


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2027, 2, day, hour, 30, tzinfo=UTC)


# Doorbraaklab: start on 1 Feb (modules 1-2 before it), intervisie on 15 Feb (3-5, and 2 again),
# slot on 28 Feb (6). Listed out of order on purpose.
MEETINGS = [
    Meeting(3, "Slot", at(28)),
    Meeting(1, "Start", at(1)),
    Meeting(2, "Intervisie", at(15)),
]
REQUIREMENTS = {1: {1, 2}, 2: {2, 3, 4, 5}, 3: {6}}


def test_a_modules_deadline_is_the_start_of_the_earliest_session_that_requires_it():
    found = deadlines(MEETINGS, REQUIREMENTS)
    assert list(found) == [1, 2, 3, 4, 5, 6]
    assert found[1] == Deadline(1, at(1), 1, "Start")
    assert found[2] == Deadline(2, at(1), 1, "Start")  # also required on 15 Feb: first one counts
    assert found[3].due_at == at(15)
    assert found[3].meeting_title == "Intervisie"
    assert found[6].due_at == at(28)


def test_modules_no_session_requires_have_no_deadline_and_unknown_sessions_are_ignored():
    found = deadlines(MEETINGS, {1: {1}, 99: {7}})
    assert set(found) == {1}
    assert deadlines([], {1: {1}}) == {}
    assert deadlines([Meeting(None, "Nog niet opgeslagen", at(1))], {}) == {}


def test_a_trainee_is_behind_when_a_passed_deadline_has_an_unfinished_module():
    plan = deadlines(MEETINGS, REQUIREMENTS)
    on_10_feb = at(10)
    # Module 1 and 2 were due on 1 Feb.
    assert is_behind({1: "completed", 2: "completed"}, plan, on_10_feb) is False
    assert is_behind({1: "completed", 2: "in_progress"}, plan, on_10_feb) is True
    assert overdue({1: "completed"}, plan, on_10_feb) == [2]  # no row at all = not started
    assert overdue({}, plan, on_10_feb) == [1, 2]
    # Module 3 is due on 15 Feb: not yet late on the 10th, late from the session's start on.
    assert overdue({1: "completed", 2: "completed"}, plan, at(15, 8)) == []
    assert overdue({1: "completed", 2: "completed"}, plan, at(15)) == [3, 4, 5]


def test_nobody_is_behind_before_the_first_session_or_without_a_schedule():
    plan = deadlines(MEETINGS, REQUIREMENTS)
    assert is_behind({}, plan, at(1, 8)) is False
    assert is_behind({}, {}, at(28, 23)) is False


def test_next_deadline_is_the_earliest_unfinished_module_still_ahead():
    plan = deadlines(MEETINGS, REQUIREMENTS)
    nxt = next_deadline({1: "completed"}, plan, at(10))
    assert nxt is not None
    assert (nxt.module_number, nxt.due_at) == (3, at(15))
    done = dict.fromkeys((3, 4, 5), "completed")
    later = next_deadline(done, plan, at(10))
    assert later is not None
    assert later.module_number == 6
    assert next_deadline(dict.fromkeys(range(1, 7), "completed"), plan, at(10)) is None


def test_next_meeting_and_the_modules_due_at_it():
    plan = deadlines(MEETINGS, REQUIREMENTS)
    meeting = next_meeting(MEETINGS, at(10))
    assert meeting is not None
    assert meeting.title == "Intervisie"
    assert due_at_meeting(plan, 2) == [3, 4, 5]  # module 2 was already due at the start
    assert next_meeting(MEETINGS, at(28, 10)) is None
