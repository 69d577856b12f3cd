"""work belongs to a context

Attempts, doorbraakplannen and saved calculations record the organisation and the cohort they
were made in; staff read work through that context, not through who the trainee is today. A
login session remembers the organisation its user acts in.

Backfill of existing rows (attempts and calculations by ``created_at``, plans by the moment
the plan was started, ``created_at``):

1. cohort: the enrollment of the author that was made most recently at or before the work
   (the cohort the author was in when making it). Work older than every enrollment of its
   author (seeded or imported before the enrollment was recorded) takes the author's first
   enrollment. Calculations that already name an organisation only take enrollments in
   cohorts of that organisation.
2. organisation: the organisation of that cohort. Without any enrollment: the organisation of
   the author's first trainee membership, else of the author's first membership of any role
   (calculations keep the organisation they already name).
3. Attempts and plans whose author has no membership at all (platform admins trying the
   exercises) cannot be attributed to any organisation: nobody could read them under the new
   rule, so they are deleted with their reviews. Calculations may stay without organisation
   (the sandbox works without one).

Plans become unique per user x organisation x case (a person who moves to another
municipality writes a new plan there). The downgrade keeps one plan per user x case (the one
with the lowest id) before restoring the old constraint.

Revision ID: 3e233997c66a
Revises: b512b50887e0
Create Date: 2026-12-08 00:40:30.297562
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3e233997c66a"
down_revision: str | None = "b512b50887e0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORK = ("attempt", "breakthrough_plan")

# The enrollment at or before the work, else the author's first one. {only} narrows
# calculations that name an organisation to that organisation's cohorts.
COHORT_AT_THE_TIME = """
UPDATE {table} SET cohort_id = (
    SELECT e.cohort_id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
    WHERE e.user_id = {table}.{author} AND e.enrolled_at <= {table}.created_at {only}
    ORDER BY e.enrolled_at DESC, e.id DESC LIMIT 1
)
"""
FIRST_COHORT = """
UPDATE {table} SET cohort_id = (
    SELECT e.cohort_id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
    WHERE e.user_id = {table}.{author} {only}
    ORDER BY e.enrolled_at, e.id LIMIT 1
) WHERE cohort_id IS NULL
"""
ORGANISATION_OF_COHORT = """
UPDATE {table} SET organisation_id = (SELECT c.organisation_id FROM cohort c
    WHERE c.id = {table}.cohort_id)
WHERE cohort_id IS NOT NULL
"""
FIRST_MEMBERSHIP = """
UPDATE {table} SET organisation_id = (
    SELECT m.organisation_id FROM membership m WHERE m.user_id = {table}.{author}
    ORDER BY CASE WHEN m.role = 'trainee' THEN 0 ELSE 1 END, m.created_at, m.id LIMIT 1
) WHERE organisation_id IS NULL
"""
CALCULATION_ONLY = "AND (calculation.organisation_id IS NULL OR c.organisation_id = calculation.organisation_id)"


def _add_columns(table: str, *, organisation: bool) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        if organisation:
            batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cohort_id", sa.Integer(), nullable=True))


def _backfill(table: str, author: str, only: str = "") -> None:
    for statement in (COHORT_AT_THE_TIME, FIRST_COHORT, ORGANISATION_OF_COHORT, FIRST_MEMBERSHIP):
        op.execute(sa.text(statement.format(table=table, author=author, only=only)))


def _drop_unattributed() -> None:
    op.execute(
        sa.text(
            "DELETE FROM review WHERE attempt_id IN "
            "(SELECT id FROM attempt WHERE organisation_id IS NULL)"
        )
    )
    op.execute(
        sa.text(
            "DELETE FROM review WHERE plan_version_id IN (SELECT v.id FROM "
            "breakthrough_plan_version v JOIN breakthrough_plan p ON p.id = v.plan_id "
            "WHERE p.organisation_id IS NULL)"
        )
    )
    op.execute(
        sa.text(
            "DELETE FROM breakthrough_plan_version WHERE plan_id IN "
            "(SELECT id FROM breakthrough_plan WHERE organisation_id IS NULL)"
        )
    )
    for table in WORK:
        op.execute(sa.text(f"DELETE FROM {table} WHERE organisation_id IS NULL"))


def _constrain(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f(f"ix_{table}_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(
            batch_op.f(f"ix_{table}_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f(f"fk_{table}_cohort_id_cohort"),
            "cohort",
            ["cohort_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f(f"fk_{table}_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        if table == "breakthrough_plan":
            batch_op.drop_constraint(batch_op.f("uq_breakthrough_plan_user_id"), type_="unique")
            batch_op.create_unique_constraint(
                batch_op.f("uq_breakthrough_plan_user_id"),
                ["user_id", "organisation_id", "case_id"],
            )


def upgrade() -> None:
    for table in WORK:
        _add_columns(table, organisation=True)
    _add_columns("calculation", organisation=False)
    for table in WORK:
        _backfill(table, "user_id")
    _backfill("calculation", "owner_id", CALCULATION_ONLY)
    _drop_unattributed()
    for table in WORK:
        _constrain(table)
    with op.batch_alter_table("calculation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calculation_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_calculation_cohort_id_cohort"),
            "cohort",
            ["cohort_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_user_session_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_user_session_organisation_id_organisation"), type_="foreignkey"
        )
        batch_op.drop_column("organisation_id")
    with op.batch_alter_table("calculation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_calculation_cohort_id_cohort"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_calculation_cohort_id"))
        batch_op.drop_column("cohort_id")
    op.execute(
        sa.text(
            "DELETE FROM breakthrough_plan WHERE id NOT IN (SELECT MIN(id) FROM "
            "breakthrough_plan GROUP BY user_id, case_id)"
        )
    )
    for table in reversed(WORK):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "breakthrough_plan":
                batch_op.drop_constraint(
                    batch_op.f("uq_breakthrough_plan_user_id"), type_="unique"
                )
                batch_op.create_unique_constraint(
                    batch_op.f("uq_breakthrough_plan_user_id"), ["user_id", "case_id"]
                )
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_organisation_id_organisation"), type_="foreignkey"
            )
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_cohort_id_cohort"), type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_{table}_organisation_id"))
            batch_op.drop_index(batch_op.f(f"ix_{table}_cohort_id"))
            batch_op.drop_column("cohort_id")
            batch_op.drop_column("organisation_id")
