"""demoreset.at with its time zone, as the table says (found by checking the migrations on
PostgreSQL: SQLite keeps no zone, so the two looked alike there)

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("demoreset", schema=None) as batch_op:
        batch_op.alter_column(
            "at",
            existing_type=sa.DateTime(),
            type_=sa.DateTime(timezone=True),
            existing_nullable=False,
            postgresql_using="at AT TIME ZONE 'UTC'",  # the app wrote UTC, without its zone
        )


def downgrade() -> None:
    with op.batch_alter_table("demoreset", schema=None) as batch_op:
        batch_op.alter_column(
            "at",
            existing_type=sa.DateTime(timezone=True),
            type_=sa.DateTime(),
            existing_nullable=False,
            postgresql_using="at AT TIME ZONE 'UTC'",
        )
