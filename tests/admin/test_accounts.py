"""Finding an account to help its owner (platform admins): by part of its email address or of its
display name, with its state and roles; an unconfirmed one is sent its link again."""
import re

import pytest

from consult.extensions import db
from consult.notifications.models import OutgoingMail


@pytest.fixture
def admin(make, login):
    return login(make.user(platform_admin=True, name="Admin plateforme", email="root@example.org"))


def _rows(client, q):
    html = client.get("/admin/accounts", query_string={"q": q}).text
    return re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", html), html


def test_accounts_are_found_by_part_of_their_address_or_name(client, admin, make):
    territory = make.territory(name="Villeneuve")
    alice = make.member(make.user(name="Alice Martin", email="alice.martin@example.org"), territory, "admin")
    make.user(name="Bob Durand", email="bob@mairie.example", confirmed=False)
    gone = make.user(name="Alice Partie", email="alice.partie@example.org")
    gone.deleted_at = gone.created_at
    db.session.commit()
    found, html = _rows(client, "ALICE")
    assert found == [("Alice Martin", "alice.martin@example.org")]  # a deleted account is nobody any more
    assert "Admin of Villeneuve" in html and "Confirmed" in html
    found, html = _rows(client, "durand")
    assert found == [("Bob Durand", "bob@mairie.example")]
    assert "Address not confirmed yet" in html and "Send the confirmation link again" in html
    assert _rows(client, "%_")[0] == [] and "No account matches “%_”." in _rows(client, "%_")[1]  # no wildcard
    assert "Type at least 2 characters." in _rows(client, "a")[1]
    assert alice.id


def test_a_name_is_found_whatever_its_accents_and_case(client, admin, make):
    elodie = make.user(name="Élodie LEFÈVRE", email="e.l@example.org")
    for text in ("Élodie", "LEFÈVRE", "élodie", "elodie", "Lefevre", "odie lef"):
        assert _rows(client, text)[0] == [("Élodie LEFÈVRE", "e.l@example.org")], text
    elodie.display_name = "Zoé Œillet"  # a new name is found, the former one no longer
    db.session.commit()
    assert _rows(client, "zoe oeil")[0] == [("Zoé Œillet", "e.l@example.org")]
    assert _rows(client, "elodie")[0] == []


def test_an_unconfirmed_account_is_sent_its_link_again(client, admin, make):
    bob = make.user(name="Bob Durand", email="bob@example.org", confirmed=False)
    response = client.post(f"/admin/accounts/{bob.id}/confirmation", data={"q": "bob"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/accounts?q=bob")
    assert "A new confirmation link is sent to bob@example.org." in client.get(response.headers["Location"]).text
    [mail] = db.session.scalars(db.select(OutgoingMail)).all()
    assert mail.recipient == "bob@example.org" and "/auth/confirm/" in mail.text_body


def test_a_confirmed_account_is_sent_nothing(client, admin, make):
    alice = make.user(email="alice@example.org")
    response = client.post(f"/admin/accounts/{alice.id}/confirmation")
    assert "The address alice@example.org is already confirmed." in client.get(response.headers["Location"]).text
    assert db.session.scalar(db.select(db.func.count(OutgoingMail.id))) == 0
