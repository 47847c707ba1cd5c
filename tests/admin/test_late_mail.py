"""The platform admins see on the administration home that mail is late: the relay down, or
`flask send-mail` never set up in cron (MAIL_DELIVER_AFTER_REQUEST=false), nobody receives
their confirmation link, and nothing else on the site says so."""
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.notifications.models import OutgoingMail


def waiting(minutes, status="queued"):
    written = utcnow() - timedelta(minutes=minutes)
    db.session.add(OutgoingMail(recipient="claire@example.org", subject="Confirmez", text_body="…", status=status,
                                created_at=written, next_attempt_at=written))
    db.session.commit()


@pytest.fixture
def admin_home(client, make, login):
    login(make.user(name="Camille Dsi", email="dsi@example.org", platform_admin=True))
    return lambda: client.get("/admin/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_mail_waiting_for_more_than_a_quarter_of_an_hour_is_shown(admin_home):
    waiting(2)  # on its way
    waiting(60, status="sent")
    assert "waiting to be sent" not in admin_home()
    waiting(20)
    waiting(3 * 24 * 60)
    page = admin_home()
    assert "2 emails have been waiting to be sent for more than 15 minutes." in page
    assert "does not run the sending command (flask send-mail) every minute" in page


def test_a_territory_admin_is_not_told(client, login, territory_admin):
    login(territory_admin)
    waiting(60)
    assert "waiting to be sent" not in client.get("/admin/").get_data(as_text=True)
