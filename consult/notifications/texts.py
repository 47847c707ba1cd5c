"""Describing a notification in the reader's language, from its stored payload."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n import localized

KIND_LABELS = {
    "new_consultation": _l("A new consultation in a territory I follow"),
    "phase_opened": _l("A new phase opens in a consultation I follow"),
    "proposal_answered": _l("An official answer to a proposal I follow"),
    "proposal_status": _l("A change of status of a proposal I follow"),
    "comment_reply": _l("A reply to my comment"),
    "proposal_comment": _l("A comment on my proposal"),
    "threshold_reached": _l("My proposal passes the support threshold"),
    "moderation_decision": _l("A moderation decision about my content"),
    "appeal_outcome": _l("The outcome of my appeal"),
}

FREQUENCY_LABELS = {
    "immediately": _l("Immediately"),
    "daily": _l("Daily digest"),
    "weekly": _l("Weekly digest"),
    "never": _l("Never"),
}

ACTION_LABELS = {
    "approve": _l("approved"),
    "hide": _l("hidden"),
    "restore": _l("restored"),
    "reject": _l("rejected"),
    "warn": _l("a warning"),
    "block": _l("a suspension of your account"),
    "auto_hide": _l("hidden after several reports, pending review"),
    "auto_queue": _l("held for review by a moderator"),
}

RULE_LABELS = {
    "spam": _l("spam or advertising"),
    "harassment": _l("harassment"),
    "hate": _l("hate speech"),
    "off_topic": _l("off topic"),
    "personal_data": _l("personal data"),
    "illegal": _l("illegal content"),
    "other": _l("another reason"),
}

TARGET_LABELS = {"proposal": _l("your proposal"), "comment": _l("your comment"), "user": _l("your account")}


def _label(table, key):
    value = table.get(key)
    return str(value) if value is not None else (key or "")


def describe(notification):
    """One sentence, in the current locale, saying what happened."""
    # Imported here: the consultations and proposals packages import this one through mail.
    from ..consultations.labels import PHASE_LABELS_IN_SENTENCE
    from ..proposals.labels import ANSWER_LABELS_IN_SENTENCE, STATUS_LABELS_IN_SENTENCE

    p = notification.payload or {}
    kind = notification.kind
    consultation = localized(p.get("consultation_title"))
    proposal = p.get("proposal_title") or ""
    if kind == "new_consultation":
        return _("New consultation in %(territory)s: “%(title)s”.",
                 territory=p.get("territory_name", ""), title=consultation)
    if kind == "phase_opened":
        return _("The %(phase)s phase is open in “%(title)s”.",
                 phase=_label(PHASE_LABELS_IN_SENTENCE, p.get("phase_kind")), title=consultation)
    if kind == "proposal_answered":
        return _("The proposal “%(title)s” received an official answer: %(state)s.",
                 title=proposal, state=_label(ANSWER_LABELS_IN_SENTENCE, p.get("answer_state")))
    if kind == "proposal_status":
        return _("The proposal “%(title)s” is now %(status)s.",
                 title=proposal, status=_label(STATUS_LABELS_IN_SENTENCE, p.get("status")))
    if kind == "comment_reply":
        return _("%(name)s replied to your comment on “%(title)s”.",
                 name=p.get("author_name", ""), title=proposal)
    if kind == "proposal_comment":
        return _("%(name)s commented on your proposal “%(title)s”.",
                 name=p.get("author_name", ""), title=proposal)
    if kind == "threshold_reached":
        return _("The proposal “%(title)s” passed the threshold of %(threshold)s supports.",
                 title=proposal, threshold=p.get("threshold", 0))
    if kind == "moderation_decision":
        text = _("Moderation decision about %(target)s: %(decision)s.",
                 target=_label(TARGET_LABELS, p.get("target_type")),
                 decision=_label(ACTION_LABELS, p.get("action")))
        if p.get("rule"):
            text += " " + _("Rule: %(rule)s.", rule=_label(RULE_LABELS, p.get("rule")))
        return text
    if kind == "appeal_outcome":
        if p.get("decision") == "reversed":
            return _("Your appeal was upheld: the moderation decision is reversed.")
        return _("Your appeal was examined: the moderation decision is confirmed.")
    return _("Something happened on the platform.")


def subject(notification):
    """A mail subject in the current locale."""
    return _("[Consult] %(text)s", text=_short(describe(notification)))


def _short(text, limit=120):
    return text if len(text) <= limit else text[: limit - 1] + "…"
