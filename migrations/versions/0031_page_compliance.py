"""page.compliance: the compliance status the site's accessibility statement declares

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01 21:00:00

The footer of every page must say how compliant the site is ("Accessibilité : partiellement
conforme"). The platform admin who writes the site's own statement now says it in a field of
its own, which the footer repeats. A statement written before has none: the footer then says
"Accessibilité" alone, as it did, until the statement is saved again.
"""
from alembic import op
import sqlalchemy as sa


revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('page', sa.Column('compliance', sa.String(length=12), nullable=True))


def downgrade():
    op.drop_column('page', 'compliance')
