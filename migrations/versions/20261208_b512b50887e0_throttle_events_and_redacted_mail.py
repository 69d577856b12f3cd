"""throttle events for logins and reset requests; no live links in sent mail

Revision ID: b512b50887e0
Revises: 385a52681603
Create Date: 2026-12-08 01:00:00

`login_failure` becomes `throttle_event`: it now also counts password-reset requests, with keys
like `login-account:<e-mail>` and `reset-address:<ip>`. Its rows are short-lived counters and
are not carried over (every throttle starts afresh once).

Reset and invitation tokens have been stored as SHA-256 hashes since the initial schema, so no
token row changes. The only plain copies are the links in outbox mail: a mail that has been sent
keeps its text but loses the token in its links (this migration does that for mail sent so far;
`app/mail/service.py` does it at delivery). Unsent mail keeps its links until it is sent, and the
outbox page shows them redacted.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "b512b50887e0"
down_revision: str | None = "385a52681603"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same pattern as app/mail/service.py at the time of writing (a migration keeps its own copy).
TOKEN_IN_LINK = re.compile(r"(/(?:wachtwoord-herstellen|uitnodiging)/)[^\s/?#]+")
REDACTED = r"\1[verborgen]"


def upgrade() -> None:
    op.create_table(
        "throttle_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_throttle_event")),
    )
    with op.batch_alter_table("throttle_event", schema=None) as batch_op:
        batch_op.create_index("ix_throttle_event_key_at", ["key", "at"], unique=False)
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failure_key_at")
    op.drop_table("login_failure")
    _redact_sent_mail()


def _redact_sent_mail() -> None:
    conn = op.get_bind()
    outbox = sa.table("outbox_message", sa.column("id", sa.Integer), sa.column("body", sa.Text))
    rows = conn.execute(
        sa.text("SELECT id, body FROM outbox_message WHERE sent_at IS NOT NULL")
    ).all()
    for row_id, body in rows:
        redacted = TOKEN_IN_LINK.sub(REDACTED, body)
        if redacted != body:
            conn.execute(outbox.update().where(outbox.c.id == row_id).values(body=redacted))


def downgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure")),
    )
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.create_index("ix_login_failure_key_at", ["key", "at"], unique=False)
    with op.batch_alter_table("throttle_event", schema=None) as batch_op:
        batch_op.drop_index("ix_throttle_event_key_at")
    op.drop_table("throttle_event")
