"""Fixtures for account tests: reading queued mail, a real SMTP sink."""
import re

import pytest

from consult.extensions import db
from consult.notifications.models import OutgoingMail

from ..helpers import free_port

LINK = re.compile(r"https?://[^\s\"<>]+/auth/(?:confirm|reset)/[^\s\"<>]+")


def queued_mail(recipient=None):
    query = db.select(OutgoingMail).order_by(OutgoingMail.id)
    if recipient:
        query = query.where(OutgoingMail.recipient == recipient)
    return list(db.session.scalars(query))


def link_in(text):
    match = LINK.search(text)
    assert match, f"no link in: {text!r}"
    return match.group(0)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def client(client):
    """Pages are checked in English (French is the default: see the language tests)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


class Sink:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink():
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, sink
    finally:
        controller.stop()


@pytest.fixture
def limited_app(limited_app_with):
    """An app of its own with rate limits on, 3 sign-in attempts a minute."""
    return limited_app_with(LOGIN_RATE_LIMIT="3 per minute")


@pytest.fixture
def proxied_app(limited_app_with):
    """The same, behind one reverse proxy (TRUSTED_PROXIES=1)."""
    return limited_app_with(LOGIN_RATE_LIMIT="3 per minute", TRUSTED_PROXIES=1)
