"""Whether a notice may still be mailed to its recipient when its digest goes out, hours or days
after it was made: the proposal hidden since, the consultation put back to draft, the moderator
who left the team are not mailed what they can no longer read (the digest leaves it out)."""
from .. import permissions
from ..extensions import db
from .services import MANDATORY_KINDS, STAFF_KINDS


def still_readable(user, notification):
    from ..consultations.models import Consultation
    from ..proposals.models import Proposal

    kind, payload = notification.kind, notification.payload or {}
    if kind in MANDATORY_KINDS or kind == "team_appointed":  # about the person themselves
        return True
    if kind in STAFF_KINDS:  # what awaits the team: for who is on it now
        return permissions.is_moderator(user, payload.get("territory_id"))
    if payload.get("proposal_id"):
        proposal = db.session.get(Proposal, payload["proposal_id"])
        return proposal is not None and permissions.can_view_proposal(user, proposal)
    if payload.get("consultation_id"):
        consultation = db.session.get(Consultation, payload["consultation_id"])
        return consultation is not None and permissions.can_view_consultation(user, consultation)
    return True
