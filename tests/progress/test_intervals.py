"""Interval merging, coverage, gaps and plausibility as pure functions, with properties."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from app.progress import intervals

pairs = st.lists(
    st.tuples(st.floats(0, 600, allow_nan=False), st.floats(0, 600, allow_nan=False)),
    max_size=30,
)


def test_overlapping_and_touching_intervals_merge():
    assert intervals.merge([(10, 20), (0, 5), (4, 12), (30, 40), (40.3, 45)]) == [
        (0, 20),
        (30, 45),
    ]


def test_coverage_counts_rewatching_once():
    watched = [(0, 60), (0, 60), (30, 90)]
    assert intervals.covered_seconds(watched) == 90
    assert intervals.coverage(watched, 180) == 0.5


def test_skipping_ahead_does_not_count_the_skipped_part():
    assert intervals.coverage([(0, 10), (170, 180)], 180) == 20 / 180


def test_gaps_name_the_parts_not_yet_watched():
    assert intervals.gaps([(0, 130), (220, 300)], 300) == [(130, 220)]
    assert intervals.describe_gaps([(0, 130), (220, 300)], 300) == "02:10–03:40"


def test_normalise_clips_to_the_video_and_drops_empty_or_infinite_intervals():
    raw = [(-5, 10), (50, 40), (float("inf"), 3), (170, 999)]
    assert intervals.normalise(raw, 180) == [(0.0, 10.0), (170.0, 180.0)]


def test_growth_within_wall_clock_time_times_rate_is_plausible():
    assert intervals.plausible_growth([(0, 10)], [(0, 30)], elapsed=10, max_rate=2.0)
    assert not intervals.plausible_growth([(0, 10)], [(0, 60)], elapsed=10, max_rate=2.0)


def test_clock_formats_minutes_and_hours():
    assert intervals.clock(130) == "02:10"
    assert intervals.clock(3725) == "1:02:05"


@given(pairs)
def test_merge_is_idempotent(raw):
    merged = intervals.merge(intervals.normalise(raw))
    assert intervals.merge(merged) == merged


@given(pairs)
def test_merge_does_not_depend_on_order(raw):
    clean = intervals.normalise(raw)
    shuffled = clean[:]
    random.Random(4).shuffle(shuffled)
    assert intervals.merge(shuffled) == intervals.merge(clean)


@given(pairs, pairs)
def test_adding_a_repeated_beacon_changes_nothing(first, second):
    a = intervals.merge(intervals.normalise(first))
    both = intervals.merge(a + intervals.normalise(second))
    assert intervals.merge(both + intervals.normalise(second)) == both


@given(pairs)
def test_merged_intervals_are_sorted_disjoint_and_within_the_video(raw):
    merged = intervals.merge(intervals.normalise(raw, 600))
    for (a, b), (c, _) in zip(merged, merged[1:], strict=False):
        assert a < b < c
    assert all(0 <= a < b <= 600 for a, b in merged)
    assert 0 <= intervals.coverage(merged, 600) <= 1


@given(pairs)
def test_coverage_never_exceeds_the_sum_of_the_parts(raw):
    clean = intervals.normalise(raw)
    assert intervals.covered_seconds(clean) <= sum(b - a for a, b in clean) + 1e-6
