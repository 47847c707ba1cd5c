"""Whether a notice is about what its recipient may still read: the proposal hidden since, the
reply hidden or deleted since, the consultation put back to draft, the moderator who left the
team are neither mailed it in a digest (hours or days after the notice was made) nor shown it in
the notification centre."""
from sqlalchemy.orm import joinedload

from .. import permissions
from ..extensions import db
from .services import MANDATORY_KINDS, STAFF_KINDS


def unreadable(user, notifications):
    """The ids of the notices about what `user` may no longer read (three queries at most, however
    many notices)."""
    from ..comments.models import Comment
    from ..consultations.models import Consultation
    from ..proposals.models import Proposal

    comments = _by_id(Comment, notifications, "comment_id",
                      joinedload(Comment.proposal).joinedload(Proposal.consultation))
    proposals = _by_id(Proposal, notifications, "proposal_id", joinedload(Proposal.consultation))
    consultations = _by_id(Consultation, notifications, "consultation_id")
    hidden = set()
    for notification in notifications:
        kind, payload = notification.kind, notification.payload or {}
        if kind in MANDATORY_KINDS or kind in ("team_appointed", "report_outcome"):  # about the person themselves
            continue
        if kind in STAFF_KINDS:  # what awaits the team: for who is on it now
            readable = permissions.is_moderator(user, payload.get("territory_id"))
        elif payload.get("comment_id"):  # a reply, a comment on my proposal: its text, not a placeholder
            comment = comments.get(payload["comment_id"])
            readable = comment is not None and permissions.can_read_comment(user, comment)
        elif payload.get("proposal_id"):
            proposal = proposals.get(payload["proposal_id"])
            readable = proposal is not None and permissions.can_view_proposal(user, proposal)
        elif payload.get("consultation_id"):
            consultation = consultations.get(payload["consultation_id"])
            readable = consultation is not None and permissions.can_view_consultation(user, consultation)
        else:
            readable = True
        if not readable:
            hidden.add(notification.id)
    return hidden


def _by_id(model, notifications, key, *options):
    ids = {(n.payload or {}).get(key) for n in notifications} - {None}
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(db.select(model).where(model.id.in_(ids)).options(*options))}
