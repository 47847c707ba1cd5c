"""Staff appoint or verify someone by the address of their account: the territory team, the
verified residents and the platform admins find it the same way (core.accounts.account_by_email)."""
import pytest
from flask_babel import force_locale

from consult.auth.platform_admins import appoint_platform_admin
from consult.database import utcnow
from consult.extensions import db
from consult.territories.services import add_member
from consult.territories.verification import verify_resident


@pytest.fixture
def appointments(make):
    territory, staff = make.territory(), make.user()
    return {
        "team": lambda email: add_member(territory, email, "moderator"),
        "residents": lambda email: verify_resident(territory, email, staff, utcnow()),
        "platform admins": appoint_platform_admin,
    }


@pytest.mark.parametrize("kind", ["team", "residents", "platform admins"])
def test_no_account_and_a_deleted_account_are_refused_alike(app, make, appointments, kind):
    gone = make.user(email="gone@example.org")
    gone.deleted_at = utcnow()
    db.session.flush()
    with app.test_request_context(), force_locale("en"):
        for email in ("nobody@example.org", "gone@example.org"):
            with pytest.raises(ValueError) as refused:
                appointments[kind](email)
            assert str(refused.value).startswith("No account uses this email address.")


@pytest.mark.parametrize("kind", ["team", "residents", "platform admins"])
def test_the_account_is_found_whatever_the_case_of_the_address(app, make, appointments, kind):
    make.user(email="camille@example.org")
    with app.test_request_context():
        assert appointments[kind](" Camille@Example.org ") is not None
