"""Notification emails, written in the recipient's language."""
from flask_babel import force_locale
from flask_babel import ngettext

from ..i18n import mail_locale
from ..mail import absolute, external_url, queue_template
from .services import MANDATORY_KINDS
from .shown import describe_html, proposal_languages
from .texts import actor_names, describe, subject
from .unsubscribe import make_token, unsubscribe_headers


def _unsubscribe(user, kinds):
    kinds = [k for k in kinds if k not in MANDATORY_KINDS]
    if not kinds:
        return None, {}
    url = external_url("notifications.unsubscribe", token=make_token(user, kinds))
    return url, unsubscribe_headers(url)


def _item(notification, names=None, languages=None):
    """The notice as its mail tells it: its sentence as text, and as HTML (its titles marked with
    their language)."""
    return {"text": describe(notification, names), "html": describe_html(notification, names, languages),
            "url": absolute(notification.url or "/me/notifications"),
            "created_at": notification.created_at, "kind": notification.kind}


def queue_notification_email(user, notification):
    """Queue the email of one notification (same transaction as the event)."""
    locale = mail_locale(user)
    unsubscribe_url, headers = _unsubscribe(user, [notification.kind])
    with force_locale(locale):
        item = _item(notification, languages=proposal_languages([notification]))
        subject_text = subject(notification)
    return queue_template(
        user.email, locale, "notification", subject_text, headers=headers,
        user=user, item=item, mandatory=notification.kind in MANDATORY_KINDS,
        unsubscribe_url=unsubscribe_url,
        preferences_url=external_url("notifications.preferences"),
        centre_url=external_url("notifications.index"),
    )


def queue_digest_email(user, notifications, frequency):
    """One email listing several notifications (daily or weekly digest)."""
    locale = mail_locale(user)
    unsubscribe_url, headers = _unsubscribe(user, {n.kind for n in notifications})
    with force_locale(locale):
        names = actor_names(notifications)
        languages = proposal_languages(notifications)
        items = [_item(n, names, languages) for n in notifications]
        if frequency == "weekly":
            subject_text = ngettext("Your weekly digest: %(num)d update", "Your weekly digest: %(num)d updates",
                                    len(items))
        else:
            subject_text = ngettext("Your daily digest: %(num)d update", "Your daily digest: %(num)d updates",
                                    len(items))
    return queue_template(
        user.email, locale, "digest", subject_text, headers=headers,
        user=user, items=items, frequency=frequency, unsubscribe_url=unsubscribe_url,
        preferences_url=external_url("notifications.preferences"),
        centre_url=external_url("notifications.index"),
    )
