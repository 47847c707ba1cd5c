"""proposal.image_path indexed: a proposal's image is served to whom may see the proposal

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 01:30:00
"""
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f('ix_proposal_image_path'), 'proposal', ['image_path'])


def downgrade():
    op.drop_index(op.f('ix_proposal_image_path'), table_name='proposal')
