"""The digest before each session: an e-mail to the cohort's trainers with who has not started,
who is behind, and which knowledge-check questions the cohort found hardest.

The automatic digest goes out once per session, `days` days before it (recorded in
digest_sent); a trainer can also send one at any moment from the grid page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from app.audit.service import record
from app.cohorts import queries as cohort_queries
from app.cohorts.models import Cohort, CohortMeeting
from app.cohorts.schedule import due_at_meeting, next_meeting
from app.content import Catalog
from app.dashboards import queries
from app.dashboards.grid import NOT_STARTED, GridRow, build_rows
from app.dashboards.models import DigestSent
from app.dates import format_date
from app.mail.service import queue_mail
from app.settings import Settings

DEFAULT_DAYS = 3
HARDEST = 5
MIN_ANSWERS = 3
MAX_NAMES = 30


@dataclass(frozen=True)
class HardQuestion:
    exercise_id: str
    module_number: int
    question: str
    answered: int
    right: int

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.answered) if self.answered else 0


@dataclass(frozen=True)
class Digest:
    cohort: Cohort
    meeting: CohortMeeting | None
    rows: list[GridRow]
    due_modules: list[int]
    hardest: list[HardQuestion]

    @property
    def not_started(self) -> list[GridRow]:
        return [row for row in self.rows if row.overall == NOT_STARTED]

    @property
    def behind(self) -> list[GridRow]:
        return [row for row in self.rows if row.behind]

    @property
    def not_ready(self) -> list[GridRow]:
        """Trainees with a module due at this session still open."""
        return [row for row in self.rows if row.has_open(self.due_modules)]


def hardest_questions(
    session: Session,
    catalog: Catalog,
    cohort: Cohort,
    *,
    limit: int = HARDEST,
    min_answers: int = MIN_ANSWERS,
) -> list[HardQuestion]:
    """Questions with the lowest share right at the first attempt (at least `min_answers`)."""
    found = []
    for exercise_id, answered, right in queries.first_attempt_shares(session, cohort):
        if answered < min_answers:
            continue
        try:
            module, exercise = catalog.exercise(exercise_id)
        except KeyError:
            continue  # the question left the course
        found.append(HardQuestion(exercise_id, module.number, exercise.question, answered, right))
    found.sort(key=lambda q: (q.right / q.answered, -q.answered, q.exercise_id))
    return found[:limit]


def build_digest(
    session: Session,
    catalog: Catalog,
    cohort: Cohort,
    meeting: CohortMeeting | None,
    now: datetime,
) -> Digest:
    schedule = queries.schedule_of(session, cohort)
    records = queries.grid_records(session, cohort)
    numbers = [m.number for m in catalog.modules]
    rows = build_rows(records, numbers, schedule.deadlines_for, now)
    due = due_at_meeting(schedule.deadlines, meeting.id) if meeting and meeting.id else []
    return Digest(cohort, meeting, rows, due, hardest_questions(session, catalog, cohort))


def _names(rows: Sequence[GridRow], detail: bool = False) -> list[str]:
    lines = []
    for row in rows[:MAX_NAMES]:
        team = f" ({row.team})" if row.team else ""
        late = ""
        if detail and row.overdue:
            late = ": module " + ", ".join(str(n) for n in row.overdue)
        lines.append(f"- {row.name}{team}{late}")
    if len(rows) > MAX_NAMES:
        lines.append(f"- en nog {len(rows) - MAX_NAMES} anderen")
    return lines or ["- niemand"]


def _meeting_lines(digest: Digest, catalog: Catalog) -> list[str]:
    meeting = digest.meeting
    if meeting is None:
        return ["Er staat geen volgende bijeenkomst gepland.", ""]
    lines = [f'Op {format_date(meeting.starts_at)} is de bijeenkomst "{meeting.title}".']
    if digest.due_modules:
        titles = ", ".join(f"{n} ({catalog.module(n).title})" for n in digest.due_modules)
        lines.append(f"Af te ronden vóór deze bijeenkomst: module {titles}.")
        lines.append(f"Deelnemers die daar nog niet klaar mee zijn: {len(digest.not_ready)}.")
    return [*lines, ""]


def compose(digest: Digest, catalog: Catalog, base_url: str) -> tuple[str, str]:
    """Subject and plain-text body of the digest e-mail (Dutch)."""
    cohort = digest.cohort
    when = f" vóór {digest.meeting.title}" if digest.meeting else ""
    subject = f"Overzicht {cohort.name}{when}"[:200]
    lines = ["Beste trainer,", "", f"Een overzicht van {cohort.name}.", ""]
    lines += _meeting_lines(digest, catalog)
    lines += [
        f"{len(digest.rows)} deelnemers, van wie {len(digest.behind)} achter op schema en "
        f"{len(digest.not_started)} nog niet begonnen.",
        "",
        "Nog niet begonnen:",
        *_names(digest.not_started),
        "",
        "Achter op schema (de deadline van deze modules is verstreken):",
        *_names(digest.behind, detail=True),
        "",
        "Moeilijkste vragen (aandeel goed bij de eerste poging):",
    ]
    lines += [
        f'- {q.percent}% van {q.answered}: module {q.module_number}, "{q.question}"'
        for q in digest.hardest
    ] or [f"- nog te weinig antwoorden (minstens {MIN_ANSWERS} per vraag)"]
    lines += [
        "",
        f"Het voortgangsoverzicht: {base_url.rstrip('/')}/groepen/{cohort.id}/voortgang",
        "",
        "Doorbraakschool",
    ]
    return subject, "\n".join(lines)


def _recipients(session: Session, cohort: Cohort, extra: str | None) -> list[str]:
    addresses = [trainer.email for trainer in cohort_queries.trainers_of(session, cohort)]
    if extra and extra not in addresses:
        addresses.append(extra)
    return addresses


def send_digest(
    session: Session,
    settings: Settings,
    catalog: Catalog,
    cohort: Cohort,
    *,
    meeting: CohortMeeting | None,
    now: datetime,
    actor_id: int | None = None,
    also_to: str | None = None,
) -> int:
    """Queue the digest for the cohort's trainers (and `also_to`); returns how many."""
    digest = build_digest(session, catalog, cohort, meeting, now)
    subject, body = compose(digest, catalog, settings.base_url)
    addresses = _recipients(session, cohort, also_to)
    for address in addresses:
        queue_mail(session, settings, to=address, subject=subject, body=body)
    record(
        session,
        action="digest.send",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
        meeting_id=meeting.id if meeting else None,
        recipients=len(addresses),
    )
    return len(addresses)


def send_now(
    session: Session,
    settings: Settings,
    catalog: Catalog,
    cohort: Cohort,
    *,
    now: datetime,
    actor_id: int,
    actor_email: str,
) -> int:
    """The trainer's button: the digest for the next session, right now."""
    meeting = next_meeting(cohort_queries.meetings_of(session, cohort), now)
    return send_digest(
        session,
        settings,
        catalog,
        cohort,
        meeting=meeting,
        now=now,
        actor_id=actor_id,
        also_to=actor_email,
    )


def due_digests(
    session: Session, now: datetime, days: int = DEFAULT_DAYS
) -> list[tuple[CohortMeeting, Cohort]]:
    """Sessions starting within `days` days whose automatic digest has not gone out."""
    return queries.meetings_between(session, now, now + timedelta(days=days))


def send_automatic(
    session: Session,
    settings: Settings,
    catalog: Catalog,
    meeting: CohortMeeting,
    cohort: Cohort,
    now: datetime,
) -> int | None:
    """Send the automatic digest of one session once; None when it went out already."""
    assert meeting.id is not None
    if queries.digest_sent(session, meeting.id) is not None:
        return None
    if not cohort_queries.trainers_of(session, cohort):
        return 0  # nobody to tell yet; a trainer assigned later still gets it
    count = send_digest(session, settings, catalog, cohort, meeting=meeting, now=now)
    if count:
        assert cohort.id is not None
        session.add(DigestSent(meeting_id=meeting.id, cohort_id=cohort.id, recipients=count))
        session.flush()
    return count
