"""What the people who reported an item are told once a moderator has decided on it: that their
report was reviewed and what came of it, in one sentence per kind of item so that each language
can make its words agree. Never who decided, nor which sanction its author received."""
from flask_babel import lazy_gettext as _l

from ..extensions import db
from .services import notify_all, quoted_title

# What a decision that closes reports means for them; any other decision found no breach.
OUTCOMES = {"hide": "hidden", "reject": "hidden", "warn": "action", "block": "action"}

REVIEWED = {
    "proposal": _l("The moderators reviewed your report on the proposal “%(title)s”."),
    "comment": _l("The moderators reviewed your report on a comment on “%(title)s”."),
    "user": _l("The moderators of %(territory)s reviewed your report on a person."),
}

DECIDED = {
    "hidden": _l("The content is not shown to the public any more."),
    "action": _l("They took action under the moderation charter."),
    "no_breach": _l("They found no breach of the moderation charter."),
}


def reports_closed(target, reports, action):
    """Tell the people whose `reports` on `target` the decision `action` (a ModerationAction) closed."""
    from ..territories.models import Territory  # imported here: it imports the notices' texts
    from .events import comment_url, proposal_url

    if not reports:
        return []
    url = ""
    proposal = None
    if target.type == "proposal":
        proposal, url = target.obj, proposal_url(target.obj)
    elif target.type == "comment":
        proposal, url = target.obj.proposal, comment_url(target.obj)
    territory = db.session.get(Territory, target.territory_id)
    payload = {"target_type": target.type, "target_id": target.id, "outcome": OUTCOMES.get(action.action, "no_breach"),
               "territory_name": territory.name if territory else "", **quoted_title(proposal)}
    reporters = {report.reporter_id for report in reports} - {action.moderator_id}
    return notify_all(reporters, "report_outcome", payload, url)


def describe_report_outcome(p):
    """The notice's sentence, from its payload `p`."""
    reviewed = REVIEWED.get(p.get("target_type"), REVIEWED["user"])
    text = str(reviewed) % {"title": p.get("title") or "", "territory": p.get("territory_name") or ""}
    return f"{text} {DECIDED.get(p.get('outcome'), DECIDED['no_breach'])}"
