"""The queue's delivery: claiming due messages (so that two runs never send one twice),
taking each again just before sending it (a run slower than CLAIM_TIMEOUT may have lost the
rest of its batch to the next run), sending them, retrying with a growing delay, giving up
after MAX_ATTEMPTS, and forgetting the mail done with."""
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, update

from ..database import utcnow
from ..extensions import db
from ..notifications.models import OutgoingMail
from .transport import RelayUnavailable, Transport, build_message

MAX_ATTEMPTS = 5
CLAIM_TIMEOUT = timedelta(minutes=10)
# Mail still queued this long after it was written is late: sent right after its request, or by
# `flask send-mail` every minute, it leaves within a minute or two while the relay answers.
LATE_AFTER = timedelta(minutes=15)


def _claim(limit, token):
    """Mark up to `limit` due messages as ours (`token`), so that two runs never send one twice."""
    now = utcnow()
    due = db.select(OutgoingMail.id).where(
        OutgoingMail.status == "queued",
        OutgoingMail.next_attempt_at <= now,
        or_(OutgoingMail.claimed_by.is_(None), OutgoingMail.next_attempt_at <= now - CLAIM_TIMEOUT),
    ).order_by(OutgoingMail.id).limit(limit)
    ids = list(db.session.scalars(due))
    if not ids:
        return []
    db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id.in_(ids), OutgoingMail.status == "queued",
               or_(OutgoingMail.claimed_by.is_(None), OutgoingMail.next_attempt_at <= now - CLAIM_TIMEOUT))
        .values(claimed_by=token, next_attempt_at=now)
    )
    db.session.commit()
    # Sent in the order they were queued (PostgreSQL gives updated rows back in any order).
    return list(db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.claimed_by == token)
                                   .order_by(OutgoingMail.id)))


def _take(mail, token):
    """Whether the message claimed is still ours, its claim renewed just before it is sent
    (committed, for the other runs to see): a run still sending its batch after CLAIM_TIMEOUT (a
    slow relay, hundreds of messages) has left the rest to the next run, which may have sent them."""
    taken = db.session.execute(update(OutgoingMail).where(
        OutgoingMail.id == mail.id, OutgoingMail.claimed_by == token).values(next_attempt_at=utcnow()))
    db.session.commit()
    return taken.rowcount == 1


def deliver_pending(limit=100, errors=None):
    """Send due messages, over one SMTP connection; returns (sent, failed), and adds (its id, the
    exception) for each that failed to the list `errors` when one is given. Safe to run from several processes.

    Only a message's own refusal (a recipient refused, say) counts an attempt against it. When
    the relay cannot be reached or refuses the connection (TLS, login), the run stops and
    raises RelayUnavailable (its `sent` and `failed` count the messages before): the messages claimed wait
    for the next run, with no attempt counted, so that an outage never gives any of them up."""
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    sent = failed = 0
    token = str(uuid.uuid4())
    with Transport() as transport:
        claimed = _claim(limit, token)
        # Written before any is sent, and the transaction ended: nothing is held in the database
        # while the relay answers (SQLite: a command's transaction holds the write lock).
        messages = [_written(mail, sender) for mail in claimed]
        db.session.commit()
        for mail, message in zip(claimed, messages):
            if not _take(mail, token):
                continue
            try:
                if isinstance(message, Exception):
                    raise message
                transport.send(message)
            except RelayUnavailable as outage:
                # Those still ours wait; those the next run took over are left to it.
                db.session.execute(update(OutgoingMail).where(
                    OutgoingMail.claimed_by == token, OutgoingMail.status == "queued").values(claimed_by=None))
                db.session.commit()
                outage.sent, outage.failed = sent, failed
                raise
            except Exception as exc:  # noqa: BLE001 — any other failure is the message's: recorded and retried
                mail.attempts += 1
                _record_failure(mail, exc, errors)
                failed += 1
            else:
                mail.attempts += 1
                mail.status, mail.sent_at, mail.last_error = "sent", utcnow(), None
                db.session.commit()
                sent += 1
    return sent, failed


def _written(mail, sender):
    """The message to send, or what kept it from being written (the message's own failure)."""
    try:
        return build_message(mail, sender)
    except Exception as exc:  # noqa: BLE001 — recorded against this message alone, as a refusal is
        return exc


def requeue_failed(hours):
    """Put the mail given up (failed) and queued in the last `hours` back in the queue, due now,
    with its attempts counted from zero; returns how many (committed). For after a relay outage
    or a refusal now fixed; older mail stays given up (its links have expired)."""
    now = utcnow()
    done = db.session.execute(update(OutgoingMail).where(
        OutgoingMail.status == "failed", OutgoingMail.created_at >= now - timedelta(hours=hours)).values(
        status="queued", attempts=0, next_attempt_at=now, claimed_by=None))
    db.session.commit()
    return done.rowcount


def failure_text(exc):
    """Why a message failed, as kept with it and said by `flask send-mail`."""
    return f"{type(exc).__name__}: {exc}"


def _record_failure(mail, exc, errors):
    """Keep why the message failed, and when to try it again (committed)."""
    mail.last_error = failure_text(exc)[:2000]
    if errors is not None:
        errors.append((mail.id, exc))
    mail.claimed_by = None
    if mail.attempts >= MAX_ATTEMPTS:
        mail.status = "failed"
    else:
        mail.next_attempt_at = utcnow() + timedelta(minutes=2 ** mail.attempts)
    db.session.commit()


def forget_old_mail(now=None):
    """Delete the mail done with (sent, or failed for good) more than MAIL_RETENTION_DAYS ago;
    mail still queued is kept whatever its age. Returns how many were deleted (committed)."""
    days = current_app.config["MAIL_RETENTION_DAYS"]
    if days <= 0:
        return 0
    limit = (now or utcnow()) - timedelta(days=days)
    done = db.session.execute(delete(OutgoingMail).where(
        OutgoingMail.status != "queued", func.coalesce(OutgoingMail.sent_at, OutgoingMail.created_at) < limit))
    db.session.commit()
    return done.rowcount


def late_mail_count(now=None):
    """How many messages still wait LATE_AFTER after they were written: the relay cannot be
    reached or refuses them, or nothing runs `flask send-mail`."""
    written_before = (now or utcnow()) - LATE_AFTER
    return db.session.scalar(db.select(func.count(OutgoingMail.id)).where(
        OutgoingMail.status == "queued", OutgoingMail.created_at < written_before))
