"""Votes, and each person's use of their votes in a consultation."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import utcnow
from ..extensions import db

class Vote(db.Model):
    # The results count voters and votes per day of the proposals of a consultation from the
    # index alone, without reading the table (tens of thousands of votes).
    __table_args__ = (UniqueConstraint("user_id", "proposal_id"),
                      Index("ix_vote_proposal_user_created", "proposal_id", "user_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"))
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column(default=1)  # 1 support/for, -1 against, 0 abstain
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    proposal = relationship("Proposal")


class Participation(db.Model):
    """Votes used by one person in one consultation.

    The limit is enforced by a conditional UPDATE (votes_used < max) on this row, which is
    atomic on SQLite and PostgreSQL alike, so parallel requests can never exceed it.
    """

    __table_args__ = (UniqueConstraint("user_id", "consultation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    votes_used: Mapped[int] = mapped_column(default=0)
