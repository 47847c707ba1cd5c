"""Whether a notice is about what its recipient may still read: the proposal hidden since, the
reply hidden or deleted since, the consultation put back to draft, the moderator who left the
team are neither mailed it in a digest (hours or days after the notice was made) nor shown it in
the notification centre."""
from sqlalchemy.orm import joinedload

from .. import permissions
from ..extensions import db
from .services import MANDATORY_KINDS, STAFF_KINDS

# What a notice is about, most precise first: a reply or a comment on my proposal is judged by
# its comment (its text, not a placeholder), else by its proposal, else by its consultation.
TARGET_KEYS = ("comment_id", "proposal_id", "consultation_id")


def unreadable(user, notifications):
    """The ids of the notices about what `user` may no longer read (three queries at most, however
    many notices; each thing they are about is judged once)."""
    targets = {n.id: _target(n) for n in notifications}
    about = set(targets.values()) - {None}
    things = _load(about)
    readable = {target: _readable(user, target, things) for target in about}
    return {notice_id for notice_id, target in targets.items() if target is not None and not readable[target]}


def _target(notification):
    """(payload key, id) of what decides whether the notice may be read, or None when nothing does."""
    kind, payload = notification.kind, notification.payload or {}
    if kind in MANDATORY_KINDS or kind in ("team_appointed", "report_outcome"):  # about the person themselves
        return None
    if kind in STAFF_KINDS:  # what awaits the team: for who is on it now
        return "territory_id", payload.get("territory_id")
    for key in TARGET_KEYS:
        if payload.get(key):
            return key, payload[key]
    return None


def _readable(user, target, things):
    key, thing_id = target
    if key == "territory_id":
        return permissions.is_moderator(user, thing_id)
    thing = things[key].get(thing_id)
    if thing is None:
        return False
    if key == "comment_id":
        return permissions.can_read_comment(user, thing)
    if key == "proposal_id":
        return permissions.can_view_proposal(user, thing)
    return permissions.can_view_consultation(user, thing)


def _load(targets):
    """{payload key: {id: the comment, proposal or consultation}} of these targets."""
    from ..comments.models import Comment
    from ..consultations.models import Consultation
    from ..proposals.models import Proposal

    ids = {key: {thing_id for k, thing_id in targets if k == key} for key in TARGET_KEYS}
    return {"comment_id": _by_id(Comment, ids["comment_id"],
                                 joinedload(Comment.proposal).joinedload(Proposal.consultation)),
            "proposal_id": _by_id(Proposal, ids["proposal_id"], joinedload(Proposal.consultation)),
            "consultation_id": _by_id(Consultation, ids["consultation_id"])}


def _by_id(model, ids, *options):
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(db.select(model).where(model.id.in_(ids)).options(*options))}
