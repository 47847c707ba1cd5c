"""What the review queue may be narrowed to, besides its territory and consultation: what awaits a
decision (reports, or approval before publication), the kind of item, the reason given in its reports.

The filters only add conditions to the queue's own statements: the page costs the same queries
whichever are chosen."""
from dataclasses import dataclass

from sqlalchemy import case, func, or_

from ..comments.models import Comment
from ..extensions import db
from ..proposals.models import Proposal
from .models import Report

WAITING = ("reported", "pending")  # items with open reports; contributions held for approval
# What pre-moderation holds before publication: proposals and comments (a person is only reported).
HELD = {"proposal": Proposal, "comment": Comment}


@dataclass(frozen=True)
class QueueFilters:
    consultation_id: int | None = None
    waiting: str | None = None  # one of WAITING; None: both
    kind: str | None = None  # one of models.TARGET_TYPES; None: all
    reason: str | None = None  # one of models.REASONS; None: any (and then items with no report too)

    def holds_unreported(self, target_type):
        """Whether the contributions of this kind awaiting approval, with no open report, are in."""
        return self.waiting != "reported" and self.reason is None and self.kind in (None, target_type)

    def of_reports(self):
        """Conditions on the open reports gathered into items (WHERE)."""
        where = []
        if self.kind is not None:
            where.append(Report.target_type == self.kind)
        if self.waiting == "pending":  # reported and awaiting approval: read by the item's key
            where.append(or_(*((Report.target_type == target_type)
                               & db.exists().where(model.id == Report.target_id, model.status == "pending")
                               for target_type, model in HELD.items())))
        return where

    def of_items(self):
        """Conditions on an item's open reports taken together (HAVING): one for the reason asked,
        while the item still counts and is dated by all its open reports."""
        if self.reason is None:
            return []
        return [func.max(case((Report.reason == self.reason, 1), else_=0)) == 1]
