"""What the fault drills share: simulated trainees that record every acknowledged write, and
checks that read the SQLite file directly (never through the app under test)."""

from __future__ import annotations

import asyncio
import copy
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import common

EXERCISE = "m01-q1"
EPSILON = 1e-6


@dataclass
class Acks:
    """Writes the server acknowledged with a 2xx, per trainee e-mail address."""

    segments: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    answers: dict[str, int] = field(default_factory=dict)
    refused: dict[int, int] = field(default_factory=dict)  # status -> count (not acknowledged)
    transport_errors: int = 0

    def beacon_acked(self, email: str, segment: tuple[float, float]) -> None:
        self.segments.setdefault(email, []).append(segment)

    def answer_acked(self, email: str) -> None:
        self.answers[email] = self.answers.get(email, 0) + 1

    @property
    def total(self) -> int:
        return sum(len(s) for s in self.segments.values()) + sum(self.answers.values())

    def summary(self) -> str:
        beacons = sum(len(s) for s in self.segments.values())
        return (
            f"{beacons} beacons and {sum(self.answers.values())} answers acknowledged, "
            f"refused {self.refused or 'none'}, {self.transport_errors} cut off"
        )

    def snapshot(self) -> Acks:
        return copy.deepcopy(self)


async def write_loop(
    trainee: common.Trainee, acks: Acks, stop: asyncio.Event, deadline: float
) -> None:
    """Alternate beacons and knowledge-check answers until stopped; record what was acked."""
    number = 0
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            if number % 2 == 0:
                response = await trainee.beacon()
                if response.is_success:
                    acks.beacon_acked(trainee.email, trainee.last_segment)
            else:
                response = await trainee.answer()
                if response.is_success:
                    acks.answer_acked(trainee.email)
            if not response.is_success:
                acks.refused[response.status_code] = acks.refused.get(response.status_code, 0) + 1
        except httpx.TransportError:
            acks.transport_errors += 1
            await asyncio.sleep(0.05)
        number += 1


# --- checks on the database file ---------------------------------------------------------------


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        result: str = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return result


def user_ids(conn: sqlite3.Connection) -> dict[str, int]:
    return {email: uid for uid, email in conn.execute("SELECT id, email FROM app_user")}


def stored_segments(path: Path) -> dict[str, list[tuple[float, float]]]:
    with sqlite3.connect(path) as conn:
        ids = {uid: email for email, uid in user_ids(conn).items()}
        rows = conn.execute(
            "SELECT user_id, played_segments FROM video_progress WHERE video_id = ?",
            (common.VIDEO,),
        ).fetchall()
    import json

    return {ids[uid]: [tuple(pair) for pair in json.loads(raw)] for uid, raw in rows}


def stored_attempts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        ids = {uid: email for email, uid in user_ids(conn).items()}
        rows = conn.execute(
            "SELECT user_id, count(*) FROM attempt WHERE exercise_id = ? GROUP BY user_id",
            (EXERCISE,),
        ).fetchall()
    return {ids[uid]: count for uid, count in rows}


def covered(segment: tuple[float, float], union: list[tuple[float, float]]) -> bool:
    first, last = segment
    return any(a - EPSILON <= first and last <= b + EPSILON for a, b in union)


def missing_writes(path: Path, acks: Acks) -> list[str]:
    """Every acknowledged write that the database file does not hold (empty when all are in)."""
    segments = stored_segments(path)
    attempts = stored_attempts(path)
    missing = [
        f"{email}: segment {segment} not in {segments.get(email, [])}"
        for email, acked in acks.segments.items()
        for segment in acked
        if not covered(segment, segments.get(email, []))
    ]
    missing += [
        f"{email}: {count} answers acknowledged, {attempts.get(email, 0)} stored"
        for email, count in acks.answers.items()
        if attempts.get(email, 0) < count
    ]
    return missing
