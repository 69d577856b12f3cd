"""Learning records of one cohort as xAPI statements (JSON lines), for an organisation's own LRS.

Video events follow the xAPI Video Profile (https://w3id.org/xapi/video). The school stores one
merged row per trainee x video (watched segments, progress, event counters, first play and
completion time), not every click; so the export has one statement per verb per video, with the
counter in a context extension. Attempts become `answered` statements with score and success;
answers themselves are never exported. The actor is identified by the SHA-1 of the mailto IRI
(mbox_sha1sum), never by the plain e-mail address."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from app.accounts.models import User
from app.cohorts.models import Enrollment
from app.content import Catalog
from app.content.kinds import LABELS as KIND_LABELS
from app.db import Database, session_scope
from app.exercises.models import Attempt
from app.progress.models import VideoProgress

VIDEO = "https://w3id.org/xapi/video"
VIDEO_TYPE = f"{VIDEO}/activity-type/video"
EXT = f"{VIDEO}/extensions"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
VERBS = {
    "played": (f"{VIDEO}/verbs/played", "speelde af"),
    "paused": (f"{VIDEO}/verbs/paused", "pauzeerde"),
    "seeked": (f"{VIDEO}/verbs/seeked", "zocht"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "voltooide"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "beantwoordde"),
}
BATCH = 200


def actor(user: User) -> dict[str, Any]:
    digest = hashlib.sha1(f"mailto:{user.email}".encode(), usedforsecurity=False).hexdigest()
    return {"objectType": "Agent", "name": user.display_name, "mbox_sha1sum": digest}


def verb(name: str) -> dict[str, Any]:
    iri, dutch = VERBS[name]
    return {"id": iri, "display": {"en-US": name, "nl-NL": dutch}}


def segments_text(segments: list[list[float]]) -> str:
    """The profile's played-segments format: 0[.]12.5[,]20[.]31."""
    return "[,]".join(f"{_num(a)}[.]{_num(b)}" for a, b in segments)


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def _time(value: datetime) -> str:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


class StatementBuilder:
    def __init__(self, catalog: Catalog, base_url: str, cohort_id: int) -> None:
        self.base = base_url.rstrip("/")
        self.grouping = {"id": f"{self.base}/groepen/{cohort_id}", "objectType": "Activity"}
        self.modules = {m.video: m for m in catalog.modules}
        self.catalog = catalog

    def _module_activity(self, number: int) -> dict[str, Any]:
        title = self.catalog.module(number).title
        return {
            "id": f"{self.base}/modules/{number}",
            "objectType": "Activity",
            "definition": {"name": {"nl-NL": f"Module {number}: {title}"}},
        }

    def _statement_id(self, key: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.base}/xapi/{key}"))

    def video(self, user: User, row: VideoProgress) -> list[dict[str, Any]]:
        module = self.modules.get(row.video_id)
        moments = {
            "played": row.first_played_at,
            "paused": row.last_beacon_at,
            "seeked": row.last_beacon_at,
            "completed": row.completed_at,
        }
        statements = []
        for name, at in moments.items():
            count = int(row.events.get(name, 0))
            if at is None or (name != "completed" and count == 0):
                continue
            statements.append(self._video_statement(user, row, module, name, at, count))
        return statements

    def _video_statement(
        self, user: User, row: VideoProgress, module: Any, name: str, at: datetime, count: int
    ) -> dict[str, Any]:
        title = f"Video: {module.title}" if module is not None else f"Video {row.video_id}"
        result: dict[str, Any] = {
            "extensions": {
                f"{EXT}/played-segments": segments_text(row.played_segments),
                f"{EXT}/progress": round(row.progress, 3),
                f"{EXT}/completion-threshold": row.completion_threshold,
                f"{EXT}/time": round(row.position, 3),
            }
        }
        if name == "completed":
            result["completion"] = True
        context: dict[str, Any] = {
            "contextActivities": {
                "category": [{"id": VIDEO, "objectType": "Activity"}],
                "grouping": [self.grouping],
            },
            "extensions": {
                f"{EXT}/length": round(row.duration, 3),
                f"{EXT}/completion-threshold": row.completion_threshold,
                f"{EXT}/session-id": row.page_session or f"dbs-{row.id}",
                f"{self.base}/xapi/extensions/event-count": count,
            },
        }
        if module is not None:
            context["contextActivities"]["parent"] = [self._module_activity(module.number)]
        return {
            "id": self._statement_id(f"video/{row.id}/{name}"),
            "actor": actor(user),
            "verb": verb(name),
            "object": {
                "objectType": "Activity",
                "id": f"{self.base}/video/{row.video_id}",
                "definition": {"type": VIDEO_TYPE, "name": {"nl-NL": title}},
            },
            "result": result,
            "context": context,
            "timestamp": _time(at),
        }

    def _exercise_name(self, attempt: Attempt) -> str:
        try:
            module, _exercise = self.catalog.exercise(attempt.exercise_id)
        except KeyError:
            case_id, _, kind = attempt.exercise_id.partition("-")
            label = KIND_LABELS.get(kind)
            if label is None:
                return f"Oefening {attempt.exercise_id}"
            return f"Oefening {label} (casus {case_id.upper()})"
        position = [e.id for e in module.exercises].index(attempt.exercise_id) + 1
        return f"Module {module.number}, vraag {position}"

    def attempt(self, user: User, attempt: Attempt) -> dict[str, Any]:
        context: dict[str, Any] = {"contextActivities": {"grouping": [self.grouping]}}
        if attempt.module_number is not None:
            context["contextActivities"]["parent"] = [self._module_activity(attempt.module_number)]
        return {
            "id": self._statement_id(f"attempt/{attempt.id}"),
            "actor": actor(user),
            "verb": verb("answered"),
            "object": {
                "objectType": "Activity",
                "id": f"{self.base}/oefeningen/{attempt.exercise_id}",
                "definition": {
                    "type": INTERACTION,
                    "name": {"nl-NL": self._exercise_name(attempt)},
                },
            },
            "result": {
                "score": {
                    "scaled": round(attempt.score, 4),
                    "min": 0,
                    "max": 1,
                    "raw": round(attempt.score, 4),
                },
                "success": attempt.passed,
                "completion": True,
            },
            "context": context,
            "timestamp": _time(attempt.created_at),
        }


def _user_statements(
    session: Session, builder: StatementBuilder, users: list[User], cohort_id: int
) -> Iterator[dict[str, Any]]:
    """Video statements (progress is the person's own learning) and the attempts made in this
    cohort (work belongs to the context it was made in)."""
    by_id = {u.id: u for u in users}
    ids = list(by_id)
    videos = session.exec(
        select(VideoProgress)
        .where(col(VideoProgress.user_id).in_(ids))
        .order_by(col(VideoProgress.user_id), col(VideoProgress.id))
    ).all()
    for row in videos:
        yield from builder.video(by_id[row.user_id], row)
    attempts = session.exec(
        select(Attempt)
        .where(col(Attempt.user_id).in_(ids), Attempt.cohort_id == cohort_id)
        .order_by(col(Attempt.user_id), col(Attempt.id))
    ).all()
    for attempt in attempts:
        yield builder.attempt(by_id[attempt.user_id], attempt)


def cohort_statement_lines(
    db: Database, catalog: Catalog, base_url: str, cohort_id: int
) -> Iterator[str]:
    """Every statement of the cohort's trainees, one JSON object per line, read in batches of
    trainees with a session of its own (the response streams after the request's session)."""
    builder = StatementBuilder(catalog, base_url, cohort_id)
    with session_scope(db, write=False) as session:
        users = list(
            session.exec(
                select(User)
                .join(Enrollment, col(Enrollment.user_id) == User.id)
                .where(Enrollment.cohort_id == cohort_id)
                .order_by(col(User.id))
            ).all()
        )
        for start in range(0, len(users), BATCH):
            for statement in _user_statements(
                session, builder, users[start : start + BATCH], cohort_id
            ):
                yield json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n"
