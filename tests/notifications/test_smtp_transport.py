"""How mail reaches the town's relay: one connection for a run of messages, and TLS that checks
the relay's certificate (STARTTLS on 587, or TLS from the first byte on 465), against the
relay's own authority when it has a private one."""
import email
import ssl

import pytest
import trustme
from aiosmtpd.controller import Controller

from consult.database import utcnow
from consult.extensions import db
from consult.mail import queue_mail
from consult.mail.delivery import deliver_pending
from consult.mail.transport import RelayUnavailable
from consult.notifications.models import OutgoingMail

from ..helpers import free_port


class CountingSink:
    """Keeps each message with the client's address: one (host, port) per connection."""

    def __init__(self):
        self.peers, self.messages = [], []

    async def handle_DATA(self, server, session, envelope):
        self.peers.append(session.peer)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def authority(tmp_path):
    """A private certificate authority, and the relay's certificate for 127.0.0.1."""
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    ca_file = tmp_path / "relay-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return server_context, str(ca_file)


def relay(app, implicit_tls=False, context=None, **settings):
    sink, port = CountingSink(), free_port()
    options = {"ssl_context": context} if implicit_tls else ({"tls_context": context} if context else {})
    controller = Controller(sink, hostname="127.0.0.1", port=port, **options)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USERNAME="", **settings)
    return controller, sink


def queue(n):
    for i in range(n):
        queue_mail(f"person{i}@example.org", f"Message {i}", "Bonjour")
    db.session.commit()


def states():
    return [m.status for m in db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id))]


def test_a_run_of_messages_goes_over_one_connection(app):
    controller, sink = relay(app)
    try:
        queue(5)
        assert deliver_pending() == (5, 0)
    finally:
        controller.stop()
    assert len(sink.peers) == 5 and len(set(sink.peers)) == 1
    # the headers every message needs (a relay does not always add them; spam filters count it)
    assert all(message["Date"] and message["Message-ID"] for message in sink.messages)
    assert len({message["Message-ID"] for message in sink.messages}) == 5


@pytest.mark.parametrize("implicit_tls, settings", [
    (False, {"MAIL_USE_TLS": True, "MAIL_USE_SSL": False}),  # STARTTLS, port 587
    (True, {"MAIL_USE_TLS": False, "MAIL_USE_SSL": True}),  # TLS from the first byte, port 465
])
def test_tls_trusts_the_relay_only_through_its_authority(app, authority, implicit_tls, settings):
    server_context, ca_file = authority
    controller, sink = relay(app, implicit_tls, server_context, **settings)
    try:
        queue(1)
        with pytest.raises(RelayUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
            deliver_pending()  # the system does not know this authority
        assert sink.peers == []
        assert db.session.scalar(db.select(OutgoingMail.attempts)) == 0  # not the message's fault
        app.config["MAIL_CA_FILE"] = ca_file
        db.session.execute(db.update(OutgoingMail).values(next_attempt_at=utcnow()))
        db.session.commit()
        assert deliver_pending() == (1, 0)
    finally:
        controller.stop()
    assert len(sink.peers) == 1 and states() == ["sent"]


def test_an_authority_file_gone_since_the_start_stops_the_run_without_counting_an_attempt(app, authority):
    server_context, _ca_file = authority
    controller, sink = relay(app, False, server_context, MAIL_USE_TLS=True, MAIL_USE_SSL=False)
    try:
        queue(1)
        app.config["MAIL_CA_FILE"] = "/nonexistent/ca.pem"  # checked at the start, removed since
        with pytest.raises(RelayUnavailable, match="FileNotFoundError"):
            deliver_pending()
    finally:
        controller.stop()
    assert db.session.scalar(db.select(OutgoingMail.attempts)) == 0 and states() == ["queued"]


class OneMessagePerConnection(CountingSink):
    """A relay that takes one message per connection and answers 421 (closing) to the next,
    as relays with a per-connection limit do."""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if getattr(session, "delivered", False):
            return "421 Too many messages on one connection, closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        session.delivered = True
        return await super().handle_DATA(server, session, envelope)


def test_a_relay_that_closes_the_connection_between_messages_is_reached_again(app):
    sink, port = OneMessagePerConnection(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USERNAME="")
    try:
        queue(4)
        errors = []
        assert deliver_pending(errors=errors) == (4, 0), errors
    finally:
        controller.stop()
    assert len(sink.peers) == 4 and len(set(sink.peers)) == 4 and states() == ["sent"] * 4


def test_a_refused_login_stops_the_run_and_the_messages_wait_without_an_attempt(app):
    from aiosmtpd.smtp import AuthResult

    def refuse(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    sink, port = CountingSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, authenticator=refuse, auth_require_tls=False)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USERNAME="participation",
                      MAIL_PASSWORD="wrong", MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    try:
        queue(3)
        with pytest.raises(RelayUnavailable, match="535"):
            deliver_pending()
    finally:
        controller.stop()
    rows = db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id)).all()
    assert [(m.status, m.attempts, m.claimed_by) for m in rows] == [("queued", 0, None)] * 3
    assert sink.peers == []


def test_a_failed_message_does_not_stop_the_next_ones(app, monkeypatch):
    controller, sink = relay(app)
    queue(3)
    from consult.mail import delivery

    real = delivery.build_message

    def second_fails(mail, sender):
        if mail.subject == "Message 1":
            raise ValueError("a broken message")
        return real(mail, sender)

    monkeypatch.setattr(delivery, "build_message", second_fails)
    try:
        assert deliver_pending() == (2, 1)
    finally:
        controller.stop()
    assert states() == ["sent", "queued", "sent"]
