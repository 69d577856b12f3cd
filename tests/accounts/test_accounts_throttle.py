"""The throttle rules as a library: the soft lock's growing wait and the sliding windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.accounts import throttle

T0 = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "wait_minutes"),
    [(0, None), (4, None), (5, 1), (6, 2), (7, 4), (8, 8), (10, 32), (11, 60), (500, 60)],
)
def test_soft_lock_starts_after_the_free_failures_and_doubles_up_to_the_maximum(
    failures, wait_minutes
):
    until = throttle.soft_lock_until(failures, T0, free=5, max_minutes=60)
    expected = None if wait_minutes is None else T0 + timedelta(minutes=wait_minutes)
    assert until == expected


def test_sliding_window_has_room_again_when_the_oldest_event_leaves_it():
    window = timedelta(hours=1)
    assert throttle.window_full_until(2, T0, limit=3, window=window) is None
    assert throttle.window_full_until(3, T0, limit=3, window=window) == T0 + window


@pytest.mark.parametrize(
    ("seconds_left", "minutes"), [(1, 1), (59, 1), (60, 1), (61, 2), (3600, 60), (-5, 1)]
)
def test_minutes_left_rounds_up_and_is_never_zero(seconds_left, minutes):
    assert throttle.minutes_left(T0 + timedelta(seconds=seconds_left), T0) == minutes


def test_messages_are_dutch_with_minute_or_minutes():
    assert "over 1 minuut opnieuw" in throttle.login_wait_message(1)
    assert "over 8 minuten opnieuw" in throttle.login_wait_message(8)
    assert "over 60 minuten opnieuw" in throttle.reset_wait_message(60)
