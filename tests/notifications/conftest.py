"""A real SMTP server on 127.0.0.1 that keeps every message it receives."""
import email
import email.policy
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller

from ..helpers import free_port


class Sink:
    """Keeps the messages; refuses the recipients in `refuse` (550), as a relay refuses an
    address it knows to be wrong."""

    def __init__(self):
        self.messages = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@contextmanager
def serving(app, handler):
    """Point the app at a local SMTP server answering with `handler` (a Sink)."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_USERNAME="")
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp(app):
    """Point the app at a local SMTP sink; `smtp.messages` holds what was delivered."""
    with serving(app, Sink()) as sink:
        yield sink


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()
