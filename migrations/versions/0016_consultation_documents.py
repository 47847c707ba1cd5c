"""consultation_document: the files a territory's admins attach to a consultation (PDF, OpenDocument)

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 10:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'consultation_document',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.JSON(), nullable=False),
        sa.Column('file_path', sa.String(length=255), nullable=False),
        sa.Column('file_format', sa.String(length=4), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_consultation_document_consultation_id', 'consultation_document', ['consultation_id'])


def downgrade():
    op.drop_index('ix_consultation_document_consultation_id', table_name='consultation_document')
    op.drop_table('consultation_document')
