"""Platform admins appoint one another by email and give the role up, never leaving the
platform without one; on the site and from the command line."""
import pytest

from consult.auth.models import User
from consult.auth import platform_admins
from consult.extensions import db

from ..factories import PASSWORD


@pytest.fixture
def admin(make, login):
    user = make.user(name="Camille Dsi", email="dsi@example.org", platform_admin=True)
    login(user)
    return user


def is_platform_admin(email):
    return db.session.scalar(db.select(User.is_platform_admin).where(User.email == email))


def test_a_platform_admin_appoints_another_by_email(client, admin, make):
    make.user(name="Dominique Numérique", email="numerique@example.org")
    page = client.get("/admin/platform-admins", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Camille Dsi" in page and "Seule personne à administrer la plateforme" in page
    response = client.post("/admin/platform-admins", data={"email": " Numerique@Example.org "},
                           headers={"Accept-Language": "fr"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Dominique Numérique administre désormais la plateforme" in html
    assert is_platform_admin("numerique@example.org")
    assert html.count("Retirer le rôle") == 2
    overview = client.get("/admin/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "2 personnes administrent la plateforme." in overview


@pytest.mark.parametrize("email, message", [
    ("nobody@example.org", "No account uses this email address."),
    ("unconfirmed@example.org", "has not confirmed their email address yet; a platform admin must"),
    ("dsi@example.org", "Camille Dsi is already a platform admin."),
    ("not an address", "Please give a valid email address."),
])
def test_an_appointment_refused_says_why(client, admin, make, email, message):
    make.user(email="unconfirmed@example.org", confirmed=False)
    response = client.post("/admin/platform-admins", data={"email": email}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert not is_platform_admin("unconfirmed@example.org")


def test_the_only_platform_admin_cannot_give_the_role_up(client, admin):
    response = client.post(f"/admin/platform-admins/{admin.id}/remove", headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert "Camille Dsi is the only platform admin: appoint another one first" in response.get_data(as_text=True)
    assert is_platform_admin("dsi@example.org")


def test_a_platform_admin_removes_another_then_gives_the_role_up(client, admin, make):
    other = make.user(name="Dominique", email="other@example.org", platform_admin=True)
    third = make.user(name="Eden", email="third@example.org", platform_admin=True)
    removed = client.post(f"/admin/platform-admins/{other.id}/remove", follow_redirects=True,
                          headers={"Accept-Language": "en"})
    assert "Dominique is no longer a platform admin." in removed.get_data(as_text=True)
    assert not is_platform_admin("other@example.org")
    asked = client.post(f"/admin/platform-admins/{admin.id}/remove", headers={"Accept-Language": "en"})
    assert asked.status_code == 200 and "Give up the platform admin role?" in asked.get_data(as_text=True)
    assert is_platform_admin("dsi@example.org")  # asked, not done
    myself = client.post(f"/admin/platform-admins/{admin.id}/remove", data={"confirm": "yes"})
    assert myself.status_code == 302 and myself.headers["Location"] == "/"
    assert not is_platform_admin("dsi@example.org") and is_platform_admin(third.email)
    assert client.get("/admin/platform-admins").status_code == 403  # at once: the role is read per request


@pytest.mark.parametrize("confirm, status", [(None, 200), ("yes", 302)])
def test_giving_up_one_s_role_asks_who_else_holds_it_once_locked(client, admin, make, monkeypatch, confirm, status):
    """Asked whether they are sure, or done: the holders are read once, locked, by the service."""
    make.user(platform_admin=True)
    original, locks = platform_admins.others_holding_the_role, []
    monkeypatch.setattr(platform_admins, "others_holding_the_role",
                        lambda user, lock=False: locks.append(lock) or original(user, lock))
    response = client.post(f"/admin/platform-admins/{admin.id}/remove", data={"confirm": confirm} if confirm else {})
    assert response.status_code == status
    assert locks == [True]
    assert is_platform_admin(admin.email) is (confirm is None)


def test_a_blocked_platform_admin_does_not_count_as_one_who_runs_the_platform(client, admin, make):
    """A block suspends the role: the only platform admin not blocked may not leave the others, who
    could not lift their own block nor run anything; the blocked one's role may be taken back."""
    blocked = make.user(name="Dominique", platform_admin=True, blocked_for_good=True)
    page = client.get("/admin/platform-admins").text
    assert "Suspended for good" in page
    assert f"/admin/platform-admins/{admin.id}/remove" not in page
    refused = client.post(f"/admin/platform-admins/{admin.id}/remove", data={"confirm": "yes"})
    assert refused.status_code == 409
    assert "Camille Dsi is the only platform admin who is not blocked" in refused.text
    assert is_platform_admin(admin.email)
    assert client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"}).status_code == 409
    assert client.post(f"/admin/platform-admins/{blocked.id}/remove").status_code == 302
    assert not is_platform_admin(blocked.email)


def test_someone_who_is_not_a_platform_admin_is_not_found_among_them(client, admin, make):
    resident = make.user()
    assert client.post(f"/admin/platform-admins/{resident.id}/remove").status_code == 404


def test_the_only_platform_admin_who_wants_to_leave_is_shown_where_to_appoint(client, admin):
    html = client.get("/me/delete", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/admin/platform-admins">Appoint a platform admin</a>' in html


def test_the_command_line_appoints_and_removes(app, make):
    make.user(email="first@example.org", platform_admin=True)
    make.user(email="second@example.org")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["platform-admin", "second@example.org"])
    assert result.exit_code == 0 and result.output == "second@example.org is now a platform admin.\n"
    assert runner.invoke(args=["platform-admin", "first@example.org", "--remove"]).exit_code == 0
    last = runner.invoke(args=["platform-admin", "second@example.org", "--remove"])
    assert last.exit_code == 2 and "is the only platform admin" in last.output
    assert is_platform_admin("second@example.org") and not is_platform_admin("first@example.org")
    assert "is not a platform admin" in runner.invoke(args=["platform-admin", "x@example.org", "--remove"]).output


def test_platform_admins_are_listed_by_name_whatever_their_accents_and_case(client, admin, make):
    for name in ("Zoé Martin", "élise Durand", "Émile Roux"):
        make.user(name=name, platform_admin=True)
    page = client.get("/admin/platform-admins").text
    in_order = ["Camille Dsi", "élise Durand", "Émile Roux", "Zoé Martin"]
    assert sorted(in_order, key=page.index) == in_order
