"""Notices that gather many events about one thing: the new comments in the debate of a proposal
one follows, the new proposals of a consultation one follows.

Whoever supports a proposal follows it: a popular one has thousands of followers, and a lively
debate dozens of comments a day. A notice per comment and per follower would bury them (and
the database) under notices. Each follower has instead one notice per topic, "4 new comments in
the debate on …", which every new event adds to until it is read or mailed; the next event then
starts a new one. They go by mail in the daily or weekly digests only.

However many followers, an event costs two statements: an UPDATE of the notices that gather,
an INSERT … SELECT of the new ones. Nothing is read into Python.
"""
from sqlalchemy import JSON, and_, case, exists, insert, literal, not_, or_, select, update

from ..database import utcnow
from ..extensions import db
from .models import Follow, Notification, NotificationPreference


def _still_gathering(notice):
    """The notice takes more events: unread, and its mail neither sent nor claimed by a digest."""
    return and_(notice.read_at.is_(None), notice.digest_claimed_by.is_(None),
                notice.email_state.in_(("pending", "skipped")))


def tell_followers(kind, target_type, target_id, topic, payload, url, exclude=()):
    """Add one event to the `topic` notice of each active follower of the target, but those in
    `exclude` (who caused it, or hear it by a notice of their own); returns how many notices
    were started."""
    from ..auth.models import User

    following = and_(Follow.target_type == target_type, Follow.target_id == target_id,
                     Follow.active.is_(True), Follow.user_id.not_in([i for i in exclude if i is not None]))
    db.session.execute(
        update(Notification)
        .where(Notification.topic == topic, _still_gathering(Notification),
               Notification.user_id.in_(select(Follow.user_id).where(following)))
        .values(repeats=Notification.repeats + 1)
        .execution_options(synchronize_session=False))

    earlier = db.aliased(Notification)
    preference = db.aliased(NotificationPreference)
    mailed = case((or_(User.confirmed_at.is_(None), preference.frequency == "never"), "skipped"),
                  else_="pending")
    started = (select(Follow.user_id, literal(kind), literal(payload, JSON), literal(url),
                      literal(utcnow()), mailed, literal(topic), literal(1))
               .join(User, and_(User.id == Follow.user_id, User.deleted_at.is_(None)))
               .outerjoin(preference, and_(preference.user_id == Follow.user_id, preference.kind == kind))
               .where(following, not_(exists().where(earlier.user_id == Follow.user_id, earlier.topic == topic,
                                                     _still_gathering(earlier)))))
    result = db.session.execute(insert(Notification).from_select(
        ["user_id", "kind", "payload", "url", "created_at", "email_state", "topic", "repeats"], started))
    return result.rowcount or 0
