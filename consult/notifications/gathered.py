"""Notices that gather many events about one thing: the new comments in the debate of a proposal
one follows, the new proposals or the news of a consultation one follows.

Whoever supports a proposal follows it: a popular one has thousands of followers, and a lively
debate dozens of comments a day. A notice per comment and per follower would bury them (and
the database) under notices. Each follower has instead one notice per topic, "4 new comments in
the debate on …", which every new event adds to until it is read or mailed; the next event then
starts a new one. They go by mail in the daily or weekly digests only.

However many followers, an event costs one statement: an INSERT … SELECT of the followers' notices,
which adds to the notice still gathering where there is one (ON CONFLICT on the partial unique
index of models.GATHERING: two events at once add up, never start two notices). Nothing is read
into Python.

What is no longer public (a comment hidden or deleted, a piece of news deleted) is no longer
counted by the notices still gathering it; shown again, it is counted again (recount). An event's
time is that of its announcement (a comment's or proposal's published_at, a piece of news'
announced_at): the notice it starts is dated by it, and a notice counts the events from its date on,
as long as its person follows: one who stops following keeps their notice as it is (detach).
"""
from sqlalchemy import JSON, and_, case, delete, literal, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from .models import GATHERING, Follow, Notification, NotificationPreference

COLUMNS = ("user_id", "kind", "payload", "url", "created_at", "email_state", "topic", "repeats")


def tell_followers(kind, target_type, target_id, topic, payload, url, at, exclude=()):
    """Add the event of time `at` to the `topic` notice of each active follower of the target, but
    those in `exclude` (who caused it, or hear it by a notice of their own). Whether it will be
    mailed follows the person as they are now (confirmed, their preference for `kind`)."""
    from ..auth.models import User

    preference = db.aliased(NotificationPreference)
    mailed = case((or_(User.confirmed_at.is_(None), preference.frequency == "never"), "skipped"),
                  else_="pending")
    followers = (select(Follow.user_id, literal(kind), literal(payload, JSON), literal(url),
                        literal(at), mailed, literal(topic), literal(1))
                 .join(User, and_(User.id == Follow.user_id, User.deleted_at.is_(None)))
                 .outerjoin(preference, and_(preference.user_id == Follow.user_id, preference.kind == kind))
                 .where(Follow.target_type == target_type, Follow.target_id == target_id,
                        Follow.active.is_(True), Follow.user_id.not_in([i for i in exclude if i is not None])))
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Notification).from_select(COLUMNS, followers)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["user_id", "topic"], index_where=text(GATHERING),
        set_={"repeats": Notification.repeats + 1, "updated_at": statement.excluded.created_at,
              "email_state": statement.excluded.email_state}))


def recount(topic, at, delta, exclude=()):
    """The event of time `at` leaves the public's sight (delta -1) or comes back (+1): the notices
    still gathering it count one less (those that counted it alone go) or one more, but those of
    the people it was not counted for (`exclude`, as tell_followers was told). Nobody is told
    anew: a notice started since never counted it."""
    counted = and_(Notification.topic == topic, text(GATHERING), Notification.created_at <= at,
                   Notification.user_id.not_in([i for i in exclude if i is not None]))
    if delta < 0:
        db.session.execute(delete(Notification).where(counted, Notification.repeats <= -delta)
                           .execution_options(synchronize_session=False))
    db.session.execute(update(Notification).where(counted).values(repeats=Notification.repeats + delta)
                       .execution_options(synchronize_session=False))


def detach(user_id, topics):
    """The person stops following: their notices gathering `topics` stay as they are, like a notice
    read, and gather no more (a follow again starts a new notice). Still gathering, one would count
    the events told while they did not follow when these leave the public's sight (recount), and
    those told once they follow again with the ones before."""
    db.session.execute(update(Notification).where(Notification.user_id == user_id, Notification.topic.in_(topics),
                                                  text(GATHERING)).values(topic=None)
                       .execution_options(synchronize_session=False))


def relink(url, instead):
    """Every notice that leads to `url`, gone, leads `instead` (read, mailed or gathering)."""
    db.session.execute(update(Notification).where(Notification.url == url).values(url=instead)
                       .execution_options(synchronize_session=False))
