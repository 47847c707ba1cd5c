"""`flask send-mail` from cron, every minute, on a relay slow enough for a run to outlast
CLAIM_TIMEOUT (500 messages at more than 1.2 s each): the next run takes over the messages the
first has not reached yet, and each message still goes out once."""
import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from consult.database import utcnow
from consult.extensions import db
from consult.mail import delivery, queue_mail
from consult.mail.transport import RelayUnavailable
from consult.notifications.models import OutgoingMail

from .conftest import Sink, serving

RECIPIENTS = ["a@example.org", "b@example.org", "c@example.org", "d@example.org", "e@example.org"]


class BusyRelay(Sink):
    """A relay taking `delay` seconds over each message. While it takes the `nth` message it
    receives, `meanwhile` runs (in a thread with the app's context, as another process would);
    it then answers that message `nth_answer` when one is given, instead of accepting it."""

    def __init__(self, app, nth, meanwhile, delay=0.0, nth_answer=None):
        super().__init__()
        self.app, self.nth, self.meanwhile, self.delay, self.nth_answer = app, nth, meanwhile, delay, nth_answer
        self.received = 0
        self.meanwhile_result = None

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        busy = self.received == self.nth
        if busy:
            self.meanwhile_result = await asyncio.to_thread(self._in_app)
        await asyncio.sleep(self.delay)
        if busy and self.nth_answer:
            return self.nth_answer
        return await super().handle_DATA(server, session, envelope)

    def _in_app(self):
        with self.app.app_context():
            return self.meanwhile()


def queue(recipients):
    for recipient in recipients:
        queue_mail(recipient, "Bonjour", "Bonjour")
    db.session.commit()


def rows():
    db.session.expire_all()
    return [(m.recipient, m.status, m.claimed_by)
            for m in db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id))]


def test_a_run_outlasting_the_claim_timeout_leaves_the_rest_to_the_next_run(app, monkeypatch):
    monkeypatch.setattr(delivery, "CLAIM_TIMEOUT", timedelta(seconds=0.4))  # 10 minutes, shortened
    queue(RECIPIENTS)
    # The first run's claims are 0.5 s old when the relay gets its third message: the next run
    # starts then, and takes over the two messages the first run has not reached.
    relay = BusyRelay(app, 3, lambda: delivery.deliver_pending(), delay=0.25)
    with serving(app, relay):
        first = delivery.deliver_pending()
    assert sorted(m["To"] for m in relay.messages) == RECIPIENTS  # each received once
    assert (first, relay.meanwhile_result) == ((3, 0), (2, 0))
    assert [status for _, status, _ in rows()] == ["sent"] * 5


def test_an_outage_leaves_the_messages_another_run_took_over_to_it(app):
    queue(RECIPIENTS[:3])

    def next_run_takes_the_last():  # and is still sending it
        db.session.execute(update(OutgoingMail).where(OutgoingMail.recipient == RECIPIENTS[2])
                           .values(claimed_by="the-next-run", next_attempt_at=utcnow()))
        db.session.commit()

    relay = BusyRelay(app, 1, next_run_takes_the_last,
                      nth_answer="421 Service not available, closing transmission channel")
    with serving(app, relay):
        with pytest.raises(RelayUnavailable):
            delivery.deliver_pending()
        assert rows() == [(RECIPIENTS[0], "queued", None), (RECIPIENTS[1], "queued", None),
                          (RECIPIENTS[2], "queued", "the-next-run")]
        assert delivery.deliver_pending() == (2, 0)  # the relay is back: the next run still has the last
    assert [m["To"] for m in relay.messages] == RECIPIENTS[:2]
