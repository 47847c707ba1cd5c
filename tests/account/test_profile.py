import re
from datetime import datetime

from consult.extensions import db
from consult.territories.models import ResidentVerification

from ..factories import PASSWORD

NEW = "a brand new passphrase"


def test_profile_needs_a_signed_in_person(client):
    response = client.get("/me")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_profile_shows_the_account_and_links_to_my_space(client, make, login):
    login(make.user(email="alice@example.org", name="Alice"))
    page = client.get("/me").get_data(as_text=True)
    assert page.count("<h1>") == 1
    assert "alice@example.org" in page and 'value="Alice"' in page
    for link in ('href="/me/activity"', 'href="/me/notifications"', 'href="/me/moderation"'):
        assert link in page
    assert "Please confirm your email address" not in page


def test_profile_says_which_territories_verified_me_as_a_resident(client, make, login):
    user = login(make.user())
    assert "Verified resident of" not in client.get("/me").get_data(as_text=True)
    for name, day in (("Villeneuve-sur-Lot", 12), ("Agen", 1)):
        db.session.add(ResidentVerification(territory_id=make.territory(name=name).id, user_id=user.id,
                                            created_at=datetime(2026, 3, day, 10, 0)))
    make.territory(name="Bordeaux")
    db.session.commit()
    page = client.get("/me").get_data(as_text=True)
    assert re.search(r"Verified resident of:\s+Agen \(since March 1, 2026\), "
                     r"Villeneuve-sur-Lot \(since March 12, 2026\)</p>", page)
    assert "Bordeaux" not in page
    french = client.get("/me", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Agen" in french and "1er mars 2026" in french and "12 mars 2026" in french
    exported = client.get("/me/data.json").get_json()["verified_resident_of"]
    assert [v["since"] for v in exported] == ["2026-03-12T10:00:00Z", "2026-03-01T10:00:00Z"]


def test_changing_the_display_name(client, make, login):
    user = login(make.user(name="Alice"))
    response = client.post("/me", data={"display_name": "Alice M.", "locale": "en"})
    assert response.status_code == 302
    assert user.display_name == "Alice M."
    assert "Your profile is saved." in client.get("/me").get_data(as_text=True)


def test_bad_profile_input_is_refused_and_nothing_saved(client, make, login):
    user = login(make.user(name="Alice"))
    response = client.post("/me", data={"display_name": "", "locale": "de"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="display_name-error">Enter the name other people will see.' in page
    assert 'id="locale-error">' in page
    assert user.display_name == "Alice" and user.locale is None


def test_language_preference_drives_the_interface(client, make, login):
    user = login(make.user(locale="fr"))
    assert '<html lang="fr">' in client.get("/me", headers={"Accept-Language": "en"}).get_data(as_text=True)
    response = client.post("/me", data={"display_name": user.display_name, "locale": "en"})
    assert response.status_code == 302
    assert user.locale == "en"
    page = client.get("/me", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert '<option lang="en" selected value="en">' in page or 'selected value="en"' in page


def test_password_change_needs_the_current_password(client, make, login):
    user = login(make.user())
    response = client.post("/me/password", data={"current_password": "not it at all",
                                                 "password": NEW, "confirm": NEW})
    assert response.status_code == 422
    assert 'id="current_password-error">This is not your current password.' in response.get_data(as_text=True)
    assert user.check_password(PASSWORD) and user.session_version == 1


def test_password_change_with_a_short_password_is_refused(client, make, login):
    user = login(make.user())
    response = client.post("/me/password", data={"current_password": PASSWORD,
                                                 "password": "short", "confirm": "short"})
    assert response.status_code == 422
    assert 'id="password-error">Your password needs at least 10 characters.' in response.get_data(as_text=True)
    assert user.check_password(PASSWORD)


def test_password_change_signs_out_the_other_sessions_only(app, client, make, login):
    user = login(make.user(email="alice@example.org"))
    other = app.test_client()
    other.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD, "remember": "y"})
    assert other.get("/me").status_code == 200

    response = client.post("/me/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert user.session_version == 2 and user.check_password(NEW)
    assert "Your password is changed." in client.get("/me").get_data(as_text=True)  # still signed in here
    assert other.get("/me").status_code == 302  # the other session and its remember cookie stop working
    other.delete_cookie("session")
    assert other.get("/me").status_code == 302


def test_a_refused_password_change_keeps_the_language_menu_on_the_page_s_language(client, make, login):
    """An account that never chose a language: the menu shows the one the pages are in, so that
    saving the name afterwards does not switch it to the first of the menu."""
    login(make.user(locale=None))
    response = client.post("/me/password", data={"current_password": "wrong", "password": "x" * 12,
                                                 "confirm": "x" * 12}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert '<option lang="en" selected value="en">English</option>' in response.text


def test_the_notice_of_a_changed_address_speaks_the_language_of_the_pages_without_a_choice(client, make, login):
    from consult.notifications.models import OutgoingMail

    login(make.user(email="alice@example.org", locale=None))
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD},
                headers={"Accept-Language": "en"})
    link = db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == "alice.new@example.org")).one()
    path = re.search(r"https?://[^/\s]+(/me/email/confirm/[^\s\"<>]+)", link.text_body).group(1)
    client.post(path, headers={"Accept-Language": "en"})
    notice = db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == "alice@example.org")).one()
    assert notice.subject == "[Consult] Your email address was changed"


def test_a_blocked_person_keeps_the_name_shown_on_their_contributions(client, make, login):
    from datetime import timedelta

    from consult.database import utcnow

    alice = login(make.user(name="Alice", locale="en"))
    alice.blocked_until = utcnow() + timedelta(days=30)
    db.session.commit()
    response = client.post("/me", data={"display_name": "Mona est une idiote", "locale": "en"})
    assert response.status_code == 403
    assert "While your account is blocked, the name shown on your contributions cannot change." in response.text
    assert client.post("/me", data={"display_name": "Alice", "locale": "fr"}).status_code == 302  # the language may
    db.session.expire_all()
    assert (alice.display_name, alice.locale) == ("Alice", "fr")
