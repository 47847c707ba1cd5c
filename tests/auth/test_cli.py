"""`flask create-user`: how a town's team makes its first platform admin on an empty database,
and the accounts of its staff, from a script."""
import pytest

from consult.auth.models import User
from consult.extensions import db
from consult.notifications.models import Notification, OutgoingMail
from consult.territories.models import Membership
from consult.territories.staff_log import StaffLogEntry

PASSWORD = "a-long-enough-password"


def create_user(app, *args, password=PASSWORD):
    return app.test_cli_runner().invoke(args=["create-user", *args], input=password + "\n")


def user_id(email):
    return db.session.scalar(db.select(User.id).filter_by(email=email))


def test_the_first_platform_admin_can_sign_in_at_once(app, client):
    result = create_user(app, "dsi@ville.example.org", "--name", "Service numérique", "--password-stdin",
                         "--confirmed", "--platform-admin")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Created dsi@ville.example.org (id {user_id('dsi@ville.example.org')}), platform admin.\n"
        "No mail tells them they are a platform admin (the site does not announce that role by mail either): "
        "tell them yourself.\n")
    assert db.session.scalar(db.select(db.func.count(OutgoingMail.id))) == 0
    user = db.session.scalar(db.select(User).filter_by(email="dsi@ville.example.org"))
    assert user.is_platform_admin and user.is_confirmed
    signed_in = client.post("/auth/login", data={"email": "dsi@ville.example.org", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_moderator_is_created_with_a_role_in_a_territory(app, make):
    territory = make.territory(name="Villeneuve-sur-Lot", slug="villeneuve")
    result = create_user(app, "moderation@ville.example.org", "--name", "Modération", "--password-stdin",
                         "--confirmed", "--role", "moderator", "--territory", "villeneuve")
    assert result.exit_code == 0, result.output
    # whoever runs it reads what the account may do
    assert result.output == (f"Created moderation@ville.example.org (id {user_id('moderation@ville.example.org')}), "
                             "moderator of Villeneuve-sur-Lot.\n"
                             "A mail telling moderation@ville.example.org of their role waits in the queue: "
                             "flask send-mail sends it.\n")
    membership = db.session.scalar(db.select(Membership).filter_by(territory_id=territory.id))
    assert membership.role == "moderator" and membership.user.email == "moderation@ville.example.org"


@pytest.mark.parametrize("role, told", [
    ("moderator", "Vous faites désormais partie de l’équipe de modération (Villeneuve-sur-Lot)"),
    ("admin", "Vous faites désormais partie de l’équipe d’administration (Villeneuve-sur-Lot)"),
])
def test_the_person_given_a_role_is_told_as_from_the_team_page(app, make, role, told):
    """The same notice and mail as an appointment on the territory's team page, in the platform's
    language (they never chose one), and the same line in the team's activity log."""
    territory = make.territory(name="Villeneuve-sur-Lot", slug="villeneuve")
    result = create_user(app, "equipe@ville.example.org", "--name", "Équipe", "--password-stdin",
                         "--confirmed", "--role", role, "--territory", "villeneuve")
    assert result.exit_code == 0, result.output
    person = db.session.scalar(db.select(User).filter_by(email="equipe@ville.example.org"))
    notice = db.session.scalar(db.select(Notification).filter_by(user_id=person.id, kind="team_appointed"))
    assert notice.url == ("/admin/" if role == "admin" else f"/moderation/?territory={territory.id}")
    mail = db.session.scalar(db.select(OutgoingMail).filter_by(recipient="equipe@ville.example.org"))
    assert told in mail.text_body
    assert [(entry.action, entry.role) for entry in db.session.scalars(
        db.select(StaffLogEntry).filter_by(subject_id=person.id))] == [("appointed", role)]


def test_the_mail_goes_out_at_once_where_mail_is_delivered_after_each_request(app, make):
    app.config["MAIL_DELIVER_AFTER_REQUEST"] = True
    make.territory(name="Villeneuve-sur-Lot", slug="villeneuve")
    result = create_user(app, "moderation@ville.example.org", "--name", "Modération", "--password-stdin",
                         "--confirmed", "--role", "moderator", "--territory", "villeneuve")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("A mail told moderation@ville.example.org of their role.\n")
    mail = db.session.scalar(db.select(OutgoingMail).filter_by(recipient="moderation@ville.example.org"))
    assert mail.status == "sent"


@pytest.mark.parametrize("args, password, message", [
    (["not-an-email"], PASSWORD, "'not-an-email' is not an email address"),
    (["x@example.org"], "short", "at least 10 characters"),
    (["x@example.org", "--role", "moderator"], PASSWORD, "--role and --territory go together"),
    (["x@example.org", "--confirmed", "--role", "moderator", "--territory", "nowhere"], PASSWORD,
     "No territory with the slug"),
    # as on the team page: the address of a territory's staff is confirmed
    (["x@example.org", "--role", "moderator", "--territory", "villeneuve"], PASSWORD, "--role needs --confirmed"),
    (["Taken@Example.org"], PASSWORD, "An account already exists"),
])
def test_a_refused_account_says_why_and_creates_nothing(app, make, args, password, message):
    make.user(email="taken@example.org")
    make.territory(slug="villeneuve")
    before = db.session.scalar(db.select(db.func.count(User.id)))
    result = create_user(app, *args, "--name", "Quelqu'un", "--password-stdin", password=password)
    assert result.exit_code == 2
    assert message in result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == before


def test_in_a_terminal_the_password_is_asked_for_twice_and_never_shown(app, monkeypatch):
    from consult.auth import cli

    monkeypatch.setattr(cli, "_typed", lambda: True)
    result = app.test_cli_runner().invoke(args=["create-user", "x@example.org", "--name", "X Y", "--password-stdin"],
                                          input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Password: \nRepeat for confirmation: \n" in result.stderr and PASSWORD not in result.output
    assert db.session.scalar(db.select(User)).check_password(PASSWORD)


def test_the_password_is_never_an_argument(app):
    result = app.test_cli_runner().invoke(args=["create-user", "x@example.org", "--name", "X"])
    assert result.exit_code == 2 and "--password-stdin" in result.output


@pytest.mark.parametrize("name, given", [("", 0), ("   ", 0), ("A", 1), ("x" * 81, 81)])
def test_a_name_the_sign_up_form_would_refuse_is_refused(app, name, given):
    """2 to 80 characters once trimmed, as on the sign-up form (a longer one does not fit the column)."""
    result = create_user(app, "x@example.org", "--name", name, "--password-stdin")
    assert result.exit_code == 2
    assert f"Error: The name must have 2 to 80 characters ({given} given).\n" in result.stderr
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_the_name_is_trimmed(app):
    assert create_user(app, "x@example.org", "--name", "  Service numérique ", "--password-stdin").exit_code == 0
    assert db.session.scalar(db.select(User.display_name)) == "Service numérique"


def test_a_platform_admin_is_created_confirmed_or_not_at_all(app):
    """As `flask platform-admin` requires: a platform admin's address is confirmed."""
    result = create_user(app, "dsi@ville.example.org", "--name", "DSI", "--password-stdin", "--platform-admin")
    assert result.exit_code == 2
    assert ("Error: --platform-admin needs --confirmed: a platform admin's address must be confirmed.\n"
            in result.stderr)
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
