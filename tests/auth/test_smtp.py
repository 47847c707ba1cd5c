"""The confirmation mail goes through a real SMTP server, and its link works."""
from email import message_from_bytes, policy

from consult.auth.models import User
from consult.extensions import db
from consult.mail.delivery import deliver_pending

from .conftest import link_in, path_of


def test_confirmation_mail_through_a_real_smtp_server(app, client, smtp_sink):
    controller, sink = smtp_sink
    app.config.update(MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port)
    response = client.post("/auth/register", data={
        "email": "camille@example.org", "display_name": "Camille", "password": "un mot de passe long",
        "confirm": "un mot de passe long", "accept_terms": "y"})
    assert response.status_code == 200

    assert deliver_pending() == (1, 0)
    [envelope] = sink.messages
    assert envelope.rcpt_tos == ["camille@example.org"]
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert message["To"] == "camille@example.org"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    url = link_in(text)
    assert url in html

    assert client.post(path_of(url), data={"password": "un mot de passe long"}).status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="camille@example.org"))
    assert user.is_confirmed
