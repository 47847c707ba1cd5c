"""The sentences of the notices a territory's team receives (staff_events.py), in the reader's
language: one whole sentence per item, so that each language can make its words agree."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

AWAITING = {
    "proposal": _l("A proposal awaits moderation in %(territory)s: “%(title)s”."),
    "comment": _l("A comment on “%(title)s” awaits moderation in %(territory)s."),
}

REPORTED = {
    "proposal": _l("A proposal was reported in %(territory)s: “%(title)s”."),
    "comment": _l("A comment on “%(title)s” was reported in %(territory)s."),
    "user": _l("A person was reported in %(territory)s."),
}

APPOINTED = {
    "admin": _l("You are now an admin of %(territory)s: you can run its consultations and review its "
                "contributions."),
    "moderator": _l("You are now a moderator of %(territory)s: you can review its contributions."),
}


def joined(membership):
    """The sentence telling a person the role they hold now in a territory's team."""
    return str(APPOINTED[membership.role]) % {"territory": membership.territory.name}


def describe_staff(kind, p):
    """The sentence of a staff notice, from its payload `p`."""
    values = {"territory": p.get("territory_name") or "", "title": p.get("title") or ""}
    if kind == "moderation_queue":
        sentence = AWAITING.get(p.get("target_type"))
    elif kind == "item_reported":
        sentence = REPORTED.get(p.get("target_type"))
    elif kind == "appeal_filed":
        if values["title"]:
            return _("An appeal against a decision about “%(title)s” awaits review in %(territory)s.", **values)
        return _("An appeal against a moderation decision awaits review in %(territory)s.", **values)
    else:
        sentence = APPOINTED.get(p.get("role"))
    return str(sentence) % values if sentence else _("Something happened on the platform.")
