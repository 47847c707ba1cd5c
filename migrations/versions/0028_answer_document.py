"""proposal_answer.document_id: the document of the consultation an official answer rests on

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01 13:00:00

An official answer may point to one of its consultation's documents (the council's decision, a
study). Deleting the document leaves the answer, without it.
"""
import sqlalchemy as sa
from alembic import op


revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposal_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_proposal_answer_document_id'), ['document_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_proposal_answer_document_id_consultation_document'),
                                    'consultation_document', ['document_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('proposal_answer', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposal_answer_document_id_consultation_document'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_proposal_answer_document_id'))
        batch_op.drop_column('document_id')
