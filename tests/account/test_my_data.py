"""A person's own data: downloading it, and deleting the account (RGPD)."""
import json
import re
from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from consult import permissions
from consult.auth.models import ApiToken, SignIn, User
from consult.auth.services import create_user
from consult.consultations import models as consultations
from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import Report
from consult.notifications.models import Follow, Notification, OutgoingMail
from consult.notifications.services import notify
from consult.proposals import models as proposals
from consult.territories.models import Membership
from consult.votes.models import Vote

from ..factories import PASSWORD


@pytest.fixture
def alice(make):
    """A resident who took part: a proposal, a comment, a vote, a report, a follow, a role,
    an API token, a notification and a mail waiting to be sent."""
    alice = make.user(email="alice@example.org", name="Alice Martin", last_locale="en")
    consultation = make.consultation(phase="vote")
    mine = make.proposal(consultation, alice, title="Un verger partagé")
    theirs = make.proposal(consultation, make.user(name="Bob"), title="Des bancs sur la place", votes_for=1)
    make.comment(theirs, alice, body="Bonne idée pour les anciens.")
    make.member(alice, consultation.territory, "moderator")
    db.session.add_all([
        Vote(user_id=alice.id, proposal_id=theirs.id, consultation_id=consultation.id, value=1),
        Report(territory_id=consultation.territory_id, reporter_id=alice.id, target_type="proposal",
               target_id=theirs.id, reason="off_topic", details="Pas le bon quartier"),
        Follow(user_id=alice.id, target_type="proposal", target_id=theirs.id),
        ApiToken(user_id=alice.id, name="Mon script", token_hash="f" * 64, scope="read"),
        Notification(user_id=alice.id, kind="proposal_comment", payload={}, url="/"),
        OutgoingMail(recipient="alice@example.org", subject="Bonjour", text_body="…"),
    ])
    db.session.commit()
    alice.proposal, alice.voted_on = mine, theirs
    return alice


def test_my_data_and_deleting_need_a_signed_in_person(client):
    for method, path in (("get", "/me/data.json"), ("get", "/me/delete"), ("post", "/me/delete")):
        response = getattr(client, method)(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], path


def test_download_holds_my_data_and_nobody_else_s(client, login, alice):
    login(alice)
    response = client.get("/me/data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="consult-my-data.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "alice@example.org" and data["account"]["display_name"] == "Alice Martin"
    assert (data["account"]["locale"], data["account"]["last_locale"]) == (None, "en")  # the pages she last read
    assert [p["title"] for p in data["proposals"]] == ["Un verger partagé"]
    assert [c["body"] for c in data["comments"]] == ["Bonne idée pour les anciens."]
    assert [(v["proposal_id"], v["proposal_title"], v["value"]) for v in data["votes"]] == [
        (alice.voted_on.id, "Des bancs sur la place", 1)]
    # dates say they are in UTC, as the API's
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["exported_at"])
    assert data["account"]["created_at"].endswith("Z")
    assert [r["details"] for r in data["reports"]] == ["Pas le bon quartier"]
    assert [(f["target_type"], f["target_id"]) for f in data["follows"]] == [("proposal", alice.voted_on.id)]
    assert [r["role"] for r in data["roles"]] == ["moderator"]
    assert data["api_tokens"] == [{"name": "Mon script", "scope": "read", "created_at": data["api_tokens"][0]["created_at"],
                                   "last_used_at": None, "revoked_at": None}]  # never the secret
    assert "Bob" not in response.get_data(as_text=True)


def test_the_download_says_the_language_i_read_the_site_in_and_the_one_i_chose(client, make):
    """Signed in from a browser that asks for English, then choosing French with the switcher."""
    make.user(email="camille@example.org")
    client.post("/auth/login", data={"email": "camille@example.org", "password": PASSWORD},
                headers={"Accept-Language": "en-US,en;q=0.9"})
    account = client.get("/me/data.json").get_json()["account"]
    assert (account["locale"], account["last_locale"]) == (None, "en")
    client.post("/language", data={"locale": "fr", "next": "/"})
    account = client.get("/me/data.json").get_json()["account"]
    assert (account["locale"], account["last_locale"]) == ("fr", "fr")


def test_the_download_names_a_proposal_voted_on_only_while_its_voter_sees_it(client, login, make):
    """As "my votes" does: a proposal of another person that moderation hid or rejected keeps
    the vote, without its title; one's own stays named."""
    camille = make.user()
    consultation = make.consultation(phase="vote")
    hidden = make.proposal(consultation, make.user(), title="Un titre que la modération cache", status="hidden")
    rejected = make.proposal(consultation, make.user(), title="Un titre refusé", status="rejected")
    own = make.proposal(consultation, camille, title="Ma proposition cachée", status="hidden")
    shown = make.proposal(consultation, make.user(), title="Des bancs sur la place")
    db.session.add_all([Vote(user_id=camille.id, proposal_id=p.id, consultation_id=consultation.id, value=1)
                        for p in (hidden, rejected, own, shown)])
    db.session.commit()
    login(camille)
    assert "Un titre que la modération cache" not in client.get("/me/activity?show=votes").get_data(as_text=True)
    response = client.get("/me/data.json")
    assert [(v["proposal_id"], v["proposal_title"]) for v in response.get_json()["votes"]] == [
        (hidden.id, None), (rejected.id, None), (own.id, "Ma proposition cachée"), (shown.id, "Des bancs sur la place")]
    assert "Un titre" not in response.get_data(as_text=True)


def test_the_download_gives_the_notices_as_the_notification_centre_shows_them(client, login, make):
    """A notice about what the person may no longer read (a proposal hidden since, the queue of a
    team they left) says only so, there and in the download: its title may be why."""
    from consult.comments.services import post_comment
    from consult.notifications.services import follow
    from consult.notifications.staff_events import awaiting_moderation
    from consult.territories.services import remove_member

    territory = make.territory()
    former = make.member(make.user(), territory, "moderator")
    pending = make.proposal(make.consultation(territory), title="Un titre en attente de modération", status="pending")
    awaiting_moderation("proposal", pending)
    hidden = make.proposal(make.consultation(territory), title="Un titre caché depuis")
    follow(former, "proposal", hidden.id)
    post_comment(hidden, make.user(), "Un commentaire sur le débat suivi.")  # "1 new comment in the debate on…"
    hidden.status = "hidden"
    db.session.commit()
    remove_member(db.session.scalar(db.select(Membership).filter_by(user_id=former.id)))
    db.session.commit()
    login(former)
    centre = client.get("/me/notifications").get_data(as_text=True)
    download = client.get("/me/data.json")
    notices = download.get_json()["notifications"]
    assert sorted(n["text"] for n in notices) == [  # both without their link, as the centre says them
        "This notice was about something that is no longer shown: hidden by moderation, or no longer public.",
        "This notice was for the team of a territory you no longer serve."]
    assert all(n["url"] is None for n in notices)
    assert "This notice was for the team of a territory you no longer serve." in centre
    for title in ("Un titre en attente de modération", "Un titre caché depuis"):
        assert title not in centre and title not in download.get_data(as_text=True)


def test_the_databases_choice_of_proposals_is_the_permissions_one(app, make):
    """permissions.proposals_seen_by, which names the proposals of the download's votes in SQL,
    says what can_view_proposal says, for every status, every consultation's and every reader."""
    territory, author = make.territory(), make.user()
    every = [make.proposal(make.consultation(territory, status=state), author, status=status)
             for state in consultations.STATUSES for status in proposals.STATUSES]
    blocked = make.member(make.user(blocked_until=utcnow() + timedelta(days=3)), territory, "moderator")
    readers = [AnonymousUserMixin(), author, make.user(), make.member(make.user(), territory, "moderator"),
               make.member(make.user(), territory, "admin"), make.member(make.user(), make.territory(), "admin"),
               make.user(platform_admin=True), blocked]
    for reader in readers:
        chosen = set(db.session.scalars(db.select(proposals.Proposal.id).join(consultations.Consultation).where(
            permissions.proposals_seen_by(reader, proposals.Proposal, consultations.Consultation))))
        assert chosen == {p.id for p in every if permissions.can_view_proposal(reader, p)}


def test_the_profile_links_to_my_data_and_to_deleting_the_account(client, login, alice):
    login(alice)
    page = client.get("/me").get_data(as_text=True)
    assert '<a href="/me/data.json" download>Download my data (JSON)</a>' in page
    assert '<a href="/me/delete">Delete my account</a>' in page


@pytest.mark.parametrize("form, error", [
    ({"current_password": "not my password", "understood": "y"}, "This is not your password."),
    ({"current_password": PASSWORD}, "Tick this box to confirm."),
    ({}, "Enter your password."),
])
def test_a_refused_deletion_says_why_and_changes_nothing(client, login, alice, form, error):
    login(alice)
    response = client.post("/me/delete", data=form)
    assert response.status_code == 422
    assert error in response.get_data(as_text=True)
    db.session.expire_all()
    assert alice.deleted_at is None and alice.email == "alice@example.org"
    assert client.get("/me").status_code == 200  # still signed in


def test_deleting_the_account_erases_the_person_and_keeps_the_debate(client, login, make, alice):
    login(alice)
    make.signed_in(alice)  # and in another browser
    assert "What deleting your account does" in client.get("/me/delete").get_data(as_text=True)
    response = client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Your account is deleted." in client.get("/").get_data(as_text=True)

    db.session.expire_all()
    gone = db.session.get(User, alice.id)
    assert gone.deleted_at is not None and gone.email == f"deleted-{alice.id}@deleted.invalid"
    assert gone.name == "" and gone.locale is None and gone.last_locale is None and not gone.check_password(PASSWORD)
    for model in (ApiToken, SignIn, Follow, Notification, Membership):
        assert db.session.scalar(db.select(db.func.count()).select_from(model).where(model.user_id == alice.id)) == 0
    assert db.session.scalar(db.select(db.func.count(OutgoingMail.id))) == 0
    # what was said in public stays, signed "Deleted account" in the reader's language
    en = client.get(f"/proposals/{alice.proposal.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    fr = client.get(f"/proposals/{alice.proposal.id}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Un verger partagé" in en and "Deleted account" in en and "Alice" not in en
    assert "Compte supprimé" in fr
    # the vote stays counted
    assert alice.voted_on.votes_for == 1 and db.session.scalar(db.select(db.func.count(Vote.id))) == 1
    # signed out everywhere, the old password opens nothing, the address is free again
    assert client.get("/me").status_code == 302
    response = client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 422
    assert create_user("alice@example.org", "Alice", "a brand new passphrase").id != alice.id
    # and nobody is told anything any more
    assert notify(alice.id, "proposal_comment", {}, "/") is None


def test_the_only_platform_admin_is_asked_to_appoint_another_first(client, login, make):
    admin = login(make.user(platform_admin=True))
    message = "You are the only platform admin"
    assert message in client.get("/me/delete").get_data(as_text=True)
    response = client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"})
    assert response.status_code == 409 and message in response.get_data(as_text=True)
    db.session.expire_all()
    assert admin.deleted_at is None
    make.user(platform_admin=True)
    assert client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"}).status_code == 302
    db.session.expire_all()
    assert admin.deleted_at is not None and not admin.is_platform_admin


def test_the_only_platform_admin_not_blocked_is_told_so(client, login, make):
    """The other platform admins are blocked: the page does not say there is none."""
    admin = login(make.user(platform_admin=True))
    make.user(platform_admin=True, blocked_for_good=True)
    response = client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "You are the only platform admin who is not blocked: appoint another platform admin" in page
    assert "You are the only platform admin:" not in page
    assert "You are the only platform admin who is not blocked" in client.get("/me/delete").get_data(as_text=True)
    db.session.expire_all()
    assert admin.deleted_at is None
