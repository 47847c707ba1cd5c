"""Inviting to a territory's team an address no account uses yet: the team page sends the
invitation, lists it and withdraws it."""
import re
from datetime import timedelta

from consult.database import utcnow
from consult.extensions import db
from consult.notifications.models import OutgoingMail
from consult.territories.models import Invitation, Membership

URL = "/admin/territories/villeneuve/members"
LINK = re.compile(r"https?://[^\s\"<>]+/auth/invitation/([^\s\"<>]+)")


def invitations():
    return db.session.execute(db.select(Invitation.email, Invitation.role).order_by(Invitation.id)).all()


def mails_to(address):
    return list(db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == address)
                                   .order_by(OutgoingMail.id)))


def test_an_address_without_an_account_is_invited_and_listed(client, make, login, territory):
    login(make.user(platform_admin=True, name="Chloé Martin"))
    response = client.post(URL, data={"email": " Nina@Example.org ", "role": "moderator"}, follow_redirects=True)
    assert ("No account uses nina@example.org yet: an invitation to become a moderator was sent to this address. "
            "The person gets the role once they have created their account.") in response.text
    assert invitations() == [("nina@example.org", "moderator")]
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == 0
    listed = response.text[response.text.index('id="invitations-title"'):response.text.index('id="appoint-title"')]
    expires = utcnow() + timedelta(days=14)
    assert "nina@example.org" in listed and "Moderator" in listed and "Chloé Martin" in listed
    assert str(expires.year) in listed and "Withdraw" in listed


def test_the_mail_says_who_invites_to_what_in_the_language_of_the_page(client, make, login, territory):
    login(make.user(platform_admin=True, name="Chloé Martin"))
    client.post(URL, data={"email": "nina@example.org", "role": "admin"}, headers={"Accept-Language": "fr"})
    client.post(URL, data={"email": "omar@example.org", "role": "moderator"})
    [french] = mails_to("nina@example.org")
    [english] = mails_to("omar@example.org")
    assert french.subject == "[Consult] Invitation à rejoindre l’équipe de Villeneuve"
    assert ("Chloé Martin vous invite à rejoindre l’équipe d’administration de Villeneuve sur Consult"
            in french.text_body)
    assert english.subject == "[Consult] Invitation to the team of Villeneuve"
    assert ("Chloé Martin invites you to become a moderator of Villeneuve on Consult: you will review its "
            "contributions.") in english.text_body
    assert "This link works for 14 days." in english.text_body
    token = LINK.search(english.text_body).group(1)
    assert LINK.search(english.html_body).group(1) == token
    stored = db.session.scalar(db.select(Invitation.token_hash).filter_by(email="omar@example.org"))
    assert token not in stored and len(stored) == 64  # its digest only


def test_inviting_again_renews_the_invitation_and_its_link(client, make, login, territory):
    login(make.user(platform_admin=True))
    client.post(URL, data={"email": "nina@example.org", "role": "moderator"})
    first = db.session.scalar(db.select(Invitation))
    first_hash = first.token_hash
    first.expires_at = utcnow() - timedelta(days=1)  # expired meanwhile
    db.session.commit()
    response = client.post(URL, data={"email": "NINA@example.org", "role": "moderator"}, follow_redirects=True)
    assert "A new invitation was sent to nina@example.org: the link sent before no longer works." in response.text
    assert invitations() == [("nina@example.org", "moderator")]
    renewed = db.session.scalar(db.select(Invitation))
    assert renewed.token_hash != first_hash and renewed.expires_at > utcnow() + timedelta(days=13)
    assert len(mails_to("nina@example.org")) == 2
    client.post(URL, data={"email": "nina@example.org", "role": "admin"})  # another role: another invitation
    assert invitations() == [("nina@example.org", "moderator"), ("nina@example.org", "admin")]


def test_an_expired_invitation_is_listed_as_such(client, make, login, territory):
    login(make.user(platform_admin=True))
    client.post(URL, data={"email": "nina@example.org", "role": "moderator"})
    db.session.scalar(db.select(Invitation)).expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert "Expired on" in client.get(URL).text


def test_withdrawing_an_invitation(client, make, login, territory):
    login(make.user(platform_admin=True))
    client.post(URL, data={"email": "nina@example.org", "role": "moderator"})
    invitation_id = db.session.scalar(db.select(Invitation.id))
    response = client.post(f"{URL[:-len('members')]}invitations/{invitation_id}/withdraw", follow_redirects=True)
    assert "The invitation sent to nina@example.org is withdrawn: its link no longer works." in response.text
    assert invitations() == [] and 'id="invitations-title"' not in response.text


def test_a_territory_admin_invites_moderators_and_withdraws_only_their_invitations(client, make, login, territory):
    chief = make.user(platform_admin=True)
    login(chief)
    client.post(URL, data={"email": "future-admin@example.org", "role": "admin"})
    login(make.member(make.user(), territory, "admin"))
    assert client.post(URL, data={"email": "nina@example.org", "role": "admin"}).status_code == 422
    assert client.post(URL, data={"email": "nina@example.org", "role": "moderator"}).status_code == 302
    ids = dict(db.session.execute(db.select(Invitation.role, Invitation.id)).all())
    page = client.get(URL).text
    assert page.count("Withdraw") == 1  # the moderator's invitation, not the admin's
    base = URL[:-len("members")]
    assert client.post(f"{base}invitations/{ids['admin']}/withdraw").status_code == 403
    assert client.post(f"{base}invitations/{ids['moderator']}/withdraw").status_code == 302
    assert invitations() == [("future-admin@example.org", "admin")]


def test_strangers_cannot_withdraw_and_another_territory_s_invitation_is_not_found(client, make, login, territory):
    login(make.user(platform_admin=True))
    elsewhere = make.territory(slug="ailleurs")
    client.post("/admin/territories/ailleurs/members", data={"email": "nina@example.org", "role": "moderator"})
    invitation_id = db.session.scalar(db.select(Invitation.id).filter_by(territory_id=elsewhere.id))
    assert client.post(f"/admin/territories/villeneuve/invitations/{invitation_id}/withdraw").status_code == 404
    login(make.user())
    assert client.post(f"/admin/territories/ailleurs/invitations/{invitation_id}/withdraw").status_code == 403
    assert invitations() == [("nina@example.org", "moderator")]


def test_withdrawing_needs_the_csrf_token(app, client, make, login, territory):
    login(make.user(platform_admin=True))
    client.post(URL, data={"email": "nina@example.org", "role": "moderator"})
    invitation_id = db.session.scalar(db.select(Invitation.id))
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/admin/territories/villeneuve/invitations/{invitation_id}/withdraw").status_code == 400
    assert len(invitations()) == 1


def test_the_team_page_in_french(client, make, login, territory):
    login(make.user(platform_admin=True))
    response = client.post(URL, data={"email": "nina@example.org", "role": "moderator"},
                           headers={"Accept-Language": "fr"}, follow_redirects=True)
    html = response.text
    assert "Aucun compte n’utilise encore nina@example.org" in html
    assert "Invitations en attente de réponse" in html and "Retirer" in html
    assert "Si la personne n’a pas encore de compte, elle reçoit par e-mail une invitation à en créer un." in html


def test_appointing_someone_who_has_an_account_now_uses_their_invitation(client, make, login, territory):
    login(make.user(platform_admin=True))
    client.post(URL, data={"email": "nina@example.org", "role": "moderator"})
    nina = make.user(email="nina@example.org", name="Nina")  # created and confirmed meanwhile
    response = client.post(URL, data={"email": "nina@example.org", "role": "moderator"}, follow_redirects=True)
    assert "Nina is now a moderator of Villeneuve" in response.text
    assert invitations() == [] and 'id="invitations-title"' not in response.text
    assert db.session.scalar(db.select(Membership.user_id)) == nina.id


def test_unconfirmed_blocked_and_bad_addresses_keep_their_answers(client, make, login, territory):
    login(make.user(platform_admin=True))
    make.user(email="new@example.org", name="Nina", confirmed=False)
    make.user(email="blocked@example.org", name="Boris", blocked_for_good=True)
    for email, error in (("new@example.org", "Nina has not confirmed their email address yet"),
                         ("blocked@example.org", "Boris is blocked"), ("not-an-email", "Please give a valid email")):
        response = client.post(URL, data={"email": email, "role": "moderator"})
        assert response.status_code == 422 and error in response.text
    assert invitations() == []


def test_inviting_again_and_again_does_not_flood_the_mailbox(limited_app_with):
    app = limited_app_with(MAIL_PER_ADDRESS_RATE_LIMIT="2 per hour", LOGIN_RATE_LIMIT="100 per minute")
    from ..factories import PASSWORD, Factory

    Factory().territory(slug="villeneuve")
    Factory().user(email="chloe@example.org", platform_admin=True)
    client = app.test_client()
    client.post("/auth/login", data={"email": "chloe@example.org", "password": PASSWORD})
    codes = [client.post(URL, data={"email": "nina@example.org", "role": "moderator"}).status_code for _ in range(3)]
    assert codes == [302, 302, 422]
    refused = client.post(URL, data={"email": "nina@example.org", "role": "admin"}, headers={"Accept-Language": "fr"})
    assert refused.status_code == 422
    assert "Plusieurs e-mails sont partis vers cette adresse dans la dernière heure" in refused.text
    assert len(mails_to("nina@example.org")) == 2 and invitations() == [("nina@example.org", "moderator")]
