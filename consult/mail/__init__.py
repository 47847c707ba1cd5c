"""Outgoing mail: queued in the database with the change that caused it, delivered later.

`queue_mail` adds a row to the current transaction. After a successful request, queued
mail is delivered in a background thread (MAIL_DELIVER_AFTER_REQUEST); `flask send-mail`
delivers what is left (for cron or a worker), with retries and a record of failures.
Without MAIL_SERVER (development and tests: production requires it), messages are written
to the log instead of being sent.
Links put in mail are built from PUBLIC_URL (`external_url`, `absolute`), never from the
request's Host header, which whoever sends the request chooses.
"""
import threading
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from sqlalchemy import and_, func, or_

from ..extensions import db
from ..notifications.models import OutgoingMail
from .delivery import deliver_pending
from .transport import RelayUnavailable, log, refusal_code, relay_name


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


def render_mail(locale, template, subject, **context):
    """(subject, text, HTML or None) of `mail/<template>.txt` (and `.html` when it exists) in the
    recipient's language; the subject starts with the platform's name in brackets, for the
    reader to tell its mail."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        text_body = render_template(f"mail/{template}.txt", **context)
        try:
            html_body = render_template(f"mail/{template}.html", **context)
        except TemplateNotFound:  # the HTML part is optional
            html_body = None
        subject_text = f"[{current_app.config['PLATFORM_NAME']}] {subject() if callable(subject) else subject}"
    return subject_text, text_body, html_body


def queue_template(recipient, locale, template, subject, headers=None, **context):
    """Queue the mail render_mail writes. The `user` the template is written for is the account
    the mail belongs to (queue_mail)."""
    subject_text, text_body, html_body = render_mail(locale, template, subject, **context)
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
        deliver_queued()


def deliver_queued():
    """Deliver the queued mail now, as after a request (MAIL_DELIVER_AFTER_REQUEST): a failure is
    logged, and the mail waits for `flask send-mail`. A message the relay refused is logged by its
    number and the relay's code, not its address (`flask send-mail` says the whole refusal)."""
    refused = []
    try:
        deliver_pending(errors=refused)
    except RelayUnavailable as outage:  # nothing counted against the mail: the cron command will try again
        log.error("The mail relay %s could not be reached (%s): the mail waits in the queue.", relay_name(), outage)
    except Exception:  # noqa: BLE001 — the cron command will try again
        log.exception("background mail delivery failed")
    for mail_id, error in refused:
        log.error("Mail %s was not sent (%s): `flask send-mail` tries it again and says why.", mail_id,
                  refusal_code(error))
