"""catch-up days per organisation

Late joiners get a personal deadline: the later of the cohort's and their enrolment plus
`catch_up_days` per missed session block (app/cohorts/schedule.py). Existing organisations get
the default of 14 days.

Revision ID: 9c4d2e7a1f60
Revises: 7c4e2d9a1b53
Create Date: 2026-12-08 01:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9c4d2e7a1f60"
down_revision: str | None = "7c4e2d9a1b53"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisation_settings") as batch:
        batch.add_column(
            sa.Column("catch_up_days", sa.Integer(), nullable=False, server_default="14")
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation_settings") as batch:
        batch.drop_column("catch_up_days")
