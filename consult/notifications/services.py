"""One notification mechanism for every feature.

Features call `notify(user, kind, payload, url)`; the notification is stored in the same
transaction as the event that caused it, and its email is queued (or left for a digest)
according to the recipient's preferences. Follows decide who hears about what.
"""
from sqlalchemy import func

from ..database import insert_or_ignore
from ..extensions import db
from .models import FOLLOW_TARGETS, FREQUENCIES, Follow, Notification, NotificationPreference

# Kinds of event. Moderation and appeal notices are never lost, whatever the preferences.
# STAFF_KINDS tell a territory's team what awaits them (staff_events.py).
STAFF_KINDS = ("moderation_queue", "item_reported", "appeal_filed", "team_appointed")
# GATHERED_KINDS: one notice gathers the events about one thing (gathered.py), sent by the
# digests only.
GATHERED_KINDS = ("followed_debate", "followed_proposals", "consultation_news")
KINDS = (
    "phase_opened", "proposal_answered", "proposal_status", "comment_reply", "proposal_comment",
    "threshold_reached", *GATHERED_KINDS, "moderation_decision", "appeal_outcome", "report_outcome",
    "new_consultation",
    *STAFF_KINDS,
)
MANDATORY_KINDS = ("moderation_decision", "appeal_outcome")
DEFAULT_FREQUENCY = "immediately"
# Contributions awaiting moderation may come by the dozen on a busy day: gathered in the daily
# digest unless the person chooses otherwise (the notification centre shows each at once).
DEFAULT_FREQUENCIES = {"moderation_queue": "daily", **{kind: "daily" for kind in GATHERED_KINDS}}


def default_frequency(kind):
    return DEFAULT_FREQUENCIES.get(kind, DEFAULT_FREQUENCY)


def frequencies(kind):
    """The frequencies one may choose for `kind`."""
    return tuple(f for f in FREQUENCIES if f != "immediately") if kind in GATHERED_KINDS else FREQUENCIES


# --- Follows -------------------------------------------------------------------------------

def _user_id(user):
    return user if isinstance(user, int) else user.id


def _check_target(target_type):
    if target_type not in FOLLOW_TARGETS:
        raise ValueError(f"unknown follow target {target_type!r}")


def _find_follow(user_id, target_type, target_id):
    return db.session.scalar(db.select(Follow).where(
        Follow.user_id == user_id, Follow.target_type == target_type, Follow.target_id == target_id))


def follow(user, target_type, target_id, auto=True):
    """Follow a target. The row is created by one INSERT … ON CONFLICT DO NOTHING (no race with
    a parallel follow). An automatic follow (taking part) stops there, so an earlier opt-out
    stays; an explicit follow (auto=False) reactivates it and returns the Follow row."""
    _check_target(target_type)
    user_id = _user_id(user)
    connection = db.session.connection()
    connection.execute(insert_or_ignore(Follow, connection), {
        "user_id": user_id, "target_type": target_type, "target_id": target_id, "active": True})
    if auto:
        return None
    row = _find_follow(user_id, target_type, target_id)
    row.active = True
    return row


def unfollow(user, target_type, target_id):
    """Stop following; the inactive row remembers the opt-out so automatic follows stay off. The
    notices gathering the target's events stay as they are (events.unfollowed)."""
    from .events import unfollowed

    _check_target(target_type)
    user_id = _user_id(user)
    row = _find_follow(user_id, target_type, target_id)
    if row is None:
        row = Follow(user_id=user_id, target_type=target_type, target_id=target_id, active=False)
        db.session.add(row)
    row.active = False
    unfollowed(user_id, target_type, target_id)
    db.session.flush()
    return row


def follow_state(user, target_type, target_id):
    """True when the person follows the target, False when they stopped following it (taking
    part no longer follows it), None when neither, or nobody is signed in (one query at most)."""
    if user is None or not getattr(user, "is_authenticated", True):
        return None
    return db.session.scalar(db.select(Follow.active).where(
        Follow.user_id == _user_id(user), Follow.target_type == target_type, Follow.target_id == target_id))


def is_following(user, target_type, target_id):
    return follow_state(user, target_type, target_id) is True


def follower_ids(target_type, target_id):
    """Ids of people actively following a target."""
    return set(db.session.scalars(db.select(Follow.user_id).where(
        Follow.target_type == target_type, Follow.target_id == target_id, Follow.active.is_(True))))


# --- Preferences ---------------------------------------------------------------------------

def preferences(user):
    """{kind: frequency} for every kind, defaults filled in."""
    stored = dict(db.session.execute(db.select(NotificationPreference.kind, NotificationPreference.frequency)
                                     .where(NotificationPreference.user_id == _user_id(user))).all())
    return {kind: _frequency(kind, stored.get(kind)) for kind in KINDS}


def _frequency(kind, stored):
    """A stored preference as it applies: mandatory kinds always mail at once."""
    if kind in MANDATORY_KINDS:
        return DEFAULT_FREQUENCY
    return stored if stored in frequencies(kind) else default_frequency(kind)


def frequency_for(user, kind):
    if kind in MANDATORY_KINDS:
        return DEFAULT_FREQUENCY
    return _frequency(kind, db.session.scalar(db.select(NotificationPreference.frequency).where(
        NotificationPreference.user_id == _user_id(user), NotificationPreference.kind == kind)))


def set_preference(user, kind, frequency):
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if frequency not in frequencies(kind):
        raise ValueError(f"{frequency!r} is not a frequency of {kind!r}")
    if kind in MANDATORY_KINDS:
        frequency = DEFAULT_FREQUENCY
    row = db.session.scalar(db.select(NotificationPreference).where(
        NotificationPreference.user_id == _user_id(user), NotificationPreference.kind == kind))
    if row is None:
        row = NotificationPreference(user_id=_user_id(user), kind=kind)
        db.session.add(row)
    row.frequency = frequency
    return row


# --- Notifications -------------------------------------------------------------------------

def quoted_title(proposal):
    """The payload's entries of a notice quoting a proposal's title: the title, and the language it
    is written in (shown.describe_html marks it); an empty title when the proposal is gone."""
    return {"title": proposal.title if proposal else "", "title_language": proposal.language if proposal else None}


def notify(user, kind, payload=None, url="", frequency=None):
    """Tell `user` about an event of `kind`; `payload` holds what is needed to describe it.
    Returns the Notification, or None for a deleted account.

    The email follows the recipient's preference: queued now (immediately), left pending
    for `flask send-digests` (daily, weekly) or skipped (never). Mandatory kinds always mail.
    """
    if kind not in KINDS or kind in GATHERED_KINDS:
        raise ValueError(f"not a notification kind of its own: {kind!r}")
    from ..auth.models import User

    recipient = user if isinstance(user, User) else db.session.get(User, user)
    if recipient is not None and recipient.deleted_at is not None:
        return None  # a deleted account: nobody to tell
    notification = Notification(user_id=_user_id(user), kind=kind, payload=payload or {}, url=url or "")
    db.session.add(notification)
    if frequency is None:
        frequency = frequency_for(recipient or user, kind)
    unverified = recipient is not None and recipient.confirmed_at is None and kind not in MANDATORY_KINDS
    if recipient is None or not recipient.email or frequency == "never" or unverified:
        notification.email_state = "skipped"
    elif frequency == "immediately":
        db.session.flush()
        from .emails import queue_notification_email

        queue_notification_email(recipient, notification)
        notification.email_state = "queued"
    else:
        notification.email_state = "pending"
    return notification


def notify_all(user_ids, kind, payload, url):
    """notify() for several people, their accounts and preferences read in two queries."""
    from ..auth.models import User

    ids = sorted(set(user_ids))
    if not ids:
        return []
    people = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}
    stored = dict(db.session.execute(db.select(NotificationPreference.user_id, NotificationPreference.frequency)
                                     .where(NotificationPreference.user_id.in_(ids),
                                            NotificationPreference.kind == kind)).all())
    told = (notify(people.get(i, i), kind, dict(payload), url, frequency=_frequency(kind, stored.get(i)))
            for i in ids)
    return [notification for notification in told if notification is not None]


def unread_count(user):
    return db.session.scalar(db.select(func.count(Notification.id)).where(
        Notification.user_id == _user_id(user), Notification.read_at.is_(None))) or 0
