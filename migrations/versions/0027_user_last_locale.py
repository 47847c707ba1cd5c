"""user.last_locale: the language a person last saw the pages in while signed in, for the mail
written to them later (notices, digests, moderation decisions) when they never chose one

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-01 15:00:00

Empty for every account until its next sign-in: nobody's language is guessed.
"""
import sqlalchemy as sa
from alembic import op


revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user', sa.Column('last_locale', sa.String(length=5), nullable=True))


def downgrade():
    op.drop_column('user', 'last_locale')
