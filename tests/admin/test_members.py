"""Appointing and removing territory admins and moderators by email."""
import re

import pytest

from consult.extensions import db
from consult.territories.models import Membership, Territory
from consult.territories.services import MemberError, add_member

from ..helpers import between_statements


def roles(territory):
    return sorted(db.session.execute(
        db.select(Membership.role, Membership.user_id).filter_by(territory_id=territory.id)).all())


def error_of(html, field):
    start = html.index(f'id="{field}-error"')
    return html[start:html.index("</p>", start)]


def test_platform_admin_appoints_an_admin_and_a_moderator(client, make, login, territory):
    login(make.user(platform_admin=True))
    alice = make.user(email="alice@example.org", name="Alice")
    url = "/admin/territories/villeneuve/members"
    response = client.post(url, data={"email": " Alice@Example.org ", "role": "admin"})
    assert response.status_code == 302
    bob = make.user(email="bob@example.org", name="Bob")
    response = client.post(url, data={"email": "bob@example.org", "role": "moderator"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Bob is now a moderator of Villeneuve and can review its contributions." in html
    assert roles(territory) == [("admin", alice.id), ("moderator", bob.id)]


def test_a_person_holds_one_role_in_a_territory(client, make, login, territory):
    """A moderator appointed admin becomes an admin; an admin already moderates."""
    login(make.user(platform_admin=True))
    alice = make.user(email="alice@example.org", name="Alice")
    url = "/admin/territories/villeneuve/members"
    assert client.post(url, data={"email": "alice@example.org", "role": "moderator"}).status_code == 302
    assert client.post(url, data={"email": "alice@example.org", "role": "admin"}).status_code == 302
    assert roles(territory) == [("admin", alice.id)]
    response = client.post(url, data={"email": "alice@example.org", "role": "moderator"})
    assert response.status_code == 422
    assert "Alice is an admin of this territory, which includes moderating it." in error_of(response.text, "email")
    assert roles(territory) == [("admin", alice.id)]


@pytest.mark.parametrize("after", range(1, 6))
def test_two_roles_given_at_once_leave_the_person_one(app, make, territory, is_postgres, after):
    """A platform admin appoints Alice admin while the territory's admin appoints her moderator,
    their requests side by side (PostgreSQL; SQLite runs one write request at a time): whichever
    statement of the first the second comes after, Alice holds one role, not two rows in the team."""
    if not is_postgres:
        pytest.skip("SQLite runs one write request at a time: the requests cannot overlap")
    alice = make.user(email="alice@example.org", name="Alice")
    statements = []

    def as_moderator():
        statements.append(1)
        if len(statements) == after:
            try:
                add_member(db.session.get(Territory, territory.id), "alice@example.org", "moderator")
            except MemberError:  # she is an admin already, which includes moderating
                pass

    with app.test_request_context("/", method="POST"), between_statements(app, as_moderator, times=after):
        add_member(territory, "alice@example.org", "admin")
        db.session.commit()
    db.session.expire_all()
    assert roles(territory) == [("admin", alice.id)]


def test_the_team_page_shows_whose_roles_a_block_suspends(client, make, login, territory):
    """A blocked admin runs nothing until the block ends: the team page says so, next to them."""
    login(make.user(platform_admin=True))
    make.member(make.user(name="Boris", blocked_for_good=True), territory, "admin")
    make.member(make.user(name="Mona"), territory, "moderator")
    html = client.get("/admin/territories/villeneuve/members").text
    boris, mona = html.index("<td>Boris"), html.index("<td>Mona")
    assert "Suspended for good" in html[boris:mona] and "Suspended" not in html[mona:]


def test_an_unconfirmed_or_blocked_account_is_given_no_role(client, make, login, territory):
    login(make.user(platform_admin=True))
    make.user(email="new@example.org", name="Nina", confirmed=False)
    make.user(email="blocked@example.org", name="Boris", blocked_for_good=True)
    url = "/admin/territories/villeneuve/members"
    for email, error in (("new@example.org", "Nina has not confirmed their email address yet"),
                         ("blocked@example.org", "Boris is blocked: no role can be given to them")):
        response = client.post(url, data={"email": email, "role": "moderator"})
        assert response.status_code == 422 and error in error_of(response.text, "email")
    response = client.post("/admin/platform-admins", data={"email": "blocked@example.org"})
    assert response.status_code == 422 and "Boris is blocked" in response.text
    assert roles(territory) == []


def test_invalid_email_is_refused(client, make, login, territory):
    login(make.user(platform_admin=True))
    response = client.post("/admin/territories/villeneuve/members", data={"email": "not-an-email", "role": "admin"})
    assert response.status_code == 422
    assert 'id="email-error"' in response.get_data(as_text=True)


def test_duplicate_role_is_a_clear_message(client, make, login, territory):
    login(make.user(platform_admin=True))
    bob = make.member(make.user(name="Bob"), territory, "moderator")
    response = client.post("/admin/territories/villeneuve/members",
                           data={"email": bob.email, "role": "moderator"})
    assert response.status_code == 422
    assert "Bob already has this role in this territory." in error_of(response.get_data(as_text=True), "email")
    assert roles(territory) == [("moderator", bob.id)]


def test_remove_a_role(client, make, login, territory):
    login(make.user(platform_admin=True))
    bob = make.member(make.user(name="Bob"), territory, "admin")
    membership_id = db.session.scalar(db.select(Membership.id).filter_by(user_id=bob.id))
    response = client.post(f"/admin/territories/villeneuve/members/{membership_id}/remove",
                           follow_redirects=True)
    assert "Bob is no longer an admin of Villeneuve." in response.get_data(as_text=True)
    assert roles(territory) == []


def test_removing_a_role_is_asked_twice_and_the_last_admin_is_warned(client, make, login, territory):
    login(make.user(platform_admin=True))
    make.member(make.user(name="Bob"), territory, "admin")
    make.member(make.user(name="Carol"), territory, "moderator")
    html = client.get("/admin/territories/villeneuve/members").text
    boxes = re.findall(r'<details class="confirm">(.*?)</details>', html, re.S)
    assert len(boxes) == 2 and all("Remove the role for good" in box for box in boxes)
    warning = "This is the only admin of the territory: after this, only a platform admin can appoint another."
    assert [warning in box for box in boxes] == [True, False]  # admins first
    make.member(make.user(name="Dan"), territory, "admin")
    assert warning not in client.get("/admin/territories/villeneuve/members").text


def test_territory_admin_appoints_moderators_only(client, make, login, territory):
    mayor = login(make.member(make.user(), territory, "admin"))
    carol = make.user(name="Carol")
    url = "/admin/territories/villeneuve/members"
    html = client.get(url).get_data(as_text=True)
    assert 'value="moderator"' in html and 'value="admin"' not in html
    assert client.post(url, data={"email": carol.email, "role": "admin"}).status_code == 422
    assert client.post(url, data={"email": carol.email, "role": "moderator"}).status_code == 302
    assert roles(territory) == sorted([("admin", mayor.id), ("moderator", carol.id)])


def test_territory_admin_cannot_remove_an_admin_but_removes_a_moderator(client, make, login, territory):
    login(make.member(make.user(), territory, "admin"))
    other_admin = make.member(make.user(), territory, "admin")
    moderator = make.member(make.user(), territory, "moderator")
    ids = {uid: mid for mid, uid in db.session.execute(
        db.select(Membership.id, Membership.user_id).filter_by(territory_id=territory.id))}
    base = "/admin/territories/villeneuve/members"
    assert client.post(f"{base}/{ids[other_admin.id]}/remove").status_code == 403
    assert client.post(f"{base}/{ids[moderator.id]}/remove").status_code == 302
    assert len(roles(territory)) == 2


def test_membership_of_another_territory_is_404(client, make, login, territory):
    login(make.user(platform_admin=True))
    elsewhere = make.territory()
    someone = make.member(make.user(), elsewhere, "moderator")
    membership_id = db.session.scalar(db.select(Membership.id).filter_by(user_id=someone.id))
    assert client.post(f"/admin/territories/villeneuve/members/{membership_id}/remove").status_code == 404
    assert client.post("/admin/territories/villeneuve/members/9999/remove").status_code == 404


def test_remove_needs_the_csrf_token(app, client, make, login, territory):
    login(make.user(platform_admin=True))
    bob = make.member(make.user(), territory, "moderator")
    membership_id = db.session.scalar(db.select(Membership.id).filter_by(user_id=bob.id))
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/admin/territories/villeneuve/members/{membership_id}/remove").status_code == 400
    assert len(roles(territory)) == 1


def test_admin_index_lists_territories_for_platform_and_own_for_territory_admin(client, make, login, territory):
    make.territory(name="Autreville")
    make.member(make.user(), territory, "moderator")
    login(make.user(platform_admin=True))
    html = client.get("/admin/").get_data(as_text=True)
    assert "Villeneuve" in html and "Autreville" in html
    assert "0 admins, 1 moderator" in html
    assert 'href="/admin/pages/terms"' in html and 'href="/admin/pages/charter"' in html


def test_territory_admin_sees_only_their_territories(client, make, login, territory):
    make.territory(name="Autreville")
    login(make.member(make.user(), territory, "admin"))
    html = client.get("/admin/").get_data(as_text=True)
    assert "Villeneuve" in html and "Autreville" not in html
    assert 'href="/admin/territories/villeneuve/consultations"' in html
    assert 'href="/admin/territories/villeneuve/members"' in html
    assert "/admin/territories/new" not in html


def test_the_person_appointed_is_told_where_their_work_is(client, make, login, territory):
    from consult.notifications.models import Notification, OutgoingMail

    chief = login(make.user(platform_admin=True, email="chief@example.org"))
    bob = make.user(email="bob@example.org", name="Bob", locale="en")
    url = "/admin/territories/villeneuve/members"
    assert client.post(url, data={"email": "bob@example.org", "role": "moderator"}).status_code == 302
    assert client.post(url, data={"email": "chief@example.org", "role": "admin"}).status_code == 302
    assert client.post(url, data={"email": "bob@example.org", "role": "admin"}).status_code == 302
    notices = db.session.scalars(db.select(Notification).where(Notification.kind == "team_appointed")
                                 .order_by(Notification.id)).all()
    assert [(n.user_id, n.url) for n in notices] == [(bob.id, f"/moderation/?territory={territory.id}"),
                                                     (bob.id, "/admin/")]
    moderator, admin = db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id)).all()
    assert (moderator.recipient, admin.recipient) == ("bob@example.org", "bob@example.org")
    assert "You are now a moderator of Villeneuve: you can review its contributions." in moderator.text_body
    assert ("You are now an admin of Villeneuve: you can run its consultations and review its contributions."
            in admin.text_body)
    assert chief.id not in {n.user_id for n in notices}  # appointing oneself tells nobody
    login(bob)
    assert "You are now a moderator of Villeneuve" in client.get("/me/notifications").get_data(as_text=True)
