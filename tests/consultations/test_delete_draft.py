"""A draft that was never published (a test, a false start) may be deleted by its territory's
admins, once confirmed; one that was published keeps its history."""
from consult.consultations.models import Category, Consultation, Phase
from consult.database import utcnow
from consult.extensions import db
from consult.notifications.models import Follow
from consult.notifications.services import follow


def _admin(make, login, territory):
    login(make.member(make.user(), territory, "admin"))


def test_an_admin_deletes_a_draft_once_confirmed(client, make, login, territory):
    draft = make.consultation(territory, status="draft", phase=None, title={"fr": "Essai", "en": "Trial"})
    make.category(draft)
    _admin(make, login, territory)
    follow(make.user().id, "consultation", draft.id, auto=False)  # no button, but the route allows it
    edit = client.get(f"/admin/consultations/{draft.id}/edit", headers={"Accept-Language": "en"}).text
    assert f'href="/admin/consultations/{draft.id}/delete">Delete this draft</a>' in edit
    page = client.get(f"/admin/consultations/{draft.id}/delete", headers={"Accept-Language": "en"}).text
    assert "<h1 id=\"confirm-heading\">Delete this draft?</h1>" in page and "Trial" in page
    assert db.session.get(Consultation, draft.id) is not None  # asking deletes nothing
    response = client.post(f"/admin/consultations/{draft.id}/delete", headers={"Accept-Language": "en"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/admin/territories/{territory.slug}/consultations")
    assert "The draft “Trial” is deleted." in client.get(response.headers["Location"],
                                                        headers={"Accept-Language": "en"}).text
    db.session.expire_all()
    assert db.session.get(Consultation, draft.id) is None
    assert db.session.scalar(db.select(db.func.count()).select_from(Phase)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Category)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Follow)) == 0  # a later one may take its id


def test_a_consultation_that_was_published_is_not_deleted(client, make, login, territory):
    published = make.consultation(territory, published_at=utcnow())
    back_to_draft = make.consultation(territory, status="draft", published_at=utcnow())
    _admin(make, login, territory)
    for consultation in (published, back_to_draft):
        edit = client.get(f"/admin/consultations/{consultation.id}/edit").text
        assert "/delete" not in edit
        for method in (client.get, client.post):
            response = method(f"/admin/consultations/{consultation.id}/delete", headers={"Accept-Language": "en"})
            assert response.status_code == 409
            assert "Only a draft that was never published can be deleted." in response.text
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Consultation)) == 2


def test_a_forged_request_deletes_nothing(app, client, make, login, territory):
    draft = make.consultation(territory, status="draft", phase=None)
    _admin(make, login, territory)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/admin/consultations/{draft.id}/delete").status_code == 400
    db.session.expire_all()
    assert db.session.get(Consultation, draft.id) is not None
