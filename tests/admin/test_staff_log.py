"""The staff activity log: every appointment, change of role, removal, platform admin change and
resident verification is one entry saying who did it (or the command line), to whom, in which
territory; refused changes leave none; the territory's admins and the platform admins read it."""
import re
from datetime import datetime

import pytest

from consult.account.erasure import delete_account
from consult.auth.models import User
from consult.auth.platform_admins import appoint_platform_admin
from consult.database import utcnow
from consult.extensions import db
from consult.territories.models import FormerSlug, Membership, ResidentVerification
from consult.territories.services import add_member, remove_member
from consult.territories.staff_log import StaffLogEntry, record
from consult.territories.verification import verify_resident

from ..auth.test_cli import create_user
from ..factories import PASSWORD
from ..helpers import page_query_plans

TEAM = "/admin/territories/villeneuve/members"
LOG = "/admin/territories/villeneuve/log"


def entries():
    """(action, actor id, subject id, territory id, role, former role) of each entry, oldest first."""
    return [tuple(row) for row in db.session.execute(
        db.select(StaffLogEntry.action, StaffLogEntry.actor_id, StaffLogEntry.subject_id,
                  StaffLogEntry.territory_id, StaffLogEntry.role, StaffLogEntry.former_role)
        .order_by(StaffLogEntry.id))]


def rows_of(html):
    """The text of each body row of the page's table, cell by cell."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [[cell.split(">", 1)[1].strip() for cell in row.split("</td>")[:-1]]
            for row in body.split("<tr>")[1:]]


def test_each_change_made_on_the_pages_is_one_entry(client, make, login, territory):
    admin = login(make.user(name="Camille Dsi", platform_admin=True))
    alice = make.user(email="alice@example.org", name="Alice")
    bob = make.user(email="bob@example.org", name="Bob")
    assert client.post(TEAM, data={"email": "alice@example.org", "role": "moderator"}).status_code == 302
    assert client.post(TEAM, data={"email": "alice@example.org", "role": "admin"}).status_code == 302
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=alice.id))
    assert client.post(f"{TEAM}/{membership.id}/remove").status_code == 302
    residents = "/admin/territories/villeneuve/residents"
    assert client.post(residents, data={"email": "bob@example.org"}).status_code == 302
    verification = db.session.scalar(db.select(ResidentVerification).filter_by(user_id=bob.id))
    assert client.post(f"{residents}/{verification.id}/remove").status_code == 302
    assert client.post("/admin/platform-admins", data={"email": "bob@example.org"}).status_code == 302
    assert client.post(f"/admin/platform-admins/{bob.id}/remove").status_code == 302
    make.user(platform_admin=True)  # so that the role may be given up
    assert client.post(f"/admin/platform-admins/{admin.id}/remove", data={"confirm": "yes"}).status_code == 302
    here = territory.id
    assert entries() == [
        ("appointed", admin.id, alice.id, here, "moderator", None),
        ("role_changed", admin.id, alice.id, here, "admin", "moderator"),
        ("removed", admin.id, alice.id, here, "admin", None),
        ("verified", admin.id, bob.id, here, None, None),
        ("verification_withdrawn", admin.id, bob.id, here, None, None),
        ("platform_admin_appointed", admin.id, bob.id, None, None, None),
        ("platform_admin_removed", admin.id, bob.id, None, None, None),
        ("platform_admin_left", admin.id, admin.id, None, None, None),
    ]


def test_a_territory_admin_appointing_a_moderator_is_the_actor(client, make, login, territory, territory_admin):
    login(territory_admin)
    alice = make.user(email="alice@example.org")
    assert client.post(TEAM, data={"email": "alice@example.org", "role": "moderator"}).status_code == 302
    assert entries() == [("appointed", territory_admin.id, alice.id, territory.id, "moderator", None)]


def test_changes_made_from_the_command_line_have_no_actor(app, client, make, login, territory):
    bob = make.user(email="bob@example.org")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["platform-admin", "bob@example.org"]).exit_code == 0
    assert create_user(app, "dsi@example.org", "--name", "DSI", "--password-stdin", "--confirmed",
                       "--platform-admin").exit_code == 0
    assert create_user(app, "mod@example.org", "--name", "Modération", "--password-stdin", "--confirmed",
                       "--role", "moderator", "--territory", "villeneuve").exit_code == 0
    assert runner.invoke(args=["platform-admin", "bob@example.org", "--remove"]).exit_code == 0
    dsi, moderator = (db.session.scalar(db.select(User).filter_by(email=email))
                      for email in ("dsi@example.org", "mod@example.org"))
    assert entries() == [
        ("platform_admin_appointed", None, bob.id, None, None, None),
        ("platform_admin_appointed", None, dsi.id, None, None, None),
        ("appointed", None, moderator.id, territory.id, "moderator", None),
        ("platform_admin_removed", None, bob.id, None, None, None),
    ]
    login(dsi)
    assert rows_of(client.get(LOG, headers={"Accept-Language": "en"}).text)[0][-1] == "Command line"


def test_a_refused_change_leaves_no_entry(client, make, login, territory):
    admin = login(make.user(name="Camille Dsi", platform_admin=True))
    make.member(make.user(email="alice@example.org", name="Alice"), territory, "admin")
    make.user(email="unconfirmed@example.org", confirmed=False)
    refused = [
        (TEAM, {"email": "unconfirmed@example.org", "role": "moderator"}),  # an address not confirmed
        (TEAM, {"email": "alice@example.org", "role": "admin"}),  # the role she has
        (TEAM, {"email": "alice@example.org", "role": "moderator"}),  # an admin moderates already
        ("/admin/territories/villeneuve/residents", {"email": "unconfirmed@example.org"}),
        ("/admin/platform-admins", {"email": "unconfirmed@example.org"}),
    ]
    for url, data in refused:
        assert client.post(url, data=data).status_code == 422
    assert client.post(f"/admin/platform-admins/{admin.id}/remove", data={"confirm": "yes"}).status_code == 409
    make.user(platform_admin=True)
    assert client.post(f"/admin/platform-admins/{admin.id}/remove").status_code == 200  # asked first
    assert entries() == []


def test_the_territory_log_in_french_and_in_english(client, make, login, territory, territory_admin):
    make.user(email="bob@example.org", name="Bob Martin")
    add_member(territory, "bob@example.org", "moderator")  # from the command line
    verify_resident(territory, "bob@example.org", territory_admin, datetime(2026, 11, 29, 15, 40))
    db.session.commit()
    login(territory_admin)
    french = client.get(LOG, headers={"Accept-Language": "fr"}).text
    assert '<th scope="col">Personne concernée</th>' in french
    appointed, verified = rows_of(french)  # newest first: the verification is dated before
    assert verified[0] == "29 nov. 2026 à 16:40"  # in the platform's time zone (Paris: UTC+1)
    assert verified[3:] == ["Bob Martin", "Mairie"]
    assert appointed[2:4] == ["Modérateur ou modératrice", "Bob Martin"]
    english = client.get(LOG, headers={"Accept-Language": "en"}).text
    assert "<title>Staff activity log of Villeneuve" in english and "<caption" in english
    appointed, verified = rows_of(english)
    assert verified == ["Nov 29, 2026 at 4:40\u202fPM", "Verified as a resident", "", "Bob Martin", "Mairie"]
    assert appointed[1:] == ["Appointed", "Moderator", "Bob Martin", "Command line"]


def test_the_log_is_read_newest_first_a_page_at_a_time(client, make, login, territory, territory_admin):
    people = [make.user(name=f"Resident {n:02}") for n in range(51)]
    for person in people:
        record("verified", person, territory.id, territory_admin)
    db.session.commit()
    login(territory_admin)
    first = rows_of(client.get(LOG, headers={"Accept-Language": "en"}).text)
    assert len(first) == 50 and first[0][3] == "Resident 50"
    second = client.get(LOG + "?page=2", headers={"Accept-Language": "en"}).text
    assert [row[3] for row in rows_of(second)] == ["Resident 00"]


def test_a_territory_s_log_is_read_in_its_order_from_its_index(client, make, login, territory, territory_admin,
                                                                is_postgres):
    """Both pages of a territory's log read its entries newest first from the index of the
    territory's entries by date: not every entry of the territory sorted again for each page."""
    if is_postgres:
        pytest.skip("the plans read are SQLite's")
    for person in [make.user(name=f"Resident {n:02}") for n in range(60)]:
        record("verified", person, territory.id, territory_admin)
    db.session.commit()
    login(territory_admin)
    territory_page = page_query_plans(client, LOG + "?page=2")
    login(make.user(platform_admin=True))
    for plans in (territory_page, page_query_plans(client, "/admin/log?territory=villeneuve&page=2")):
        reading = [steps for steps in plans if any(re.match(r"(SCAN|SEARCH) staff_log_entry\b", s) for s in steps)]
        assert reading and all(any("INDEX ix_staff_log_entry_territory_created (territory_id=?)" in s for s in steps)
                               for steps in reading), reading
        assert not any("TEMP B-TREE" in s for steps in reading for s in steps), reading


def test_the_platform_log_lists_every_territory_and_the_platform_admins(client, make, login, territory,
                                                                          territory_admin):
    there = make.territory(slug="ailleurs", name="Ailleurs")
    make.user(email="alice@example.org", name="Alice")
    make.user(email="bob@example.org", name="Bob")
    add_member(territory, "alice@example.org", "moderator", actor=territory_admin)
    add_member(there, "bob@example.org", "admin")
    appoint_platform_admin("bob@example.org")
    db.session.commit()
    login(make.user(platform_admin=True))
    everything = client.get("/admin/log", headers={"Accept-Language": "en"}).text
    assert "<title>Staff activity log of the platform" in everything
    assert [row[1:5] for row in rows_of(everything)] == [
        ["The platform", "Appointed platform admin", "", "Bob"],
        ["Ailleurs", "Appointed", "Territory admin", "Bob"],
        ["Villeneuve", "Appointed", "Moderator", "Alice"],
    ]
    filtered = client.get("/admin/log?territory=villeneuve", headers={"Accept-Language": "en"}).text
    assert [row[1:5] for row in rows_of(filtered)] == [["Villeneuve", "Appointed", "Moderator", "Alice"]]
    assert client.get("/admin/log?territory=nowhere").status_code == 422
    there.slug = "la-bas"  # renamed: an old link follows it
    db.session.add(FormerSlug(slug="ailleurs", territory_id=there.id, retired_at=utcnow()))
    db.session.commit()
    response = client.get("/admin/log?territory=ailleurs")
    assert (response.status_code, response.location) == (302, "/admin/log?territory=la-bas")
    # a territory's own log: its entries only
    assert [row[3] for row in rows_of(client.get(LOG).text)] == ["Alice"]


def test_the_team_page_and_the_administration_lead_to_the_logs(client, make, login, territory, territory_admin):
    login(territory_admin)
    assert f'href="{LOG}"' in client.get(TEAM).text
    assert 'href="/admin/log"' not in client.get("/admin/").text
    login(make.user(platform_admin=True))
    assert 'href="/admin/log"' in client.get("/admin/").text


def test_an_erased_account_shows_as_deleted_in_the_log(client, make, login, territory, territory_admin):
    make.user(email="alice@example.org", name="Alice")
    membership = add_member(territory, "alice@example.org", "moderator", actor=territory_admin)
    db.session.commit()
    for person in (membership.user, territory_admin):
        delete_account(person, utcnow())
    db.session.commit()
    login(make.user(platform_admin=True))
    html = client.get(LOG, headers={"Accept-Language": "fr"}).text
    assert [row[3:] for row in rows_of(html)][-1] == ["Compte supprimé", "Compte supprimé"]  # the appointment
    assert "Alice" not in html and "Mairie" not in html


def test_the_data_download_holds_the_entries_about_the_person(client, make, login, territory, territory_admin):
    """Everything the platform holds about them (RGPD art. 15): the roles and verifications
    they no longer hold too, not who gave or took them back."""
    alice = make.user(email="alice@example.org", name="Alice")
    membership = add_member(territory, "alice@example.org", "moderator", actor=territory_admin)
    verify_resident(territory, "alice@example.org", territory_admin, utcnow())
    appoint_platform_admin("alice@example.org")
    db.session.flush()
    remove_member(membership, actor=territory_admin)
    add_member(territory, "alice@example.org", "admin")
    db.session.commit()
    login(alice)
    data = client.get("/me/data.json").get_json()
    assert [(e["action"], e["territory"], e["role"], e["former_role"]) for e in data["staff_log_about_me"]] == [
        ("appointed", "villeneuve", "moderator", None),
        ("verified", "villeneuve", None, None),
        ("platform_admin_appointed", None, None, None),
        ("removed", "villeneuve", "moderator", None),
        ("appointed", "villeneuve", "admin", None),
    ]
    assert all(e["created_at"].endswith("Z") for e in data["staff_log_about_me"])
    assert "Mairie" not in client.get("/me/data.json").text


def test_a_deleted_account_s_roles_end_in_the_log(client, make, login, territory, territory_admin):
    """Its team's log no longer says that a deleted account still moderates, nor the platform's
    that it is still a platform admin: the roles and the verification end with it, by its owner."""
    alice = make.user(email="alice@example.org", name="Alice")
    add_member(territory, "alice@example.org", "moderator", actor=territory_admin)
    verify_resident(territory, "alice@example.org", territory_admin, utcnow())
    appoint_platform_admin("alice@example.org")
    make.user(platform_admin=True)  # so that she may leave
    db.session.commit()
    login(alice)
    assert client.post("/me/delete", data={"current_password": PASSWORD, "understood": "y"}).status_code == 302
    here = territory.id
    assert entries()[3:] == [
        ("removed", alice.id, alice.id, here, "moderator", None),
        ("verification_withdrawn", alice.id, alice.id, here, None, None),
        ("platform_admin_left", alice.id, alice.id, None, None, None),
    ]
    login(territory_admin)
    rows = rows_of(client.get(LOG, headers={"Accept-Language": "en"}).text)
    assert [row[1:] for row in rows[:2]] == [
        ["Resident verification withdrawn", "", "Deleted account", "Deleted account"],
        ["Role removed", "Moderator", "Deleted account", "Deleted account"]]
