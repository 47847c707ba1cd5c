"""consultation_news: the news a territory's admins post on a consultation (a draft until published)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 06:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'consultation_news',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.JSON(), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.Column('image_path', sa.String(length=255), nullable=True),
        sa.Column('image_alt', sa.String(length=250), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('published_at', sa.DateTime(), nullable=True),
        sa.Column('edited_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_consultation_news_consultation_id', 'consultation_news', ['consultation_id'])
    op.create_index('ix_consultation_news_published_at', 'consultation_news', ['published_at'])


def downgrade():
    op.drop_index('ix_consultation_news_published_at', table_name='consultation_news')
    op.drop_index('ix_consultation_news_consultation_id', table_name='consultation_news')
    op.drop_table('consultation_news')
