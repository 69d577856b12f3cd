"""drafts belong to an organisation

What a trainee typed but did not submit yet is kept per organisation they act in, like the work
it becomes (3e233997c66a): a draft typed for municipality Y does not show up in municipality X's
form after the person joins X.

Backfill of existing drafts (by ``updated_at``): the organisation of the cohort the author was
enrolled in most recently at or before the last save; drafts older than every enrollment take
the author's first enrollment; without any enrollment the author's first trainee membership,
else the first membership of any role. Drafts of authors without any membership (platform
admins trying an exercise) belong nowhere and are deleted: nobody could open them any more.

Revision ID: 7c4e2d9a1b53
Revises: 5f1d0c7a3b21
Create Date: 2026-12-08 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c4e2d9a1b53"
down_revision: str | None = "5f1d0c7a3b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = (
    """
    UPDATE exercise_draft SET organisation_id = (
        SELECT c.organisation_id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
        WHERE e.user_id = exercise_draft.user_id AND e.enrolled_at <= exercise_draft.updated_at
        ORDER BY e.enrolled_at DESC, e.id DESC LIMIT 1
    )
    """,
    """
    UPDATE exercise_draft SET organisation_id = (
        SELECT c.organisation_id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
        WHERE e.user_id = exercise_draft.user_id ORDER BY e.enrolled_at, e.id LIMIT 1
    ) WHERE organisation_id IS NULL
    """,
    """
    UPDATE exercise_draft SET organisation_id = (
        SELECT m.organisation_id FROM membership m WHERE m.user_id = exercise_draft.user_id
        ORDER BY CASE WHEN m.role = 'trainee' THEN 0 ELSE 1 END, m.created_at, m.id LIMIT 1
    ) WHERE organisation_id IS NULL
    """,
    "DELETE FROM exercise_draft WHERE organisation_id IS NULL",
)


def upgrade() -> None:
    with op.batch_alter_table("exercise_draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
    for statement in BACKFILL:
        op.execute(sa.text(statement))
    with op.batch_alter_table("exercise_draft", schema=None) as batch_op:
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(batch_op.f("uq_exercise_draft_user_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_exercise_draft_user_id"), ["user_id", "organisation_id", "exercise_id"]
        )
        batch_op.create_index(
            batch_op.f("ix_exercise_draft_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_exercise_draft_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    """Keeps one draft per user x exercise (the one created last)."""
    op.execute(
        sa.text(
            "DELETE FROM exercise_draft WHERE id NOT IN (SELECT MAX(id) FROM exercise_draft "
            "GROUP BY user_id, exercise_id)"
        )
    )
    with op.batch_alter_table("exercise_draft", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_exercise_draft_organisation_id_organisation"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_exercise_draft_organisation_id"))
        batch_op.drop_constraint(batch_op.f("uq_exercise_draft_user_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_exercise_draft_user_id"), ["user_id", "exercise_id"]
        )
        batch_op.drop_column("organisation_id")
