"""Everything the school stores about one user, as JSON-ready data (the AVG right of access).

Tables are read generically: every table with a column that points at the user as its owner
(`user_id`, `owner_id`, ...) or that holds the user's e-mail address. Tables of other features
(calculations, plans, ...) are therefore included without a line here. Secrets (password and
token hashes, login sessions) are left out."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table, select
from sqlmodel import Session

from app.accounts.models import User
from app.db import metadata, utcnow
from app.errors import NotFound

OWNER_COLUMNS = frozenset({"user_id", "owner_id", "trainee_id", "author_id", "student_id"})
SKIPPED_TABLES = frozenset(
    {"app_user", "user_session", "password_reset_token", "throttle_event", "outbox_message"}
)
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
# The Dutch section name of each table in the export (and on "Mijn gegevens"): people read
# these, never a table name. tests/municipality/test_municipality_privacy.py checks that every
# exported table has one.
SECTIONS = {
    "attempt": "pogingen bij oefeningen",
    "audit_event": "logboek",
    "breakthrough_plan": "doorbraakplannen",
    "breakthrough_plan_version": "versies van doorbraakplannen",
    "calculation": "berekeningen",
    "certificate": "certificaten",
    "cohort": "groepen",
    "cohort_meeting": "bijeenkomsten",
    "cohort_trainer": "groepen waarin je trainer bent",
    "digest_sent": "verstuurde overzichten",
    "enrollment": "inschrijvingen",
    "exercise_draft": "concepten van oefeningen",
    "invitation": "uitnodigingen",
    "meeting_module": "modules per bijeenkomst",
    "membership": "rollen per organisatie",
    "module_progress": "voortgang per module",
    "onboarding_path": "inwerkpaden",
    "onboarding_start": "inwerktrajecten",
    "organisation": "organisaties",
    "organisation_settings": "instellingen van organisaties",
    "organisation_tariff": "eigen tarieven",
    "review": "beoordelingen",
    "team": "teams",
    "video_progress": "voortgang per video",
}


def section_name(table: str) -> str:
    return SECTIONS.get(table, table.replace("_", " "))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


def _owner_columns(table: Table) -> list[Column[Any]]:
    found = []
    for column in table.columns:
        points_at_user = any(fk.column.table.name == "app_user" for fk in column.foreign_keys)
        owned = points_at_user and column.name in OWNER_COLUMNS
        if owned or column.name == "email":
            found.append(column)
    return found


def _rows(session: Session, table: Table, user: User) -> list[dict[str, Any]]:
    condition = None
    for column in _owner_columns(table):
        match = column == (user.email if column.name == "email" else user.id)
        condition = match if condition is None else condition | match
    if condition is None:
        return []
    keys = [c for c in table.columns if c.name not in SECRET_COLUMNS]
    query = select(*keys).where(condition).order_by(*table.primary_key.columns)
    return [
        {column.name: _plain(value) for column, value in zip(keys, row, strict=True)}
        for row in session.connection().execute(query)
    ]


def user_data(session: Session, user_id: int) -> dict[str, Any]:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    profile = {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "created_at": _plain(user.created_at),
        "password_changed_at": _plain(user.password_changed_at),
        "is_platform_admin": user.is_platform_admin,
    }
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in metadata.sorted_tables:
        if table.name in SKIPPED_TABLES:
            continue
        rows = _rows(session, table, user)
        if rows:
            tables[section_name(table.name)] = rows
    return {
        "toelichting": (
            "Alle gegevens die de Doorbraakschool over jou bewaart, per onderdeel. Wachtwoord "
            "en inlogsessies staan er niet in."
        ),
        "gemaakt_op": utcnow().isoformat(),
        "profiel": profile,
        "onderdelen": dict(sorted(tables.items())),
    }
