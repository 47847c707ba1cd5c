"""Daily and weekly digests, and phase announcements, for cron.

Daily digests go out every morning at DIGEST_HOUR (local time), weekly ones on Monday mornings,
at the first run of `flask send-digests` from that hour on: a person gets at most one of each
a day (a week), whatever the frequency of cron. Safe even when two runs overlap: each person's
pending notifications
are claimed with a conditional UPDATE (digest_claimed_by set only where it is still empty)
in the same transaction as the digest mail, so a notice is never sent twice.
"""
import uuid
from datetime import timedelta, timezone

from flask import current_app
from sqlalchemy import update

from ..core.localtime import local_moment, platform_zone
from ..database import serialize, utcnow
from ..extensions import db
from .models import Notification
from .readable import unreadable
from .services import follower_ids, preferences


def claim(user_id, ids):
    """Claim pending notifications for one digest; returns those this call now owns (not those
    read since the run listed them: the next run marks them not to be mailed)."""
    if not ids:
        return []
    token = str(uuid.uuid4())
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_(list(ids)), Notification.user_id == user_id, Notification.read_at.is_(None),
               Notification.email_state == "pending", Notification.digest_claimed_by.is_(None))
        .values(digest_claimed_by=token)
        .execution_options(synchronize_session=False)
    )
    return list(db.session.scalars(
        db.select(Notification).where(Notification.digest_claimed_by == token)
        .order_by(Notification.created_at, Notification.id)))


def _pending_by_user():
    rows = db.session.execute(
        db.select(Notification.id, Notification.user_id, Notification.kind, Notification.created_at,
                  Notification.read_at)
        .where(Notification.email_state == "pending", Notification.digest_claimed_by.is_(None))
        .order_by(Notification.user_id, Notification.created_at)).all()
    grouped = {}
    for row in rows:
        grouped.setdefault(row.user_id, []).append(row)
    return grouped


def digest_times(now):
    """(the last DIGEST_HOUR o'clock, the last Monday at that hour) in local time, up to `now`,
    as naive UTC like the stored dates: what a daily (weekly) digest gathers was made before."""
    config = current_app.config
    local = local_moment(now, platform_zone())
    # fold=0: on the night the clocks go back, the repeated hour counts once (its first time)
    day = local.replace(hour=config["DIGEST_HOUR"], minute=0, second=0, microsecond=0, fold=0)
    if day > local:
        day -= timedelta(days=1)
    week = day - timedelta(days=day.weekday())
    return tuple(t.astimezone(timezone.utc).replace(tzinfo=None) for t in (day, week))


def _plan(rows, prefs, times, force):
    """Split one person's pending rows into (daily ids, weekly ids, ids to skip: those the person
    does not want by mail, or read in the notification centre since).

    A digest is due once a notice waits from before its time (see digest_times); it takes
    every waiting notice. Notices whose setting became "immediately" since go at once, with
    the daily ones."""
    daily, weekly, skip = [], [], []
    urgent = False
    for row in rows:
        frequency = prefs.get(row.kind, "immediately")
        if frequency == "never" or row.read_at is not None:  # read in the centre: seen already
            skip.append(row.id)
        elif frequency == "weekly":
            weekly.append(row)
        else:
            daily.append(row)
            urgent |= frequency != "daily"
    day, week = times  # digest_times(now), worked out once for the run
    return _due(daily, day, force or urgent), _due(weekly, week, force), skip


def _due(rows, time, force):
    """The ids of `rows` if their digest is due: forced, or one of them waits from before `time`."""
    if rows and (force or min(r.created_at for r in rows) < time):
        return [r.id for r in rows]
    return []


def send_digests(now=None, force=False):
    """Queue one digest mail per person and frequency; returns the number of mails queued."""
    from ..auth.models import User
    from .emails import queue_digest_email

    times = digest_times(now or utcnow())
    queued = 0
    for user_id, rows in _pending_by_user().items():
        user = db.session.get(User, user_id)
        if user is None:
            continue
        daily, weekly, skip = _plan(rows, preferences(user), times, force)
        for frequency, ids in (("daily", daily), ("weekly", weekly)):
            notifications = claim(user_id, ids)
            hidden = unreadable(user, notifications)
            for notification in notifications:
                notification.email_state = "skipped" if notification.id in hidden else "queued"
            notifications = [n for n in notifications if n.email_state == "queued"]
            if not notifications:
                continue
            queue_digest_email(user, notifications, frequency)
            queued += 1
        if skip:
            db.session.execute(update(Notification).where(
                Notification.id.in_(skip), Notification.email_state == "pending",
                Notification.digest_claimed_by.is_(None)).values(email_state="skipped")
                .execution_options(synchronize_session=False))
        db.session.commit()
    return queued


def notify_opened_phases(now=None, since_minutes=60):
    """Tell followers of published consultations about phases that opened recently.

    Returns the number of notifications created; running it twice tells nobody twice.
    """
    from ..consultations.models import Consultation, Phase
    from .events import phase_opened

    now = now or utcnow()
    since = now - timedelta(minutes=since_minutes)
    phases = db.session.scalars(
        db.select(Phase).join(Consultation, Phase.consultation_id == Consultation.id)
        .where(Consultation.status == "published", Phase.starts_at > since, Phase.starts_at <= now)
        .order_by(Phase.starts_at)).all()
    created = 0
    for phase in phases:
        consultation = phase.consultation
        serialize("phase opened", phase.id)  # a run overlapping this one reads who it told
        followers = follower_ids("consultation", consultation.id)
        if not followers:
            db.session.commit()
            continue
        told = _already_told(phase, followers)
        created += len(phase_opened(consultation, phase, already=told))
        db.session.commit()
    return created


def _already_told(phase, followers):
    """People already told about this phase (one query; the payload is read in Python)."""
    rows = db.session.execute(
        db.select(Notification.user_id, Notification.payload)
        .where(Notification.kind == "phase_opened", Notification.user_id.in_(followers),
               Notification.created_at >= phase.starts_at - timedelta(days=1))).all()
    return {user_id for user_id, payload in rows if (payload or {}).get("phase_id") == phase.id}
