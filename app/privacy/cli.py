"""`doorbraakschool privacy expire [--dry-run]`: expire inactive accounts (run it daily from cron
or a systemd timer). The main CLI calls `register(subparsers)`."""

from __future__ import annotations

import argparse
from typing import Any

from app.settings import Settings

OUTCOMES = {
    "deleted": "verwijderd",
    "anonymised": "geanonimiseerd",
    "left_organisation": "uit de organisatie gehaald",
    "dry_run": "zou verlopen",
}


def cmd_privacy_expire(args: argparse.Namespace, settings: Settings) -> int:
    from app.db import create_database, session_scope, utcnow
    from app.privacy.expiry import expire_inactive

    db = create_database(settings.database_url)
    try:
        with session_scope(db, write=not args.dry_run) as session:
            expired = expire_inactive(session, utcnow(), dry_run=args.dry_run)
    finally:
        db.dispose()
    for item in expired:
        print(
            f"  {item.organisation}: account {item.user_id}, laatst actief "
            f"{item.last_active:%Y-%m-%d}: {OUTCOMES[item.outcome]}"
        )
    verb = "zouden verlopen" if args.dry_run else "verlopen"
    print(f"{len(expired)} inactieve accounts {verb}.")
    return 0


def register(subparsers: Any) -> None:
    """Add `privacy expire` to the doorbraakschool command."""
    privacy = subparsers.add_parser("privacy", help="privacy (AVG): inactieve accounts")
    privacy_sub = privacy.add_subparsers(dest="privacy_command", required=True)
    expire = privacy_sub.add_parser(
        "expire", help="inactieve accounts laten verlopen volgens de instellingen per organisatie"
    )
    expire.add_argument(
        "--dry-run", action="store_true", help="alleen tonen wie zou verlopen; niets wijzigen"
    )
    expire.set_defaults(func=cmd_privacy_expire)
