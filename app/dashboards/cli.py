"""`doorbraakschool digest [--dry-run] [--days N]`: send the digest before each session.

Run it daily (cron or a systemd timer). Each session's digest goes out once, to the cohort's
trainers, when the session starts within N days (default 3). Without SMTP the e-mail stays in the
outbox. app/cli.py adds it through `register`, like app/privacy/cli.py."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.settings import Settings

if TYPE_CHECKING:
    from app.content import Catalog
    from app.db import Database


def register(subparsers: Any) -> None:
    """Add the `digest` sub-command to the parser's sub-parsers."""
    from app.dashboards.digest import DEFAULT_DAYS

    parser = subparsers.add_parser(
        "digest", help="overzicht vóór elke bijeenkomst naar de trainers sturen"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="alleen tonen welke overzichten zouden gaan"
    )
    parser.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        help=f"zoveel dagen vóór de bijeenkomst (standaard {DEFAULT_DAYS})",
    )
    parser.set_defaults(func=cmd_digest)


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from app.content import load_catalog
    from app.db import create_database
    from app.mail.service import deliver_pending

    if args.days < 0:
        print("--days kan niet negatief zijn.")
        return 2
    db = create_database(settings.database_url)
    try:
        due = _due(db, args.days)
        if not due:
            print("Geen overzichten te versturen.")
            return 0
        if args.dry_run:
            for _, _, label in due:
                print(f"Zou versturen: {label}")
            return 0
        catalog = load_catalog(settings.content_dir, names=False)
        for meeting_id, cohort_id, label in due:
            print(f"{label}: {_send_one(db, settings, catalog, meeting_id, cohort_id)}")
        if settings.smtp_enabled:
            deliver_pending(db, settings, limit=1000)
    finally:
        db.dispose()
    return 0


def _due(db: Database, days: int) -> list[tuple[int, int, str]]:
    """(meeting id, cohort id, label) of every session whose digest is due now."""
    from app.dashboards.digest import due_digests
    from app.dates import format_date
    from app.db import session_scope, utcnow

    with session_scope(db, write=False) as session:
        return [
            (
                meeting.id or 0,
                cohort.id or 0,
                f"{cohort.name}: {meeting.title} ({format_date(meeting.starts_at)})",
            )
            for meeting, cohort in due_digests(session, utcnow(), days)
        ]


def _send_one(
    db: Database, settings: Settings, catalog: Catalog, meeting_id: int, cohort_id: int
) -> str:
    """Send one session's digest in its own unit of work; the outcome in Dutch."""
    from app.cohorts.models import Cohort, CohortMeeting
    from app.dashboards.digest import send_automatic
    from app.db import session_scope, utcnow

    with session_scope(db, write=True) as session:
        meeting = session.get(CohortMeeting, meeting_id)
        cohort = session.get(Cohort, cohort_id)
        if meeting is None or cohort is None:
            return "bestaat niet meer"
        count = send_automatic(session, settings, catalog, meeting, cohort, utcnow())
    if count is None:
        return "was al verstuurd"
    if count == 0:
        return "nog geen trainers, volgende keer opnieuw"
    return f"verstuurd aan {count} trainer(s)"
