"""The notification centre, the unread badge and preferences."""
import re

from consult.extensions import db
from consult.notifications.models import Notification, NotificationPreference
from consult.notifications.services import notify

from ..helpers import current_page, pagination_links


def note(user, title="Bancs", author=None):
    payload = {"proposal_title": title, "author_id": author.id if author else None}
    return notify(user, "proposal_comment", payload, "/proposals/7")


def test_centre_lists_in_viewer_language_with_badge(app, client, make, login):
    user = login(make.user(locale="en"))
    alex = make.user(name="Alex")
    note(user, author=alex)
    note(user, "Arbres", author=alex)
    db.session.commit()
    html = client.get("/me/notifications").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Alex commented on your proposal “Arbres”" in html
    assert "2 unread notifications" in html
    assert 'class="badge-count">2<' in html
    menu = re.search(r'<a href="([^"]+)" class="unread-link">(.*?)</a>', html)
    assert menu.group(1) == "/me/notifications" and "unread notifications" in menu.group(2)
    note(user, "Bancs", author=alex)
    for n in db.session.scalars(db.select(Notification)).all()[:2]:
        n.read_at = n.created_at
    db.session.commit()
    assert ">1</span><span class=\"visually-hidden\"> unread notification</span>" in client.get("/me/notifications").text


def test_centre_requires_sign_in(app, client):
    response = client.get("/me/notifications")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_mark_read_and_open(app, client, make, login):
    user = login(make.user())
    first, second = note(user), note(user)
    db.session.commit()
    response = client.post(f"/me/notifications/{first.id}/read")
    assert response.status_code == 302
    assert first.read_at is not None and second.read_at is None
    response = client.post(f"/me/notifications/{second.id}/open")
    assert response.status_code == 302 and response.headers["Location"].endswith("/proposals/7")
    assert second.read_at is not None
    html = client.get("/me/notifications").get_data(as_text=True)
    assert "badge-count" not in html and "No unread notification." in html


def test_mark_all_read(app, client, make, login):
    user = login(make.user())
    other = make.user()
    for _ in range(3):
        note(user)
    theirs = note(other)
    db.session.commit()
    client.post("/me/notifications/read-all")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) == 0
    assert db.session.get(Notification, theirs.id).read_at is None


def test_someone_elses_notification_is_404(app, client, make, login):
    other = make.user()
    theirs = note(other)
    db.session.commit()
    login(make.user())
    assert client.post(f"/me/notifications/{theirs.id}/read").status_code == 404
    assert client.post(f"/me/notifications/{theirs.id}/open").status_code == 404
    assert client.post("/me/notifications/999999/read").status_code == 404
    db.session.expire_all()
    assert db.session.get(Notification, theirs.id).read_at is None


def test_pagination_bounded(app, client, make, login):
    user = login(make.user())
    for i in range(25):
        note(user, f"Titre {i}")
    db.session.commit()
    first = client.get("/me/notifications").get_data(as_text=True)
    assert first.count('<p class="notification-text') == 20
    nav = pagination_links(first, "Pages of notifications")
    assert current_page(1) in nav
    assert '<a href="/me/notifications?page=2" rel="next">' in nav and 'rel="prev"' not in nav
    second = client.get("/me/notifications?page=2").get_data(as_text=True)
    assert second.count('<p class="notification-text') == 5
    nav = pagination_links(second, "Pages of notifications")
    assert '<a href="/me/notifications?page=1" rel="prev">' in nav and 'rel="next"' not in nav


def test_preferences_saved_and_invalid_rejected(app, client, make, login):
    user = login(make.user())
    page = client.get("/me/notifications/preferences")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="moderation_decision"' not in html and "Always sent" in html
    response = client.post("/me/notifications/preferences",
                           data={"proposal_comment": "weekly", "comment_reply": "never"})
    assert response.status_code == 302
    saved = dict(db.session.execute(db.select(NotificationPreference.kind, NotificationPreference.frequency)
                                    .where(NotificationPreference.user_id == user.id)).all())
    assert saved["proposal_comment"] == "weekly" and saved["comment_reply"] == "never"
    assert saved["phase_opened"] == "immediately"
    response = client.post("/me/notifications/preferences", data={"proposal_comment": "hourly"})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.scalar(db.select(NotificationPreference.frequency).where(
        NotificationPreference.user_id == user.id, NotificationPreference.kind == "proposal_comment")) == "weekly"
    assert note(user).email_state == "pending"
