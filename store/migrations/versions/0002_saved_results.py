"""Saved items keep the results they showed when saved, so a later data version can be compared with them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("saved_items") as batch:
        batch.add_column(sa.Column("results", sa.Text, nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("saved_items") as batch:
        batch.drop_column("results")
