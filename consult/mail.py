"""Outgoing mail: queued in the database with the change that caused it, delivered later.

`queue_mail` adds a row to the current transaction. After a successful request, queued
mail is delivered in a background thread (MAIL_DELIVER_AFTER_REQUEST); `flask send-mail`
delivers what is left (for cron or a worker), with retries and a record of failures.
Without MAIL_SERVER (development and tests: production requires it), messages are written
to the log instead of being sent.
Links put in mail are built from PUBLIC_URL (`external_url`, `absolute`), never from the
request's Host header, which whoever sends the request chooses.
"""
import logging
import smtplib
import ssl
import threading
import uuid
from datetime import timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from sqlalchemy import and_, delete, func, or_, update

from .database import utcnow
from .extensions import db
from .notifications.models import OutgoingMail

log = logging.getLogger("consult.mail")
MAX_ATTEMPTS = 5
CLAIM_TIMEOUT = timedelta(minutes=10)


def _public_url():
    return current_app.config["PUBLIC_URL"]  # config.py gives the development default


def external_url(endpoint, **values):
    """An absolute URL under PUBLIC_URL, built without a request (cron, CLI) or inside one."""
    parts = urlsplit(_public_url())
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path.rstrip("/") or "/",
                                       url_scheme=parts.scheme or "http")
    return adapter.build(endpoint, values, force_external=True)


def absolute(path):
    """PUBLIC_URL + a local path such as /proposals/12."""
    if path.startswith(("http://", "https://")):
        return path
    return _public_url().rstrip("/") + "/" + path.lstrip("/")


def queue_mail(recipient, subject, text_body, html_body=None, headers=None, user=None):
    """Queue a message; `user` is the account it is written to, whatever address it goes to
    (deleting the account deletes it: see account/erasure.py)."""
    subject = " ".join(str(subject).split())[:255]  # one line: no header injection
    mail = OutgoingMail(recipient=recipient, subject=subject, text_body=text_body,
                        html_body=html_body, headers=headers or {}, user=user)
    db.session.add(mail)
    _schedule_delivery()
    return mail


def written_to(user):
    """The condition on OutgoingMail picking the mail written to this account: by its id, and by
    its address for the mail queued before the column existed."""
    return or_(OutgoingMail.user_id == user.id,
               and_(OutgoingMail.user_id.is_(None), func.lower(OutgoingMail.recipient) == user.email.lower()))


def queue_template(recipient, locale, template, subject, headers=None, **context):
    """Render `mail/<template>.txt` (and `.html` when it exists) in the recipient's language.

    The `user` the template is written for is the account the mail belongs to (queue_mail)."""
    with force_locale(locale or "fr"):
        text_body = render_template(f"mail/{template}.txt", **context)
        try:
            html_body = render_template(f"mail/{template}.html", **context)
        except TemplateNotFound:  # the HTML part is optional
            html_body = None
        subject_text = str(subject() if callable(subject) else subject)
    return queue_mail(recipient, subject_text, text_body, html_body, headers, user=context.get("user"))


def _schedule_delivery():
    """Deliver the request's mail once it is answered: one background thread per request
    (however many mails it queued), started when the response is closed, so after the request
    committed them."""
    from flask import after_this_request, g, has_request_context

    app = current_app._get_current_object()
    if not (has_request_context() and app.config.get("MAIL_DELIVER_AFTER_REQUEST")) or g.get("_mail_scheduled"):
        return
    g._mail_scheduled = True

    @after_this_request
    def _deliver_soon(response):
        if response.status_code < 400:
            response.call_on_close(
                lambda: threading.Thread(target=_deliver_in_app, args=(app,), daemon=True).start())
        return response


def _deliver_in_app(app):
    with app.app_context():
        try:
            deliver_pending()
        except RelayUnavailable as outage:  # nothing counted against the mail: the cron command will try again
            log.error("The mail relay %s could not be reached (%s): the mail waits in the queue.", relay_name(), outage)
        except Exception:  # noqa: BLE001 — the cron command will try again
            log.exception("background mail delivery failed")


def build_message(mail, sender):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = mail.recipient
    msg["Subject"] = mail.subject
    for name, value in (mail.headers or {}).items():
        msg[name] = value
    msg.set_content(mail.text_body)
    if mail.html_body:
        msg.add_alternative(mail.html_body, subtype="html")
    return msg


def _log_unsent(msg):
    """Without MAIL_SERVER, the mail is written to the server's console, readable (links
    whole, not quoted-printable), so that a demo's confirmation or reset link can be followed."""
    if not log.hasHandlers() or log.getEffectiveLevel() > logging.INFO:
        log.setLevel(logging.INFO)
        log.addHandler(logging.StreamHandler())
    body = msg.get_body(("plain",))
    log.info("Mail (no MAIL_SERVER set, not sent)\nTo: %s\nSubject: %s\n\n%s", msg["To"], msg["Subject"],
             body.get_content() if body is not None else "")


class RelayUnavailable(Exception):
    """The relay could not be reached, refused the connection (TLS, login) or cannot serve now
    (421): the run stops. deliver_pending sets `sent` and `failed`, for the messages before."""

    sent = failed = 0


class Transport:
    """One SMTP connection for a run of messages, opened at the first and closed by `close()`
    (or at the end of a `with` block). A relay that closed a connection kept open is reached
    again once, for the same message; one that cannot be reached stops the run (RelayUnavailable).
    TLS (STARTTLS with MAIL_USE_TLS, or from the first byte with MAIL_USE_SSL) checks the
    server's certificate, against MAIL_CA_FILE when the relay has a private authority."""

    def __init__(self):
        self.smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _open(self):
        cfg = current_app.config
        context = ssl.create_default_context(cafile=cfg.get("MAIL_CA_FILE") or None)
        host, port = cfg["MAIL_SERVER"], cfg["MAIL_PORT"]
        smtp = None
        try:
            if cfg.get("MAIL_USE_SSL"):
                smtp = smtplib.SMTP_SSL(host, port, timeout=20, context=context)
            else:
                smtp = smtplib.SMTP(host, port, timeout=20)
                if cfg.get("MAIL_USE_TLS"):
                    smtp.starttls(context=context)
            if cfg.get("MAIL_USERNAME"):
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        except (smtplib.SMTPException, OSError) as error:
            if smtp is not None:
                smtp.close()
            raise RelayUnavailable(f"{type(error).__name__}: {error}") from error
        return smtp

    def send(self, msg):
        """Send one message. RelayUnavailable when the relay cannot be reached or refuses the
        connection or the login, or says it cannot serve now (421): not the message's fault.
        Any other failure is the message's own (counted against it), including a connection
        lost while sending it on a connection just opened: otherwise a message that breaks the
        connection would be tried first at every run, for ever, and hold up the queue."""
        if not current_app.config.get("MAIL_SERVER"):
            _log_unsent(msg)
            return
        fresh = self.smtp is None
        if fresh:
            self.smtp = self._open()
        try:
            self._send_or_close(msg)
        except (smtplib.SMTPException, OSError) as error:
            if fresh or not _connection_lost(error):
                _stop_if_unavailable(error)
                raise
            self.smtp = self._open()  # the relay closed the connection between two messages
            try:
                self._send_or_close(msg)
            except (smtplib.SMTPException, OSError) as again:
                _stop_if_unavailable(again)
                raise

    def _send_or_close(self, msg):
        try:
            self.smtp.send_message(msg)
        except Exception:
            self.close()
            raise

    def close(self):
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def _stop_if_unavailable(error):
    """RelayUnavailable when the relay says it cannot serve now (421)."""
    if getattr(error, "smtp_code", None) == 421:
        raise RelayUnavailable(f"{type(error).__name__}: {error}") from error


def _connection_lost(error):
    """The relay closed the connection, or is closing it (421), or it broke, rather than
    refusing a message."""
    if isinstance(error, smtplib.SMTPServerDisconnected) or getattr(error, "smtp_code", None) == 421:
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)  # a reset, a timeout


def relay_name():
    """The relay as MAIL_SERVER:MAIL_PORT, for the messages saying it could not be reached."""
    return f"{current_app.config['MAIL_SERVER']}:{current_app.config['MAIL_PORT']}"


def _claim(limit):
    """Mark up to `limit` due messages as ours, so that two runs never send one twice."""
    token = str(uuid.uuid4())
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
    return list(db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.claimed_by == token)))


def deliver_pending(limit=100, errors=None):
    """Send due messages, over one SMTP connection; returns (sent, failed), and adds why each
    failed to the list `errors` when one is given. Safe to run from several processes.

    Only a message's own refusal (a recipient refused, say) counts an attempt against it. When
    the relay cannot be reached or refuses the connection (TLS, login), the run stops and
    raises RelayUnavailable (its `sent` and `failed` count the messages before): the messages claimed wait
    for the next run, with no attempt counted, so that an outage never gives any of them up."""
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    sent = failed = 0
    with Transport() as transport:
        claimed = _claim(limit)
        for index, mail in enumerate(claimed):
            try:
                transport.send(build_message(mail, sender))
            except RelayUnavailable as outage:
                for waiting in claimed[index:]:
                    waiting.claimed_by = None
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


def _record_failure(mail, exc, errors):
    """Keep why the message failed, and when to try it again (committed)."""
    mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if errors is not None:
        errors.append(f"message {mail.id}: {mail.last_error}")
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
