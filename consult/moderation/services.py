"""Moderation logic: initial status of contributions, reports, decisions and appeals.

Functions add and flush; the request commits once.
"""
import re
from functools import cached_property

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp

from ..comments.labels import STATUS_LABELS as COMMENT_STATUS_LABELS
from ..database import lock_row
from ..extensions import db
from ..permissions import VISIBLE_PROPOSAL_STATUSES
from ..proposals.labels import STATUS_LABELS as PROPOSAL_STATUS_LABELS
from ..proposals.listing import forget_counts
from ..text import as_read, render_markdown
from .models import ModerationAction

REASON_LABELS = {
    "spam": _l("Spam"),
    "harassment": _l("Insult or harassment"),
    "hate": _l("Hate speech"),
    "off_topic": _l("Off-topic"),
    "personal_data": _l("Personal data"),
    "illegal": _l("Illegal content"),
    "other": _l("Other"),
}


# Decisions are named as nouns in French (« Masquage », « Refus »): a participle would have to
# agree with an item it does not know.
ACTION_LABELS = {
    "approve": _lp("moderation decision", "Approved"),
    "dismiss": _lp("moderation decision", "Reports dismissed"),
    "hide": _lp("moderation decision", "Hidden"),
    "restore": _lp("moderation decision", "Restored"),
    "reject": _lp("moderation decision", "Rejected"),
    "warn": _lp("moderation decision", "Author warned"),
    "block": _lp("moderation decision", "Person blocked"),
    "appeal_confirmed": _lp("moderation decision", "Appeal: decision confirmed"),
    "appeal_reversed": _lp("moderation decision", "Appeal: decision reversed"),
    "auto_hide": _lp("moderation decision", "Hidden automatically after reports"),
}

# By kind of item: in French, a status agrees with its noun (« proposition masquée »,
# « commentaire masqué »).
STATUS_LABELS = {
    "proposal": PROPOSAL_STATUS_LABELS,
    "comment": COMMENT_STATUS_LABELS,
}


TARGET_LABELS = {"proposal": _l("Proposal"), "comment": _l("Comment"), "user": _l("Person")}

# Why permissions.can_report says no (an unconfirmed or suspended account), on the site and through the API.
CANNOT_REPORT = _l("Only people with a confirmed, active account may report.")
ALREADY_TAKEN_DOWN = _l("The moderators have already taken this down: there is nothing left to report.")


def template_labels():
    """Labels for moderation templates: {{ labels.reasons[code] }}, actions, statuses."""
    return {"labels": {"reasons": REASON_LABELS, "actions": ACTION_LABELS, "statuses": STATUS_LABELS,
                       "targets": TARGET_LABELS}}


HIDING_ACTIONS = ("hide", "auto_hide", "reject")


def reason_label(code):
    return str(REASON_LABELS.get(code, REASON_LABELS["other"])) if code else str(REASON_LABELS["other"])


# --- publication ------------------------------------------------------------------------

def forbidden_words(territory):
    """The territory's forbidden terms, as read (text.as_read: lower-case, accent-free), one per line."""
    return [w for w in (as_read(line).strip() for line in (territory.forbidden_words or "").splitlines()) if w]


def contains_forbidden_word(territory, text, markdown=""):
    """Whether a forbidden word of the territory is in `text` (plain text) or `markdown` (a body in
    Markdown), found whole, whatever the case, the accents and the alphabet of letters that look
    alike (a Cyrillic 'о' for an 'o').

    Looked for as a reader sees it: a body rendered ('conn&#97;rd' and 'conn**a**rd' show
    'connard') as well as written (a link's address), invisible characters left out (a soft
    hyphen or a zero-width space splits no word on screen)."""
    words = forbidden_words(territory)
    if not words:
        return False
    if markdown:  # the rendering that its page shows, then found kept (text.render_markdown)
        text = "\n".join((text or "", markdown, render_markdown(markdown).striptags()))
    read = as_read(text)
    return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", read) for w in words)


def initial_status(consultation, text="", kind="proposal", markdown=""):
    """'pending' when the contribution must wait for a moderator, else 'published'.

    Pre-moderation (the consultation's setting for proposals, `premoderate_comments` for
    comments) or a forbidden word of the territory in `text` or `markdown` (contains_forbidden_word).
    """
    if kind == "proposal" and consultation.moderation == "pre":
        return "pending"
    if kind == "comment" and consultation.premoderate_comments:
        return "pending"
    if contains_forbidden_word(consultation.territory, text, markdown):
        return "pending"
    return "published"


# --- placeholders -----------------------------------------------------------------------

def hidden_reasons(target_type, ids):
    """{item id: translated reason} from the latest hide/auto-hide/reject decision, one query."""
    ids = list(set(ids or ()))
    if not ids:
        return {}
    rows = db.session.execute(
        db.select(ModerationAction.target_id, ModerationAction.rule)
        .where(ModerationAction.target_type == target_type,
               ModerationAction.target_id.in_(ids),
               ModerationAction.action.in_(HIDING_ACTIONS))
        .order_by(ModerationAction.id)
    ).all()
    latest = {}
    for target_id, rule in rows:
        latest[target_id] = rule
    return {target_id: reason_label(rule) for target_id, rule in latest.items()}


def reported_ids(user, target_type, ids):
    """The ids among `ids` that `user` already reported (one query), for _report_link.html."""
    from .models import Report

    ids = list(set(ids or ()))
    if not ids or user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(db.session.scalars(
        db.select(Report.target_id).where(Report.reporter_id == user.id, Report.target_type == target_type,
                                          Report.target_id.in_(ids))
    ))


# --- items under moderation -------------------------------------------------------------

class Conflict(Exception):
    """The item is not in a state where this can be done (answered with 409)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class Target:
    """A moderated item: its kind, the object, its territory and the person it is about."""

    def __init__(self, target_type, obj, territory_id, author_id):
        self.type, self.obj, self.territory_id, self.author_id = target_type, obj, territory_id, author_id

    @property
    def id(self):
        return self.obj.id

    @property
    def status(self):
        return getattr(self.obj, "status", None)

    @property
    def author(self):
        return self.obj if self.type == "user" else self.obj.author

    @cached_property
    def auto_hidden(self):
        """Hidden after reports, no moderator having decided yet (read once per request)."""
        if self.status != "hidden":
            return False
        last = db.session.scalar(
            db.select(ModerationAction.action).where(
                ModerationAction.target_type == self.type, ModerationAction.target_id == self.id,
                ModerationAction.action.in_(HIDING_ACTIONS))
            .order_by(ModerationAction.id.desc()).limit(1))
        return last == "auto_hide"

    def lock(self):
        """Read the item's row again, locked until the request ends (see database.lock_row), and
        forget what was read of it before: its state is the one the other requests left."""
        lock_row(self.obj)
        self.__dict__.pop("auto_hidden", None)  # the cached_property, read again when asked


def load_target(target_type, target_id, territory_id=None):
    """The Target for (type, id), or None. A person has no territory of their own: pass the
    one they are reported or moderated in, where they must have taken part (None otherwise)."""
    from ..auth.models import User
    from ..comments.models import Comment
    from ..proposals.models import Proposal

    if target_type == "proposal":
        p = db.session.get(Proposal, target_id)
        return Target("proposal", p, p.consultation.territory_id, p.author_id) if p else None
    if target_type == "comment":
        c = db.session.get(Comment, target_id)
        return Target("comment", c, c.proposal.consultation.territory_id, c.author_id) if c else None
    if target_type == "user":
        u = db.session.get(User, target_id)
        return Target("user", u, territory_id, u.id) if u and took_part_in(u.id, territory_id) else None
    return None


def took_part_in(user_id, territory_id):
    """Whether the person wrote a proposal or a comment in the territory, or was already
    reported or moderated there: only then do its moderators deal with them."""
    from ..comments.models import Comment
    from ..consultations.models import Consultation
    from ..proposals.models import Proposal
    from .models import Report

    if territory_id is None:
        return False
    in_territory = db.select(Consultation.id).where(Consultation.territory_id == territory_id)
    proposals = db.select(Proposal.id).where(Proposal.author_id == user_id,
                                             Proposal.consultation_id.in_(in_territory))
    comments = db.select(Comment.id).join(Proposal, Proposal.id == Comment.proposal_id).where(
        Comment.author_id == user_id, Proposal.consultation_id.in_(in_territory))
    reports = db.select(Report.id).where(Report.target_type == "user", Report.target_id == user_id,
                                         Report.territory_id == territory_id)
    actions = db.select(ModerationAction.id).where(ModerationAction.subject_user_id == user_id,
                                                   ModerationAction.territory_id == territory_id)
    return bool(db.session.scalar(db.select(
        proposals.exists() | comments.exists() | reports.exists() | actions.exists())))


def set_status(target, status, moderator=None):
    """Change a proposal's or comment's status, keeping Proposal.comments_count (published only).
    A withdrawn proposal that is shown again (restored) stays withdrawn. Published for the first
    time, it is announced to those it concerns."""
    from ..notifications.events import first_published, recounted

    obj = target.obj
    lock_row(obj)  # its status, read again: an item leaves or enters the public's sight once
    if status == "published" and target.type == "proposal" and obj.withdrawn_at is not None:
        status = "withdrawn"
    before = obj.status
    if before == status:
        return
    obj.status = status
    public = VISIBLE_PROPOSAL_STATUSES if target.type == "proposal" else ("published",)
    delta = (status in public) - (before in public)  # it leaves the public's sight (-1), or comes back
    if target.type == "comment":
        from ..comments.services import adjust_comments_count

        adjust_comments_count(obj, delta)
    else:
        forget_counts(obj.consultation_id)  # the listing's totals and filters, in this process
        if delta:
            recounted(obj, delta)
    first_published(obj, actor=moderator)


def record(target, action, moderator=None, rule=None, explanation="", blocked_until=None, territory_id=None):
    """Append one decision to the audit log (never updated afterwards)."""
    row = ModerationAction(territory_id=territory_id or target.territory_id,
                           moderator_id=moderator.id if moderator is not None else None,
                           subject_user_id=target.author_id, target_type=target.type, target_id=target.id,
                           action=action, rule=rule or None, explanation=explanation or "",
                           blocked_until=blocked_until)
    db.session.add(row)
    db.session.flush()
    return row


def tell_author(action):
    from ..notifications import events

    return events.moderation_decision(action)


def resolve_reports(target, status="resolved", now=None):
    """Close the item's open reports with `status`; returns them."""
    from ..database import utcnow
    from .models import Report

    reports = db.session.scalars(db.select(Report).where(
        Report.target_type == target.type, Report.target_id == target.id, Report.status == "open",
        Report.territory_id == target.territory_id)).all()
    for report in reports:
        report.status = status
        report.resolved_at = now or utcnow()
    return reports


# --- reports ----------------------------------------------------------------------------

class AlreadyReported(Exception):
    pass


def report_by(reporter, target):
    """The report `reporter` filed on the item, or None. A person is reported per territory: a
    report in one territory reaches its moderators only, and does not stand for another."""
    from .models import Report

    return db.session.scalar(db.select(Report).where(
        Report.reporter_id == reporter.id, Report.target_type == target.type, Report.target_id == target.id,
        Report.territory_id == target.territory_id))


def create_report(reporter, target, reason, details=""):
    """One report per person and item, a person being reported once in each territory (its team is
    told of the first open one); may hide the item once the threshold is reached."""
    from sqlalchemy.exc import IntegrityError

    from ..notifications.staff_events import item_reported
    from .models import Report

    # One report on an item at a time, so that the first open report and the one reaching the
    # threshold are each seen as such by one report only.
    lock_row(target.obj)
    if report_by(reporter, target) is not None:
        raise AlreadyReported()
    report = Report(territory_id=target.territory_id, reporter_id=reporter.id, target_type=target.type,
                    target_id=target.id, reason=reason, details=(details or "").strip())
    try:
        with db.session.begin_nested():
            db.session.add(report)
            db.session.flush()
    except IntegrityError:
        raise AlreadyReported() from None
    item_reported(report, target)
    maybe_auto_hide(target)
    return report


def maybe_auto_hide(target):
    """Hide a published item once its open reports reach the territory's threshold."""
    from sqlalchemy import func

    from ..territories.models import Territory
    from .models import Report

    if target.type not in ("proposal", "comment") or target.status not in ("published", "withdrawn"):
        return None
    rows = db.session.execute(
        db.select(Report.reason, func.count()).where(
            Report.target_type == target.type, Report.target_id == target.id, Report.status == "open")
        .group_by(Report.reason)
    ).all()
    total = sum(n for _, n in rows)
    territory = db.session.get(Territory, target.territory_id)
    threshold = (territory.report_threshold if territory else 0) or 3
    if total < threshold:
        return None
    rule = max(rows, key=lambda r: (r[1], r[0] != "other"))[0]
    set_status(target, "hidden")
    action = record(target, "auto_hide", rule=rule)
    tell_author(action)
    return action
