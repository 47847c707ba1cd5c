"""A relay outage is not the mail's fault: `flask send-mail` stops, says so and exits with 1 for
cron, and counts no attempt, so that no message is given up however long the outage lasts; only
a message's own refusal counts. The mail given up is put back in the queue with --retry-failed."""
import logging
import smtplib
from datetime import timedelta

from aiosmtpd.controller import Controller

from consult import mail as mail_module
from consult.database import utcnow
from consult.extensions import db
from consult.mail import delivery, queue_mail
from consult.notifications.models import OutgoingMail

from ..helpers import free_port


def queue(*recipients):
    for recipient in recipients:
        queue_mail(recipient, "Bonjour", "Bonjour")
    db.session.commit()


def rows():
    return [(m.recipient, m.status, m.attempts, m.claimed_by)
            for m in db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id))]


def test_an_outage_longer_than_the_attempts_gives_no_mail_up(app, smtp):
    working_port, down = app.config["MAIL_PORT"], free_port()  # nothing listens there
    app.config["MAIL_PORT"] = down
    queue("a@example.org", "b@example.org")
    runner = app.test_cli_runner()
    for _ in range(delivery.MAX_ATTEMPTS + 2):  # cron, every minute
        result = runner.invoke(args=["send-mail"])
        assert result.exit_code == 1
        assert result.stdout == "0 sent, 0 failed, 0 forgotten (older than the retention period)\n"
        assert result.stderr.startswith(f"The mail relay 127.0.0.1:{down} (MAIL_SERVER, MAIL_PORT) could not be "
                                        "reached or refused the connection (ConnectionRefusedError: ")
        assert result.stderr.endswith("the outage counted against no message, the queued mail waits for the next run.\n")
    assert rows() == [("a@example.org", "queued", 0, None), ("b@example.org", "queued", 0, None)]
    app.config["MAIL_PORT"] = working_port  # the relay is back: everything goes at the next run
    assert runner.invoke(args=["send-mail"]).stdout.startswith("2 sent, 0 failed")
    assert [r[1] for r in rows()] == ["sent", "sent"] and len(smtp.messages) == 2


def test_the_delivery_after_a_request_logs_an_outage_in_one_line(app, caplog):
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    queue("a@example.org")
    with caplog.at_level(logging.ERROR, logger="consult.mail"):
        mail_module._deliver_in_app(app)
    [record] = [r for r in caplog.records if r.name == "consult.mail"]
    assert record.getMessage().startswith(f"The mail relay 127.0.0.1:{port} could not be reached (")
    assert record.getMessage().endswith("the mail waits in the queue.") and record.exc_info is None
    assert rows() == [("a@example.org", "queued", 0, None)]


def test_the_delivery_after_a_request_logs_a_refused_message_without_its_address(app, smtp, caplog):
    """A relay refusing a message (a recipient, or the sender it does not accept from this site):
    without cron's report, the site's log is the only place it shows."""
    smtp.refuse = {"bob@example.org"}
    queue("alice@example.org", "bob@example.org")
    with caplog.at_level(logging.ERROR, logger="consult.mail"):
        mail_module._deliver_in_app(app)
    bob = db.session.scalar(db.select(OutgoingMail.id).where(OutgoingMail.recipient == "bob@example.org"))
    assert [r.getMessage() for r in caplog.records if r.name == "consult.mail"] == [
        f"Mail {bob} was not sent (SMTPRecipientsRefused 550): `flask send-mail` tries it again and says why."]
    assert [r[:3] for r in rows()] == [("alice@example.org", "sent", 1), ("bob@example.org", "queued", 1)]


class ClosingRelay:
    """A relay that answers every message 421 (shutting down)."""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        return "421 Service not available, closing transmission channel"


def test_a_relay_closing_at_once_counts_no_attempt(app):
    port = free_port()
    controller = Controller(ClosingRelay(), hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USERNAME="")
    try:
        queue("a@example.org", "b@example.org")
        result = app.test_cli_runner().invoke(args=["send-mail"])
    finally:
        controller.stop()
    assert result.exit_code == 1 and "421" in result.stderr
    assert rows() == [("a@example.org", "queued", 0, None), ("b@example.org", "queued", 0, None)]


def test_retry_failed_puts_the_mail_given_up_back_in_the_queue(app, smtp):
    now = utcnow()
    db.session.add_all([
        OutgoingMail(recipient="given-up@example.org", subject="Bonjour", text_body="…", status="failed",
                     attempts=delivery.MAX_ATTEMPTS, last_error="SMTPRecipientsRefused: …",
                     next_attempt_at=now - timedelta(hours=1)),
        OutgoingMail(recipient="sent@example.org", subject="Bonjour", text_body="…", status="sent", attempts=1,
                     sent_at=now),
        OutgoingMail(recipient="old@example.org", subject="Bonjour", text_body="…", status="failed",  # links expired
                     attempts=delivery.MAX_ATTEMPTS, created_at=now - timedelta(hours=73))])
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-mail", "--retry-failed"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("1 failed message(s) put back in the queue\n"
                             "1 sent, 0 failed, 0 forgotten (older than the retention period)\n")
    assert [m["To"] for m in smtp.messages] == ["given-up@example.org"]
    assert [r[:3] for r in rows()] == [("given-up@example.org", "sent", 1), ("sent@example.org", "sent", 1),
                                       ("old@example.org", "failed", delivery.MAX_ATTEMPTS)]


def test_send_mail_refuses_a_limit_below_one(app):
    for limit in ("-1", "0"):
        result = app.test_cli_runner().invoke(args=["send-mail", "--limit", limit])
        assert result.exit_code == 2 and "Invalid value for '--limit'" in result.stderr


def test_a_message_that_breaks_the_connection_does_not_hold_the_queue_up(app, smtp, monkeypatch):
    """A connection lost while sending a message on a connection just opened is that message's
    failure (counted): the others go, and it is given up after its attempts, not tried first for ever."""
    send = smtplib.SMTP.send_message

    def breaking(self, msg, *args, **kwargs):
        if msg["To"] == "poison@example.org":
            self.close()
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send(self, msg, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "send_message", breaking)
    queue("poison@example.org", "a@example.org")
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 1 and result.stdout.startswith("1 sent, 1 failed")  # cron tells someone
    assert [r[:3] for r in rows()] == [("poison@example.org", "queued", 1), ("a@example.org", "sent", 1)]
    assert [m["To"] for m in smtp.messages] == ["a@example.org"]
