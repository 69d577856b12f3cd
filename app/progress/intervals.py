"""Watched intervals of a video: union, coverage, gaps and the plausibility rule (pure).

An interval is a half-open pair [start, end) in seconds. The stored form is the union of every
interval a trainee ever watched, sorted and without overlaps. Merging is idempotent and
order-independent, so a repeated or late beacon changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Interval = tuple[float, float]

JOIN_GAP = 0.5  # seconds: intervals closer than this count as one (beacon batch boundaries)
PRECISION = 2  # decimals kept in storage


def normalise(
    intervals: Iterable[Sequence[float]], duration: float | None = None
) -> list[Interval]:
    """Finite, non-empty intervals, clipped to [0, duration], rounded."""
    result: list[Interval] = []
    for pair in intervals:
        if len(pair) != 2:
            continue
        start, end = float(pair[0]), float(pair[1])
        if not (math.isfinite(start) and math.isfinite(end)):
            continue
        start = max(0.0, start)
        if duration is not None:
            end = min(end, duration)
        start, end = round(start, PRECISION), round(end, PRECISION)
        if end > start:
            result.append((start, end))
    return result


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union as sorted, disjoint intervals (gaps under JOIN_GAP are closed)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + JOIN_GAP:
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def covered_seconds(intervals: Iterable[Interval]) -> float:
    return round(sum(end - start for start, end in merge(intervals)), PRECISION)


def coverage(intervals: Iterable[Interval], duration: float) -> float:
    """Share of the video watched, 0.0 .. 1.0."""
    if duration <= 0:
        return 0.0
    return min(1.0, covered_seconds(intervals) / duration)


def gaps(
    intervals: Iterable[Interval], duration: float, *, min_length: float = 1.0
) -> list[Interval]:
    """The parts not yet watched (ignoring slivers shorter than min_length)."""
    result: list[Interval] = []
    position = 0.0
    for start, end in merge(intervals):
        if start - position >= min_length:
            result.append((position, start))
        position = max(position, end)
    if duration - position >= min_length:
        result.append((position, duration))
    return result


def plausible_growth(
    before: Iterable[Interval],
    after: Iterable[Interval],
    *,
    elapsed: float,
    max_rate: float,
    tolerance: float = 2.0,
) -> bool:
    """Coverage may not grow faster than wall-clock time times the highest playback rate."""
    growth = covered_seconds(after) - covered_seconds(before)
    return growth <= max(0.0, elapsed) * max_rate + tolerance


def clock(seconds: float) -> str:
    """02:10 (or 1:02:10 past an hour)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def describe_gaps(intervals: Iterable[Interval], duration: float) -> str:
    """'02:10–03:40, 05:00–05:30' for the parts still to watch."""
    return ", ".join(f"{clock(a)}–{clock(b)}" for a, b in gaps(intervals, duration))
