"""submission files: an OPD's submission may hold several files (layouts combined per OPD)

The bytes move from submission.content into one submission_file row (position 0) each.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submission_file",
        sa.Column("submission_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("submission_id", "position"),
    )
    op.execute("INSERT INTO submission_file (submission_id, position, file_name, size, sha256, "
               "content) SELECT id, 0, file_name, size, sha256, content FROM submission")
    with op.batch_alter_table("submission") as batch_op:
        batch_op.drop_column("content")


def downgrade() -> None:
    with op.batch_alter_table("submission") as batch_op:
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE submission SET content = (SELECT content FROM submission_file f WHERE "
               "f.submission_id = submission.id AND f.position = 0)")
    op.drop_table("submission_file")
