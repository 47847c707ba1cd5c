"""Describing a notification in the reader's language, from its stored payload."""
from datetime import datetime
from types import SimpleNamespace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..extensions import db
from ..i18n import datetime_text, localized
from .services import STAFF_KINDS
from .report_outcomes import describe_report_outcome
from .staff_texts import describe_staff

KIND_LABELS = {
    "new_consultation": _l("A new consultation in a territory I follow"),
    "phase_opened": _l("A new phase opens in a consultation I follow"),
    "proposal_answered": _l("An official answer to a proposal I follow"),
    "proposal_status": _l("A change of status of a proposal I follow"),
    "comment_reply": _l("A reply to my comment"),
    "proposal_comment": _l("A comment on my proposal"),
    "threshold_reached": _l("My proposal passes the support threshold"),
    "followed_debate": _l("New comments on a proposal I follow"),
    "followed_proposals": _l("New proposals in a consultation I follow"),
    "consultation_news": _l("News of a consultation I follow"),
    "moderation_decision": _l("A moderation decision about my content"),
    "appeal_outcome": _l("The outcome of my appeal"),
    "report_outcome": _l("The outcome of my reports"),
    "moderation_queue": _l("A contribution awaits moderation in a territory I moderate"),
    "item_reported": _l("A report in a territory I moderate (once per item, until the reports are closed)"),
    "appeal_filed": _l("An appeal to review in a territory I moderate"),
    "team_appointed": _l("I am appointed to a territory's team"),
}

# One notice gathers them, until it is read or mailed: they come in the digests only.
KIND_HINTS = {
    "followed_debate": _l("You follow the proposals you vote on or comment on, unless you stop following them "
                          "from their page. One notice counts the new comments of each debate, until you read it "
                          "or your digest sends it."),
    "followed_proposals": _l("One notice counts the new proposals of each consultation, until you read it or "
                             "your digest sends it."),
    "consultation_news": _l("One notice counts the news of each consultation, until you read it or your digest "
                            "sends it."),
}

FREQUENCY_LABELS = {
    "immediately": _l("Immediately"),
    "daily": _l("Daily digest"),
    "weekly": _l("Weekly digest"),
    "never": _l("Never"),
}

# One whole sentence per item and decision, so that each language can make its words agree.
DECISIONS = {
    ("proposal", "approve"): _l("The moderators approved your proposal “%(title)s”: it is published."),
    ("comment", "approve"): _l("The moderators approved your comment on “%(title)s”: it is published."),
    ("proposal", "hide"): _l("The moderators hid your proposal “%(title)s”."),
    ("comment", "hide"): _l("The moderators hid your comment on “%(title)s”."),
    ("proposal", "restore"): _l("The moderators restored your proposal “%(title)s”: it is shown again."),
    ("comment", "restore"): _l("The moderators restored your comment on “%(title)s”: it is shown again."),
    ("proposal", "reject"): _l("The moderators rejected your proposal “%(title)s”: it will not be published."),
    ("comment", "reject"): _l("The moderators rejected your comment on “%(title)s”: it will not be published."),
    ("proposal", "auto_hide"): _l("Your proposal “%(title)s” is hidden after several reports, until a "
                                  "moderator reviews it."),
    ("comment", "auto_hide"): _l("Your comment on “%(title)s” is hidden after several reports, until a "
                                 "moderator reviews it."),
    ("proposal", "auto_queue"): _l("Your proposal “%(title)s” is held until a moderator reviews it."),
    ("comment", "auto_queue"): _l("Your comment on “%(title)s” is held until a moderator reviews it."),
    ("proposal", "warn"): _l("The moderators sent you a warning about your proposal “%(title)s”."),
    ("comment", "warn"): _l("The moderators sent you a warning about your comment on “%(title)s”."),
    ("user", "warn"): _l("The moderators sent you a warning."),
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

def _label(table, key):
    value = table.get(key)
    return str(value) if value is not None else (key or "")


def actor_names(notifications):
    """{account id: the name shown now} of the people these notifications tell about (the
    authors of comments), in one query: "Deleted account" for an account deleted since."""
    from ..auth.models import User, shown_name

    ids = {(n.payload or {}).get("author_id") for n in notifications} - {None}
    rows = db.session.execute(db.select(User.id, User.name, User.deleted_at).where(User.id.in_(ids))) if ids else ()
    return {user_id: shown_name(name, deleted_at) for user_id, name, deleted_at in rows}


def describe(notification, names=None):
    """One sentence, in the current locale, saying what happened; `names` is actor_names() of
    a list holding this notification (read here when not given)."""
    # Imported here: the consultations and proposals packages import this one through mail.
    from ..consultations.labels import PHASE_LABELS_IN_SENTENCE
    from ..proposals.labels import ANSWER_LABELS_IN_SENTENCE, STATUS_LABELS_IN_SENTENCE

    p = notification.payload or {}
    kind = notification.kind
    repeats = getattr(notification, "repeats", None) or 1  # how many events a gathered notice holds
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
    if kind in ("comment_reply", "proposal_comment"):
        names = actor_names([notification]) if names is None else names
        name = names.get(p.get("author_id")) or _("Deleted account")  # no account of that id any more
        if kind == "comment_reply":
            return _("%(name)s replied to your comment on “%(title)s”.", name=name, title=proposal)
        return _("%(name)s commented on your proposal “%(title)s”.", name=name, title=proposal)
    if kind == "followed_debate":
        return ngettext("%(num)d new comment in the debate on “%(title)s”.",
                        "%(num)d new comments in the debate on “%(title)s”.", repeats, title=proposal)
    if kind == "followed_proposals":
        return ngettext("%(num)d new proposal in “%(title)s”.", "%(num)d new proposals in “%(title)s”.",
                        repeats, title=consultation)
    if kind == "consultation_news":
        return ngettext("News of the consultation “%(title)s”.", "%(num)d pieces of news of the consultation “%(title)s”.",
                        repeats, title=consultation)
    if kind == "threshold_reached":
        threshold = p.get("threshold", 0)
        if p.get("mode") == "for_against":
            return ngettext("The proposal “%(title)s” passed the threshold of %(num)s vote for.",
                            "The proposal “%(title)s” passed the threshold of %(num)s votes for.", threshold,
                            title=proposal)
        return ngettext("The proposal “%(title)s” passed the threshold of %(num)s support.",
                        "The proposal “%(title)s” passed the threshold of %(num)s supports.", threshold, title=proposal)
    if kind == "moderation_decision":
        return _moderation_decision(p)
    if kind == "appeal_outcome":
        return _appeal_outcome(p)
    if kind == "report_outcome":
        return describe_report_outcome(p)
    if kind in STAFF_KINDS:
        return describe_staff(kind, p)
    return _("Something happened on the platform.")


def _decision(p):
    """The moderation decision in one sentence (also the subject of its mail)."""
    if p.get("action") == "block":
        until = p.get("blocked_until")
        return (_("The moderators suspended your account until %(date)s.",
                  date=datetime_text(datetime.fromisoformat(until))) if until
                else _("The moderators suspended your account for good."))
    sentence = DECISIONS.get((p.get("target_type"), p.get("action")))
    return str(sentence) % {"title": p.get("title") or ""} if sentence else _("A moderation decision was taken.")


def _appeal_decision(p):
    """The outcome of an appeal in one sentence (also the subject of its mail)."""
    if p.get("decision") == "reversed":
        return _("Your appeal was upheld: the moderation decision is reversed.")
    return _("Your appeal was examined: the moderation decision is confirmed.")


def _appeal_outcome(p):
    """The outcome, with the moderators' explanation when they gave one."""
    text = _appeal_decision(p)
    if p.get("decision_text"):
        text += " " + _("Their explanation: “%(text)s”", text=p["decision_text"])
    return text


def _moderation_decision(p):
    """The decision, the rule it applies, the moderators' own words, and how to appeal."""
    from ..moderation.models import APPEALABLE  # the moderation package imports this one

    action = p.get("action")
    text = _decision(p)
    if p.get("rule"):
        text += " " + _("Rule of the charter: %(rule)s.", rule=_label(RULE_LABELS, p.get("rule")))
    if p.get("explanation"):
        text += " " + _("Their explanation: “%(text)s”", text=p["explanation"])
    if action in APPEALABLE:
        text += " " + _("You may appeal this decision on the “Moderation decisions about me” page of your account.")
    return text


# The sentence a mail's subject says, when it is not the whole notice (which adds the
# moderators' explanation and how to appeal).
HEADLINES = {"moderation_decision": _decision, "appeal_outcome": _appeal_decision}
SUBJECT_LENGTH = 120
# The payload's entries a notice quotes (a consultation's title in each language).
QUOTED = ("title", "proposal_title", "consultation_title")
SHORTEST_TITLE = 20


def _sentence(kind, payload):
    headline = HEADLINES.get(kind)
    return headline(payload) if headline else describe(SimpleNamespace(kind=kind, payload=payload))


def subject(notification):
    """A mail subject in the current locale (mail.queue_template names the platform before it): a
    long title is shortened, never the sentence."""
    payload = dict(notification.payload or {})
    text = _sentence(notification.kind, payload)
    over = len(text) - SUBJECT_LENGTH
    if over > 0:
        for key in QUOTED:
            value = payload.get(key)
            if isinstance(value, dict):
                payload[key] = {lang: shorten(v, len(v) - over) for lang, v in value.items() if isinstance(v, str)}
            elif isinstance(value, str):
                payload[key] = shorten(value, len(value) - over)
        text = _sentence(notification.kind, payload)
    return text


def shorten(title, length):
    """`title` in at most `length` characters (never fewer than SHORTEST_TITLE), cut after a
    whole word, with an ellipsis."""
    length = max(length, SHORTEST_TITLE)
    if len(title) <= length:
        return title
    kept = title[:length - 1]
    if not (kept[-1].isspace() or title[length - 1].isspace()) and len(kept.split()) > 1:
        kept = kept.rsplit(None, 1)[0]  # the word cut in two goes
    return kept.rstrip(" ,;:.!?-–—") + "…"
