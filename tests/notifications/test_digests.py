"""Digests and phase announcements: safe from cron, never twice."""
from datetime import datetime, timedelta

import pytest

from consult.consultations.models import Phase
from consult.database import utcnow
from consult.extensions import db
from consult.mail.delivery import deliver_pending
from consult.notifications.digests import claim, digest_times, notify_opened_phases, send_digests
from consult.notifications.models import Notification, OutgoingMail
from consult.notifications.services import follow, notify, set_preference

from .conftest import text_part


def pending(user, kind="proposal_comment", title="Bancs", n=2, author=None):
    payload = {"author_id": author.id if author else None}
    return [notify(user, kind, {**payload, "proposal_title": f"{title} {i}"}, f"/proposals/{i}")
            for i in range(1, n + 1)]


def mail_count():
    return db.session.scalar(db.select(db.func.count(OutgoingMail.id)))


def test_daily_digest_once(app, make, smtp):
    user = make.user(email="daily@example.org", locale="en")
    set_preference(user, "proposal_comment", "daily")
    notes = pending(user, author=make.user(name="Alex"))
    assert {n.email_state for n in notes} == {"pending"}
    assert mail_count() == 0
    db.session.commit()
    assert send_digests() == 0  # made now: for the next morning's digest
    tomorrow = utcnow() + timedelta(days=1)
    assert send_digests(now=tomorrow) == 1
    assert send_digests(now=tomorrow) == 0
    assert mail_count() == 1
    deliver_pending()
    [message] = smtp.to("daily@example.org")
    assert "daily digest: 2 updates" in message["Subject"]
    body = text_part(message)
    assert "Alex commented on your proposal “Bancs 1”" in body and "Bancs 2" in body
    assert "http://127.0.0.1:5000/proposals/2" in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {n.email_state for n in db.session.scalars(db.select(Notification))} == {"queued"}


def test_what_was_read_in_the_centre_is_not_mailed(app, make, smtp):
    user = make.user(email="reader@example.org", locale="en")
    set_preference(user, "proposal_comment", "daily")
    read, unread = pending(user, author=make.user(name="Alex"))
    read.read_at = utcnow()
    db.session.commit()
    assert send_digests(now=utcnow() + timedelta(days=1)) == 1
    deliver_pending()
    [message] = smtp.to("reader@example.org")
    assert "daily digest: 1 update" in message["Subject"]
    assert "Bancs 2" in text_part(message) and "Bancs 1" not in text_part(message)
    db.session.expire_all()
    assert (read.email_state, unread.email_state) == ("skipped", "queued")


def test_a_notice_read_while_the_run_works_is_not_claimed(app, make):
    user = make.user()
    set_preference(user, "proposal_comment", "daily")
    notice, = pending(user, n=1)
    notice.read_at = utcnow()  # read after the run listed it
    db.session.flush()
    assert claim(user.id, [notice.id]) == []


def test_the_daily_digest_comes_every_morning_whatever_the_cron(app, make):
    """Three days in Paris in March (UTC+1): hourly cron at :07, a comment at 10:02 and 23:02
    local time each day; the digest comes every morning at 08:07, with the day's comments."""
    user = make.user()
    set_preference(user, "proposal_comment", "daily")
    start = datetime(2026, 3, 2, 0, 7)  # Monday, 01:07 in Paris
    sent_at = []
    for hour in range(72):
        now = start + timedelta(hours=hour)
        for local_hour in (10, 23):
            made = datetime(now.year, now.month, now.day, local_hour - 1, 2)  # 10:02 Paris = 09:02 UTC
            if now - timedelta(hours=1) < made <= now:
                [note] = pending(user, n=1)
                note.created_at = made
                db.session.commit()
        if send_digests(now=now):
            sent_at.append(now)
    assert sent_at == [datetime(2026, 3, d, 7, 7) for d in (3, 4)]  # 08:07 in Paris, Tuesday and Wednesday
    assert mail_count() == 2
    waiting = db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.email_state == "pending"))
    assert waiting == 2  # Wednesday's, for Thursday morning


@pytest.mark.parametrize("now, expected", [
    (datetime(2026, 3, 4, 12, 0), (datetime(2026, 3, 4, 7, 0), datetime(2026, 3, 2, 7, 0))),  # Wednesday noon
    (datetime(2026, 3, 2, 6, 59), (datetime(2026, 3, 1, 7, 0), datetime(2026, 2, 23, 7, 0))),  # Monday before 08:00
    (datetime(2026, 7, 1, 6, 30), (datetime(2026, 7, 1, 6, 0), datetime(2026, 6, 29, 6, 0))),  # summer time: UTC+2
])
def test_digest_times_are_eight_in_the_morning_in_paris(app, now, expected):
    assert digest_times(now) == expected


def test_the_night_the_clocks_go_back_brings_one_digest(app):
    """25 October 2026 in Paris: 02:00–03:00 happens twice. With DIGEST_HOUR=2 the digest time
    stays the first 02:00 (00:00 UTC) all night, so hourly cron sends one digest, not two."""
    app.config["DIGEST_HOUR"] = 2
    times = {digest_times(datetime(2026, 10, 25, h, 7))[0] for h in (0, 1, 2, 3)}
    assert times == {datetime(2026, 10, 25, 0, 0)}


def test_a_notice_whose_setting_became_immediate_goes_at_once(app, make):
    user = make.user()
    set_preference(user, "proposal_comment", "daily")
    pending(user, n=1)
    set_preference(user, "proposal_comment", "immediately")
    db.session.commit()
    assert send_digests() == 1


def test_interleaved_claims_never_share_a_notice(app, make):
    user = make.user()
    set_preference(user, "proposal_comment", "daily")
    ids = [n.id for n in pending(user, n=3)]
    db.session.commit()
    first = claim(user.id, ids)
    second = claim(user.id, ids)
    assert len(first) == 3 and second == []
    db.session.commit()
    # a later run finds nothing left to claim
    assert send_digests() == 0


def test_weekly_waits_for_a_week_unless_forced(app, make):
    user = make.user()
    set_preference(user, "phase_opened", "weekly")
    set_preference(user, "proposal_comment", "weekly")
    notes = pending(user)
    db.session.commit()
    assert send_digests() == 0
    notes[0].created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    assert send_digests() == 1
    assert send_digests(force=True) == 0
    pending(user, n=1)
    db.session.commit()
    assert send_digests(force=True) == 1
    assert mail_count() == 2


def test_changed_to_never_skips_pending(app, make):
    user = make.user()
    set_preference(user, "proposal_comment", "daily")
    pending(user)
    set_preference(user, "proposal_comment", "never")
    db.session.commit()
    assert send_digests() == 0
    assert {n.email_state for n in db.session.scalars(db.select(Notification))} == {"skipped"}


def test_cli_send_digests(app, make):
    user = make.user()
    set_preference(user, "proposal_comment", "daily")
    pending(user)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-digests"])
    assert result.exit_code == 0 and "0 digest(s) queued" in result.output
    result = app.test_cli_runner().invoke(args=["send-digests", "--force"])
    assert result.exit_code == 0 and "1 digest(s) queued" in result.output


def test_notify_phases_tells_followers_once(app, make):
    fan = make.user()
    make.user()  # somebody who follows nothing
    consultation = make.consultation(phase="proposals")
    follow(fan, "consultation", consultation.id)
    vote = next(p for p in consultation.phases if p.kind == "vote")
    db.session.commit()
    assert notify_opened_phases() == 0  # nothing opened within the last hour
    # the vote phase opens 10 minutes ago
    now = utcnow()
    db.session.execute(db.update(Phase).where(Phase.id == vote.id)
                       .values(starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(days=5)))
    db.session.commit()
    assert notify_opened_phases() == 1
    assert notify_opened_phases() == 0
    result = app.test_cli_runner().invoke(args=["notify-phases", "--since-minutes", "30"])
    assert result.exit_code == 0 and "0 notification(s) created" in result.output
    [n] = db.session.scalars(db.select(Notification)).all()
    assert n.user_id == fan.id and n.payload["phase_kind"] == "vote"
    assert n.payload["phase_id"] == vote.id


def test_runs_of_notify_phases_at_the_same_moment_tell_each_follower_once(app, make, is_postgres):
    """A slow run overlapping the next one (PostgreSQL; SQLite runs one writer at a time)."""
    import threading

    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the runs cannot overlap")
    consultation = make.consultation(phase="proposals")  # its phase opened 5 days ago
    fans = [make.user() for _ in range(20)]
    for fan in fans:
        follow(fan, "consultation", consultation.id)
    db.session.commit()
    now, barrier, told = utcnow(), threading.Barrier(2), []

    def run():
        with app.app_context():
            barrier.wait()
            told.append(notify_opened_phases(now=now, since_minutes=6 * 24 * 60))

    runs = [threading.Thread(target=run) for _ in range(2)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(30)
    assert sorted(told) == [0, 20]
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 20
