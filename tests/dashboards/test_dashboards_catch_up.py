"""Worked examples of fair deadlines for late joiners: the later of the cohort's deadline and
the person's enrolment plus 14 days per missed block (hand-written dates, not recomputed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.cohorts.schedule import (
    CatchUpStep,
    catch_up_plan,
    deadlines,
    is_behind,
    joined_late,
    overdue,
    personal_deadlines,
)


@dataclass
class Meeting:
    id: int
    title: str
    starts_at: datetime


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2027, month, day, hour, 30, tzinfo=UTC)


# Start 1 Feb (modules 1-2), intervisie 15 Feb (3-4), slot 1 Mar (5).
COHORT = deadlines(
    [
        Meeting(1, "Start", at(2, 1)),
        Meeting(2, "Intervisie", at(2, 15)),
        Meeting(3, "Slot", at(3, 1)),
    ],
    {1: {1, 2}, 2: {3, 4}, 3: {5}},
)


def due(found: dict, number: int) -> datetime:
    return found[number].due_at


def test_someone_enrolled_before_the_first_session_keeps_the_cohorts_deadlines():
    mine = personal_deadlines(COHORT, at(1, 20), 14)
    assert mine == COHORT
    assert catch_up_plan(mine) == []
    assert not joined_late(COHORT, at(1, 20))


def test_without_an_enrolment_date_the_cohorts_deadlines_apply():
    assert personal_deadlines(COHORT, None, 14) == COHORT


def test_joining_between_sessions_gives_14_days_for_the_missed_block_only():
    mine = personal_deadlines(COHORT, at(2, 5, 10), 14)  # after Start, before Intervisie
    assert due(mine, 1) == due(mine, 2) == at(2, 19, 10)  # 5 Feb + 14 days
    assert mine[1].cohort_due_at == at(2, 1)
    assert mine[1].catch_up
    # the next block (15 Feb) falls before the catch-up ends (19 Feb): not earlier than that
    assert due(mine, 3) == due(mine, 4) == at(2, 19, 10)
    assert due(mine, 5) == at(3, 1)  # later than the catch-up: the cohort's own date
    assert not mine[5].catch_up


def test_joining_after_two_sessions_spreads_the_missed_blocks_14_days_apart():
    mine = personal_deadlines(COHORT, at(2, 20, 8), 14)
    assert due(mine, 1) == at(3, 6, 8)  # first missed block: 20 Feb + 14
    assert due(mine, 3) == at(3, 20, 8)  # second missed block: 20 Feb + 28
    assert due(mine, 5) == at(3, 20, 8)  # Slot on 1 Mar comes after the catch-up
    assert catch_up_plan(mine) == [
        CatchUpStep(at(3, 6, 8), at(2, 1), "Start", (1, 2)),
        CatchUpStep(at(3, 20, 8), at(2, 15), "Intervisie", (3, 4)),
        CatchUpStep(at(3, 20, 8), at(3, 1), "Slot", (5,)),
    ]


def test_joining_after_the_last_session_gives_14_days_per_block():
    mine = personal_deadlines(COHORT, at(3, 10), 14)
    assert [due(mine, n) for n in (1, 3, 5)] == [at(3, 24), at(4, 7), at(4, 21)]


def test_a_late_joiner_is_not_behind_on_day_one_nor_before_the_catch_up_ends():
    mine = personal_deadlines(COHORT, at(2, 20), 14)
    nothing_done: dict[int, str] = {}
    assert is_behind(nothing_done, COHORT, at(2, 20))  # by the cohort's dates they would be
    assert not is_behind(nothing_done, mine, at(2, 20))
    assert not is_behind(nothing_done, mine, at(3, 6, 8))
    assert overdue(nothing_done, mine, at(3, 7)) == [1, 2]
    assert overdue({1: "completed", 2: "completed"}, mine, at(3, 7)) == []


def test_the_catch_up_period_is_the_organisations_setting():
    mine = personal_deadlines(COHORT, at(2, 5), 7)
    assert due(mine, 1) == at(2, 12)
    assert due(mine, 3) == at(2, 15)  # 12 Feb is before 15 Feb: the cohort's date stands


def test_someone_moved_to_another_cohort_counts_from_their_enrolment_there():
    # Moved on 10 Feb from a cohort that started in January into COHORT: what counts is the
    # enrolment in COHORT (10 Feb), and work completed earlier stays completed.
    mine = personal_deadlines(COHORT, at(2, 10), 14)
    assert due(mine, 1) == at(2, 24)
    assert due(mine, 3) == at(2, 24)
    done_before_the_move = {1: "completed", 2: "completed", 3: "completed"}
    assert overdue(done_before_the_move, mine, at(2, 25)) == [4]
    # Moved back on 1 Feb before the first session: no catch-up at all.
    assert personal_deadlines(COHORT, at(2, 1, 8), 14) == COHORT
