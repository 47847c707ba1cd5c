"""The link of an invitation to a territory's team: creating the account with the invited
address (or signing in with it) gives the role, to that account only; a link that no longer
works says why."""
import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from consult.auth.models import User
from consult.auth.services import confirm_user
from consult.database import utcnow
from consult.extensions import db
from consult.mail.delivery import deliver_pending
from consult.territories.models import Invitation, Membership
from consult.territories.staff_log import StaffLogEntry

from ..factories import PASSWORD
from .conftest import link_in, path_of, queued_mail

INVITATION_LINK = re.compile(r"https?://[^\s\"<>]+/auth/invitation/[^\s\"<>]+")
NEW_ACCOUNT = {"display_name": "Nina", "password": "un mot de passe long", "confirm": "un mot de passe long",
               "accept_terms": "y"}


@pytest.fixture
def invite(client, make, login):
    """invite(email, role="moderator", by=None) → the path of the invitation's link, sent by a
    platform admin (or `by`) of Villeneuve; the client is signed out afterwards."""
    territory = make.territory(slug="villeneuve", name="Villeneuve")

    def _invite(email, role="moderator", by=None):
        login(by or make.user(platform_admin=True, name="Chloé"))
        client.post("/admin/territories/villeneuve/members", data={"email": email, "role": role})
        client.post("/auth/logout")
        return path_of(INVITATION_LINK.search(queued_mail(email)[-1].text_body).group(0))
    _invite.territory = territory
    return _invite


def roles_of(user):
    return db.session.execute(db.select(Membership.role).filter_by(user_id=user.id)).scalars().all()


def test_signing_up_from_the_link_and_confirming_gives_the_role(app, client, invite, smtp_sink):
    """Through a real SMTP server, as the person reads it: the invitation's link, the account
    created with the address, the confirmation link; then the role, logged, and the queue."""
    controller, sink = smtp_sink
    app.config.update(MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port)
    invite("nina@example.org")
    deliver_pending()
    message = message_from_bytes(sink.messages[-1].content, policy=policy.default)
    link = INVITATION_LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(0)
    page = client.get(path_of(link))
    assert page.status_code == 200
    assert "Chloé invites you to become a moderator of Villeneuve on Consult" in page.text
    register = re.search(r'href="(/auth/register\?email=[^"]*)"', page.text).group(1)
    form = client.get(register).text
    assert 'value="nina@example.org"' in form
    assert client.post("/auth/register", data={**NEW_ACCOUNT, "email": "nina@example.org"}).status_code == 200
    nina = db.session.scalar(db.select(User).filter_by(email="nina@example.org"))
    assert roles_of(nina) == []  # not before the address is confirmed
    deliver_pending()
    confirmation = message_from_bytes(sink.messages[-1].content, policy=policy.default)
    confirm = path_of(link_in(confirmation.get_body(preferencelist=("plain",)).get_content()))
    response = client.post(confirm, data={"password": NEW_ACCOUNT["password"]})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/moderation/?territory={invite.territory.id}"
    queue = client.get(response.headers["Location"])
    assert queue.status_code == 200
    assert "You are now a moderator of Villeneuve: you can review its contributions." in queue.text
    assert roles_of(nina) == ["moderator"]
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0
    chloe = db.session.scalar(db.select(User).filter_by(display_name="Chloé"))
    entry = db.session.scalar(db.select(StaffLogEntry).filter_by(subject_id=nina.id))
    assert (entry.action, entry.role, entry.actor_id, entry.territory_id) == (
        "appointed", "moderator", chloe.id, invite.territory.id)
    assert client.get(path_of(link)).status_code == 404  # used: the link works once


def test_the_invitation_page_in_french(client, invite):
    path = invite("nina@example.org", role="admin")
    html = client.get(path, headers={"Accept-Language": "fr"}).text
    assert '<html lang="fr"' in html
    assert "Chloé vous invite à rejoindre l’équipe d’administration de Villeneuve sur Consult" in html
    assert "Créer mon compte" in html


def test_an_account_made_meanwhile_gets_the_role_by_signing_in_through_the_link(client, make, invite):
    path = invite("nina@example.org", role="admin")
    nina = make.user(email="nina@example.org", name="Nina")
    page = client.get(path).text
    assert "An account already uses this address: sign in with it to accept the invitation." in page
    login_url = re.search(r'href="(/auth/login[^"]*)"', page).group(1).replace("&amp;", "&")
    response = client.post(login_url, data={"email": "nina@example.org", "password": PASSWORD,
                                            "next": path})
    assert response.headers["Location"] == path
    assert "Accept the invitation" in client.get(path).text
    assert roles_of(nina) == []  # opening the page gives nothing: the button does
    response = client.post(path, follow_redirects=True)
    assert "You are now an admin of Villeneuve" in response.text
    assert roles_of(nina) == ["admin"]


def test_an_unconfirmed_account_made_meanwhile_gets_the_role_by_confirming_with_a_new_password(client, make, invite):
    """Somebody may have registered the address (with a password of their own): its holder
    takes the account with a new password, whose link confirms the address, and the role."""
    path = invite("nina@example.org")
    nina = make.user(email="nina@example.org", confirmed=False)
    assert "but the address is not confirmed yet" in client.get(path).text
    client.post("/auth/reset", data={"email": "nina@example.org"})
    reset = path_of(link_in(queued_mail("nina@example.org")[-1].text_body))
    new = "une phrase de passe neuve"
    assert client.post(reset, data={"password": new, "confirm": new}).status_code == 302
    assert roles_of(nina) == ["moderator"]


def test_a_link_opened_while_signed_in_with_another_address_gives_nothing(client, make, login, invite):
    path = invite("nina@example.org")
    bob = login(make.user(email="bob@example.org", name="Bob"))
    page = client.get(path)
    assert page.status_code == 403
    assert ("You are signed in as bob@example.org: the role can only go to the account that uses "
            "nina@example.org, not to this one.") in page.text
    assert client.post(path).status_code == 403
    assert roles_of(bob) == [] and db.session.scalar(db.select(db.func.count(Invitation.id))) == 1


@pytest.mark.parametrize("token", ["not-a-token", "x" * 43])
def test_an_unknown_link_is_a_clear_404(client, token):
    page = client.get(f"/auth/invitation/{token}")
    assert page.status_code == 404
    assert "This invitation link no longer works: it was used already, withdrawn, or replaced" in page.text


def test_an_expired_link_is_410(client, invite):
    path = invite("nina@example.org")
    db.session.scalar(db.select(Invitation)).expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.get(path, headers={"Accept-Language": "fr"})
    assert page.status_code == 410
    assert "Cette invitation à rejoindre l’équipe de Villeneuve a expiré le" in page.text


def test_a_withdrawn_or_renewed_link_no_longer_works(client, make, login, invite):
    chief = make.user(platform_admin=True)
    first = invite("nina@example.org", by=chief)
    invite("nina@example.org", by=chief)  # sent again: the first link dies
    assert client.get(first).status_code == 404
    withdrawn = invite("omar@example.org", by=chief)
    login(chief)
    invitation_id = db.session.scalar(db.select(Invitation.id).filter_by(email="omar@example.org"))
    client.post(f"/admin/territories/villeneuve/invitations/{invitation_id}/withdraw")
    assert client.get(withdrawn).status_code == 404


def test_an_invitation_from_someone_who_lost_their_role_no_longer_stands(client, make, login, invite):
    """A territory admin invited a moderator, then left the team: the link no longer works, and
    signing up with the address gives no role."""
    mayor = make.member(make.user(name="Maire"), invite.territory, "admin")
    path = invite("nina@example.org", by=mayor)
    login(make.user(platform_admin=True))
    membership_id = db.session.scalar(db.select(Membership.id).filter_by(user_id=mayor.id))
    client.post(f"/admin/territories/villeneuve/members/{membership_id}/remove")
    client.post("/auth/logout")
    assert client.get(path).status_code == 404
    nina = make.user(email="nina@example.org", confirmed=False)
    with client.application.test_request_context():
        confirm_user(nina)
    assert roles_of(nina) == []


def test_confirming_gives_the_strongest_role_invited_to_and_a_block_gives_none(client, make, invite):
    chief = make.user(platform_admin=True)
    invite("nina@example.org", role="moderator", by=chief)
    invite("nina@example.org", role="admin", by=chief)
    invite("boris@example.org", by=chief)
    nina = make.user(email="nina@example.org", confirmed=False)
    boris = make.user(email="boris@example.org", confirmed=False, blocked_for_good=True)
    with client.application.test_request_context():
        confirm_user(nina)
        confirm_user(boris)
    assert roles_of(nina) == ["admin"] and roles_of(boris) == []
    assert db.session.execute(db.select(Invitation.email)).scalars().all() == ["boris@example.org"]


def test_a_blocked_account_signed_in_through_the_link_is_told_why(client, make, login, invite):
    path = invite("nina@example.org")
    nina = login(make.user(email="nina@example.org", name="Nina", blocked_until=utcnow() + timedelta(days=3)))
    response = client.post(path)
    assert response.status_code == 422
    assert "Nina is blocked: no role can be given to them while the block lasts." in response.text
    assert roles_of(nina) == []


@pytest.mark.parametrize("meanwhile", ["withdrawn", "renewed"])
def test_an_invitation_withdrawn_or_renewed_while_being_accepted_gives_no_role(client, make, invite, meanwhile):
    """The staff withdraw the invitation (or send it again) while its link's page is being
    answered: the answer, which read the invitation before, gives no role."""
    from consult.territories import invitations
    from consult.territories.services import MemberError

    path = invite("nina@example.org")
    nina = make.user(email="nina@example.org", name="Nina")
    with client.application.test_request_context():
        invitation = invitations.by_token(path.rsplit("/", 1)[1])
        change = (db.delete(Invitation) if meanwhile == "withdrawn" else
                  db.update(Invitation).values(token_hash="0" * 64))  # another request's, as the database sees it
        db.session.execute(change.execution_options(synchronize_session=False))
        with pytest.raises(MemberError, match="no longer works"):
            invitations.accept(invitation, nina)
        assert roles_of(nina) == []


def test_signed_in_before_confirming_the_address_the_page_says_to_confirm_it(client, make, login, invite):
    """Signed up from the link, then signed in before opening the confirmation mail: the page
    says to confirm the address, which gives the role, rather than offering a button that fails."""
    path = invite("nina@example.org")
    nina = login(make.user(email="nina@example.org", name="Nina", confirmed=False))
    page = client.get(path)
    assert page.status_code == 200
    assert "Accept the invitation" not in page.text
    assert "Your email address is not confirmed yet" in page.text
    assert client.post(path).status_code == 403
    assert roles_of(nina) == []


def test_an_account_moving_to_the_invited_address_gets_the_role(client, make, login, invite):
    """The link changing an account's address proves the new one, as a confirmation does."""
    invite("nina@example.org")
    nina = login(make.user(email="nina.perso@example.org", name="Nina"))
    client.post("/me/email", data={"email": "nina@example.org", "email_password": PASSWORD})
    change = re.search(r"/me/email/confirm/[^\s\"<>]+", queued_mail("nina@example.org")[-1].text_body).group(0)
    assert client.post(change).status_code == 302
    assert roles_of(nina) == ["moderator"]
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0  # used
