"""What deleting an account leaves behind: no mail to any address the person had, no name in
other people's notifications; and what their data download holds of both."""
import json
import re

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.notifications.digests import send_digests
from consult.notifications.models import OutgoingMail
from consult.notifications.services import set_preference

from ..factories import PASSWORD


def recipients():
    return sorted(db.session.scalars(db.select(OutgoingMail.recipient)))


def confirm_link(address):
    mail = db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == address)).one()
    return re.search(r"https?://[^/\s]+(/me/email/confirm/[^\s\"<>]+)", mail.text_body).group(1)


@pytest.fixture
def story(client, make, login):
    """Alice made a proposal; Bob Durand commented on it (Alice was told at once, and a daily
    digest waits too), moved from bob@ to bob.home@, and asked for bob.work@ without confirming."""
    alice = make.user(email="alice@example.org", name="Alice Martin", locale="en")
    set_preference(alice, "comment_reply", "daily")
    proposal = make.proposal(make.consultation(phase="proposals"), alice, title="Un verger partagé")
    bob = login(make.user(email="bob@example.org", name="Bob Durand", locale="en"))
    first = make.comment(proposal, alice, body="Qui veut planter des pommiers ?")
    assert client.post(f"/proposals/{proposal.id}/comments", data={"body": "Moi, avec plaisir !"}).status_code == 302
    assert client.post(f"/proposals/{proposal.id}/comments",
                       data={"body": "Et des poiriers.", "parent_id": first.id}).status_code == 302
    client.post("/me/email", data={"email": "bob.home@example.org", "email_password": PASSWORD})
    assert client.post(confirm_link("bob.home@example.org")).status_code == 302
    client.post("/me/email", data={"email": "bob.work@example.org", "email_password": PASSWORD})
    db.session.expire_all()
    assert bob.email == "bob.home@example.org"
    return alice, bob


def delete_account(client):
    response = client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"})
    assert response.status_code == 302


def test_no_mail_to_any_address_the_person_had_stays(client, story):
    assert {"bob@example.org", "bob.home@example.org", "bob.work@example.org"} <= set(recipients())
    delete_account(client)
    db.session.expire_all()
    assert recipients() == ["alice@example.org"]  # the notice already sent to Alice is hers


def test_nobody_s_notifications_keep_the_deleted_person_s_name(client, login, story):
    alice, _bob = story
    delete_account(client)
    login(alice)
    page = client.get("/me/notifications").text
    assert "Bob" not in page
    assert 'Deleted account commented on your proposal “<span lang="fr">Un verger partagé</span>”.' in page
    assert 'Deleted account replied to your comment on “<span lang="fr">Un verger partagé</span>”.' in page
    alice.locale = "fr"
    db.session.commit()
    french = client.get("/me/notifications").text
    assert "Compte supprimé a commenté votre proposition" in french and "Bob" not in french
    alice.locale = "en"
    db.session.commit()
    # the digest written after the deletion does not name him either
    assert send_digests(force=True) == 1
    digest = db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id.desc())).first()
    assert digest.recipient == "alice@example.org" and "Bob" not in digest.text_body
    assert "Deleted account replied to your comment" in digest.text_body


def test_my_data_holds_my_notifications_and_the_mail_written_to_me(client, login, story):
    alice, bob = story
    data = json.loads(client.get("/me/data.json").text)
    # not the link to bob.work@, unconfirmed: that row would tell whether the address has an account
    assert sorted(m["recipient"] for m in data["mail"]) == ["bob.home@example.org", "bob@example.org"]
    assert {m["subject"] for m in data["mail"]} >= {"[Consult] Confirm your new email address",
                                                "[Consult] Your email address was changed"}
    assert "/me/email/confirm/" not in json.dumps(data)  # no link acting for the account
    assert data["notifications"] == []
    login(alice)
    data = json.loads(client.get("/me/data.json").text)
    assert [n["text"] for n in data["notifications"]] == [
        "Bob Durand commented on your proposal “Un verger partagé”.",
        "Bob Durand replied to your comment on “Un verger partagé”."]
    assert [m["recipient"] for m in data["mail"]] == ["alice@example.org"]
    assert "bob.home@example.org" not in json.dumps(data)  # other people: their public name only


def test_an_address_taken_over_by_someone_else_brings_them_none_of_its_old_mail(app, make):
    """Mail found by address is only the mail queued before it was recorded with its account."""
    from consult.account.export import personal_data
    from consult.mail import queue_mail

    alice = make.user(email="old@example.org")
    with app.test_request_context():
        queue_mail("old@example.org", "Réponse à votre commentaire sur « Un verger partagé »", "…", user=alice)
    alice.email = "alice@example.org"
    newcomer = make.user(email="old@example.org")
    db.session.commit()
    assert personal_data(newcomer, utcnow())["mail"] == []
    assert [m["subject"] for m in personal_data(alice, utcnow())["mail"]] == [
        "Réponse à votre commentaire sur « Un verger partagé »"]
