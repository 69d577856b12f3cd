"""cohort schedule and digests

Revision ID: 9d2c2ae5699a
Revises: 4bc47bb988cb
Create Date: 2026-11-23 05:50:57.721813
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "9d2c2ae5699a"
down_revision: str | None = "4bc47bb988cb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_sent",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohort.id"],
            name=op.f("fk_digest_sent_cohort_id_cohort"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["cohort_meeting.id"],
            name=op.f("fk_digest_sent_meeting_id_cohort_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_digest_sent")),
    )
    with op.batch_alter_table("digest_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digest_sent_cohort_id"), ["cohort_id"], unique=False)

    op.create_table(
        "meeting_module",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("module_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["cohort_meeting.id"],
            name=op.f("fk_meeting_module_meeting_id_cohort_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "module_number", name=op.f("pk_meeting_module")),
    )


def downgrade() -> None:
    op.drop_table("meeting_module")
    with op.batch_alter_table("digest_sent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digest_sent_cohort_id"))

    op.drop_table("digest_sent")
