"""One notification mechanism for every feature.

Features call `notify(user, kind, payload, url)`; the notification is stored in the same
transaction as the event that caused it. Email delivery and preferences build on this.
"""
from ..extensions import db
from .models import Notification

# Kinds of event. Moderation and appeal notices are never lost, whatever the preferences.
KINDS = (
    "phase_opened", "proposal_answered", "proposal_status", "comment_reply", "proposal_comment",
    "threshold_reached", "moderation_decision", "appeal_outcome", "new_consultation",
)
MANDATORY_KINDS = ("moderation_decision", "appeal_outcome")


def notify(user, kind, payload=None, url=""):
    """Tell `user` about an event of `kind`; `payload` holds what is needed to describe it."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    notification = Notification(user_id=user.id if hasattr(user, "id") else user, kind=kind,
                                payload=payload or {}, url=url)
    db.session.add(notification)
    return notification
