"""Notification emails caught by a real local SMTP server."""
import re
from datetime import timedelta
from urllib.parse import urlsplit

from flask_login import login_user

from consult.database import utcnow
from consult.extensions import db
from consult.mail.delivery import deliver_pending
from consult.moderation.models import ModerationAction
from consult.notifications import events
from consult.notifications.digests import send_digests
from consult.notifications.models import Notification, NotificationPreference, OutgoingMail
from consult.notifications.services import notify, set_preference
from consult.notifications.unsubscribe import make_token

from ..helpers import html_part
from .conftest import text_part


def reply_scene(make, replier_locale="fr", parent_locale="en"):
    author = make.user(locale="fr")
    parent_author = make.user(email="reader@example.org", name="Reader", locale=parent_locale)
    replier = make.user(name="Camille", locale=replier_locale)
    proposal = make.proposal(author=author, title="Plus de bancs publics")
    parent = make.comment(proposal, parent_author)
    reply = make.comment(proposal, replier, parent=parent)
    return parent_author, replier, proposal, reply


def test_english_recipient_gets_english_from_a_french_request(app, make, smtp):
    reader, replier, proposal, reply = reply_scene(make)
    with app.test_request_context("/proposals/1", headers={"Accept-Language": "fr"}):
        login_user(replier)
        events.comment_posted(reply)
        db.session.commit()
    assert deliver_pending() == (2, 0)  # the reader, and the proposal's (French) author
    [message] = smtp.to("reader@example.org")
    assert "Camille replied to your comment on “Plus de bancs publics”" in message["Subject"]
    text, html = text_part(message), html_part(message)
    assert "Hello Reader," in text
    assert f"http://127.0.0.1:5000/comments/{reply.id}" in text
    assert '<html lang="en">' in html
    assert f'href="http://127.0.0.1:5000/comments/{reply.id}"' in html
    [french] = [m for m in smtp.messages if m["To"] != "reader@example.org"]
    assert '<html lang="fr">' in html_part(french)


def test_list_unsubscribe_one_click(app, client, make, smtp):
    reader, replier, proposal, reply = reply_scene(make)
    events.comment_posted(reply)
    db.session.commit()
    deliver_pending()
    [message] = smtp.to("reader@example.org")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"]).group(1)
    assert url.startswith("http://127.0.0.1:5000/unsubscribe/")
    assert url in text_part(message)
    path = urlsplit(url).path
    # GET only asks for confirmation
    page = client.get(path)
    assert page.status_code == 200 and "A reply to my comment" in page.get_data(as_text=True)
    assert db.session.scalar(db.select(NotificationPreference)) is None
    # the mail client's one-click POST, without CSRF token
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    pref = db.session.scalar(db.select(NotificationPreference).where(NotificationPreference.user_id == reader.id))
    assert (pref.kind, pref.frequency) == ("comment_reply", "never")
    # the next reply is in the centre but not mailed
    notification = notify(reader, "comment_reply", {"proposal_title": "X", "author_id": reader.id}, "/proposals/1")
    assert notification.email_state == "skipped"


def test_forged_and_expired_unsubscribe_links(app, client, make):
    user = make.user()
    token = make_token(user, ["comment_reply"])
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    for method in (client.get, client.post):
        response = method(f"/unsubscribe/{forged}")
        assert response.status_code == 400
        assert "not valid" in response.get_data(as_text=True)
    app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"] = -1
    response = client.post(f"/unsubscribe/{token}", headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(NotificationPreference.id))) == 0


def test_an_unsubscribe_link_dies_with_the_address_and_the_account(app, client, make):
    from consult.account.erasure import delete_account
    from consult.database import utcnow

    moved, gone = make.user(email="old@example.org"), make.user()
    moved_token, gone_token = make_token(moved, ["comment_reply"]), make_token(gone, ["comment_reply"])
    moved.email = "new@example.org"  # the link in mail sent to the former address no longer acts
    delete_account(gone, utcnow())
    db.session.commit()
    for token in (moved_token, gone_token):
        response = client.post(f"/unsubscribe/{token}", headers={"Accept-Language": "en"})
        assert response.status_code == 400 and "not valid" in response.text
    assert db.session.scalar(db.select(db.func.count(NotificationPreference.id))) == 0
    still = make_token(moved, ["comment_reply"])
    assert client.post(f"/unsubscribe/{still}").status_code == 200


def test_never_preference_still_in_centre_but_moderation_always_mails(app, make, smtp):
    user = make.user(email="quiet@example.org", locale="en")
    for kind in ("proposal_comment", "moderation_decision"):
        set_preference(user, kind, "never")
    proposal = make.proposal(author=user)
    events.comment_posted(make.comment(proposal))
    action = ModerationAction(territory_id=proposal.consultation.territory_id, subject_user_id=user.id,
                              target_type="proposal", target_id=proposal.id, action="hide", rule="spam")
    db.session.add(action)
    db.session.flush()
    events.moderation_decision(action)
    db.session.commit()
    deliver_pending()
    states = dict(db.session.execute(db.select(Notification.kind, Notification.email_state)
                                     .where(Notification.user_id == user.id)).all())
    assert states == {"proposal_comment": "skipped", "moderation_decision": "queued"}
    [message] = smtp.to("quiet@example.org")
    assert message["Subject"] == "[Consult] The moderators hid your proposal “Des pistes cyclables sécurisées”."
    body = text_part(message)
    assert "Rule of the charter: spam or advertising." in body
    assert "You may appeal this decision on the “Moderation decisions about me” page of your account." in body
    assert "/me/moderation" in body
    assert "List-Unsubscribe" not in message
    assert "Moderation notices are always sent by email." in text_part(message)


def test_a_refused_recipient_is_recorded_and_retried(app, make, smtp):
    user = make.user(email="later@example.org")
    notify(user, "threshold_reached", {"proposal_title": "Bancs", "threshold": 10}, "/proposals/1")
    db.session.commit()
    smtp.refuse = {"later@example.org"}
    assert deliver_pending() == (0, 1)
    mail = db.session.scalar(db.select(OutgoingMail))
    assert mail.status == "queued" and mail.attempts == 1 and "SMTPRecipientsRefused" in mail.last_error
    assert mail.next_attempt_at > utcnow()
    assert deliver_pending() == (0, 0)  # not due yet
    mail.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    smtp.refuse = set()
    assert deliver_pending() == (1, 0)
    assert mail.status == "sent" and mail.last_error is None
    assert len(smtp.to("later@example.org")) == 1
    assert deliver_pending() == (0, 0)


def test_send_mail_says_why_a_message_failed_and_exits_with_1_for_cron(app, make, smtp):
    notify(make.user(email="refused@example.org"), "threshold_reached", {"proposal_title": "Bancs", "threshold": 10},
           "/proposals/1")
    db.session.commit()
    smtp.refuse = {"refused@example.org"}
    runner = app.test_cli_runner()
    failed = runner.invoke(args=["send-mail"])
    assert failed.exit_code == 1
    assert "0 sent, 1 failed" in failed.stdout
    assert failed.stderr == "message 1: SMTPRecipientsRefused: {'refused@example.org': (550, b'No such user here')}\n"
    mail = db.session.scalar(db.select(OutgoingMail))
    mail.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    smtp.refuse = set()
    sent = runner.invoke(args=["send-mail"])
    assert sent.exit_code == 0 and sent.output == "1 sent, 0 failed, 0 forgotten (older than the retention period)\n"


def test_send_mail_forgets_the_mail_done_with_after_the_retention_period(app, make):
    """Sent or given-up mail holds names and links: kept MAIL_RETENTION_DAYS (30), then deleted;
    queued mail stays, however old."""
    now = utcnow()
    rows = {name: OutgoingMail(recipient=f"{name}@example.org", subject=name, text_body="…", status=status,
                               created_at=now - timedelta(days=age), sent_at=sent)
            for name, status, age, sent in [
                ("sent_long_ago", "sent", 45, now - timedelta(days=31)),
                ("sent_lately", "sent", 45, now - timedelta(days=29)),
                ("given_up_long_ago", "failed", 31, None),
                ("given_up_lately", "failed", 2, None),
                ("still_queued", "queued", 90, None)]}
    db.session.add_all(rows.values())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert "2 forgotten" in result.output
    assert sorted(db.session.scalars(db.select(OutgoingMail.subject))) == [
        "given_up_lately", "sent_lately", "still_queued"]
    app.config["MAIL_RETENTION_DAYS"] = 0  # kept for ever
    db.session.execute(db.update(OutgoingMail).values(created_at=now - timedelta(days=400),
                                                      sent_at=now - timedelta(days=400)))
    db.session.commit()
    assert "0 forgotten" in app.test_cli_runner().invoke(args=["send-mail"]).output


def test_gives_up_after_max_attempts(app, make, smtp):
    from consult.mail import delivery

    notify(make.user(email="refused@example.org"), "threshold_reached", {"proposal_title": "Bancs", "threshold": 10},
           "/proposals/1")
    db.session.commit()
    smtp.refuse = {"refused@example.org"}
    row = db.session.scalar(db.select(OutgoingMail))
    for _ in range(delivery.MAX_ATTEMPTS):
        row.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        deliver_pending()
    assert row.status == "failed" and row.attempts == delivery.MAX_ATTEMPTS


def test_mail_is_queued_in_the_events_transaction(app, make):
    user = make.user()
    notify(user, "threshold_reached", {"proposal_title": "Bancs", "threshold": 10}, "/proposals/1")
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(OutgoingMail.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0


def test_unconfirmed_accounts_get_no_mail_except_moderation(app, make):
    user = make.user(confirmed=False)
    assert notify(user, "proposal_comment", {}, "/proposals/1").email_state == "skipped"
    assert notify(user, "moderation_decision", {"action": "hide"}, "/proposals/1").email_state == "queued"


def test_subject_is_one_line(app, make):
    from consult.mail import queue_mail

    mail = queue_mail("a@example.org", "Hello\r\nBcc: victim@example.org", "body")
    assert "\n" not in mail.subject and "\r" not in mail.subject


def test_without_a_mail_server_the_mail_is_readable_in_the_log(app, caplog):
    from consult.mail.transport import Transport, build_message

    link = "http://127.0.0.1:5000/auth/confirm/" + "eyJpZCI6NSwidiI6MX0" * 6
    mail = OutgoingMail(recipient="new@example.org", subject="Confirmez votre adresse",
                        text_body=f"Bonjour Élodie,\n\nConfirmez votre adresse : {link}\n")
    app.config["MAIL_SERVER"] = ""
    with app.app_context(), Transport() as transport:
        transport.send(build_message(mail, "consult@example.org"))
    [record] = [r for r in caplog.records if r.name == "consult.mail"]
    text = record.getMessage()
    assert "To: new@example.org" in text and "Subject: Confirmez votre adresse" in text
    assert link in text and "Bonjour Élodie" in text  # whole, not quoted-printable


def test_a_word_longer_than_the_line_is_broken_in_the_html_mails(app, make, smtp):
    """A proposal's title written as one long word (an address, say) wraps at the edge of a
    phone's screen in the HTML mail of a notice and of a digest, as on the site: the mail's
    frame breaks such words, and holds every text of the mail."""
    title = "https://www.villeneuve-sur-lot.example.fr/participation?idee=" + "bancs" * 20
    at_once, daily = make.user(email="now@example.org"), make.user(email="daily@example.org")
    set_preference(daily, "proposal_comment", "daily")
    for user in (at_once, daily):
        notify(user, "proposal_comment", {"proposal_title": title}, "/proposals/1")
    db.session.commit()
    assert send_digests(now=utcnow() + timedelta(days=1)) == 1
    deliver_pending()
    for address in ("now@example.org", "daily@example.org"):
        [message] = smtp.to(address)
        frame = re.search(r'<div role="article"[^>]* style="([^"]*)">(.*)</div>\s*</body>', html_part(message), re.S)
        assert "overflow-wrap:anywhere" in frame[1].split(";") and title in frame[2]
