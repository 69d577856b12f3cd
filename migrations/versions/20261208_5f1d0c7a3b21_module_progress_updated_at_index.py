"""index on module_progress.updated_at: the grid's "latest progress change" in one lookup

Revision ID: 5f1d0c7a3b21
Revises: 3e233997c66a
Create Date: 2026-12-08 01:30:00

The trainer's grid caches each cohort's progress masks until progress changes anywhere
(`app/dashboards/grid_page.py`); it asks for `max(updated_at)` on every request, which without
this index reads the whole table.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5f1d0c7a3b21"
down_revision: str | None = "3e233997c66a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("module_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_module_progress_updated_at"), ["updated_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("module_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_module_progress_updated_at"))
