"""merge feature branches

Revision ID: 385a52681603
Revises: 8091e5d26e7e, 9d2c2ae5699a, add25238060b, c8831aa7d0e1
Create Date: 2026-11-23 06:43:23.027592
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "385a52681603"
down_revision: str | None = ("8091e5d26e7e", "9d2c2ae5699a", "add25238060b", "c8831aa7d0e1")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
