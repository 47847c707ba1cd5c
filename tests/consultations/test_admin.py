"""The back office: territory admins create, edit and publish consultations."""
import io
import re

import pytest
from PIL import Image

from consult.consultations.models import Category, Consultation, Phase
from consult.extensions import db

from ..helpers import field_languages
from .conftest import form_data, local

NEW = "/admin/territories/villeneuve/consultations/new"


def count(model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_admin_creates_a_draft_with_phases_categories_and_settings(client, login, territory_admin):
    login(territory_admin)
    response = client.post(NEW, data=form_data(title_en="Redesign School square"))
    assert response.status_code == 302
    c = db.session.scalar(db.select(Consultation))
    assert response.headers["Location"].endswith(f"/admin/consultations/{c.id}/edit")
    assert c.status == "draft" and c.created_by_id == territory_admin.id
    assert c.title == {"fr": "Aménager la place de l'École", "en": "Redesign School square"}
    assert c.summary == {"fr": "Donnez votre avis sur la future place."}
    assert [p.kind for p in c.phases] == ["information", "proposals", "results"]
    assert [cat.name for cat in c.categories] == [{"fr": "Mobilité", "en": "Mobility"}, {"fr": "Espaces verts"}]
    assert sorted(c.themes) == ["mobility", "public_space"]
    assert (c.max_votes, c.support_threshold, c.vote_mode, c.comments_enabled) == (5, 10, "support", True)
    assert "ecole" in c.search_text and "redesign" in c.search_text


@pytest.mark.parametrize("dates, field, message", [
    ({"proposals_start": local(0), "proposals_end": local(20)}, "proposals_start",
     "This phase must start after the end of the “Information” phase."),
    ({"vote_start": local(-10), "vote_end": local(-5)}, "vote_start",
     "This phase must start after the end of the “Proposals” phase."),
    ({"results_start": local(60), "results_end": local(30)}, "results_end", "The end must come after the start."),
    ({"vote_start": local(25), "vote_end": ""}, "vote_end", "Give both a start and an end, or neither."),
    ({"vote_start": "tomorrow", "vote_end": local(26)}, "vote_start", "Give a date and a time, for example 2030-03-31 18:00."),
    ({"vote_start": "0001-01-01T00:00", "vote_end": local(26)}, "vote_start",
     "Give a date between the years 2000 and 2100."),
    ({"vote_start": local(25), "vote_end": "9999-12-31T23:59"}, "vote_end",
     "Give a date between the years 2000 and 2100."),
    ({"vote_start": "0001-01-01T00:00", "vote_end": "0001-01-02T00:00"}, "vote_start",
     "Give a date between the years 2000 and 2100."),
])
def test_invalid_timeline_is_refused_next_to_the_field(client, login, territory_admin, dates, field, message):
    login(territory_admin)
    response = client.post(NEW, data=form_data(**dates))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'<p class="field-error" id="{field}-error">{message}</p>' in html
    assert count(Consultation) == 0 and count(Phase) == 0


@pytest.mark.parametrize("categories, message", [
    ("| Mobility", "Each category needs a French name."),
    ("Mobilité | Mobility\nmobilité", "The category “mobilité” is listed twice."),
    ("\n".join(f"Catégorie {i}" for i in range(31)), "Give at most 30 categories."),
    ("M" * 81, "Category names have at most 80 characters."),
    ("Mobilité | Mobility | Transport", "Category names may not contain a bar “|”, a line break or a tab."),
    ("Vélo\tpiéton | Cycling", "Category names may not contain a bar “|”, a line break or a tab."),
])
def test_invalid_categories_are_refused_next_to_the_field(client, login, territory_admin, categories, message):
    login(territory_admin)
    response = client.post(NEW, data=form_data(categories=categories))
    assert response.status_code == 422
    assert f'<p class="field-error" id="categories-error">{message}</p>' in response.get_data(as_text=True)
    assert count(Consultation) == 0


def test_the_first_minutes_of_2000_in_local_time_are_in_the_years(client, login, territory_admin):
    """Midnight and a half on 1 January 2000 in Paris is 1999 in UTC: the form and the API read
    the years on the same local dates."""
    login(territory_admin)
    response = client.post(NEW, data=form_data(information_start="2000-01-01T00:30"))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Phase.starts_at).where(Phase.kind == "information")).year == 1999


def test_french_title_is_required(client, login, territory_admin):
    login(territory_admin)
    response = client.post(NEW, data=form_data(title_fr="  ", title_en="Only English"))
    assert response.status_code == 422
    assert '<p class="field-error" id="title_fr-error">The French text is required.</p>' in response.get_data(as_text=True)
    assert count(Consultation) == 0


BILINGUAL_FORMS = {"consultation": ("title", "summary", "description"), "news": ("title", "body"),
                   "documents": ("title",)}


@pytest.mark.parametrize("form", BILINGUAL_FORMS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_screen_readers_read_the_labels_in_the_page_s_language_and_the_texts_in_theirs(client, login, make,
                                                                                      territory, territory_admin,
                                                                                      form, language):
    """“Titre en anglais” is read with a French voice, what is typed under it with an English one."""
    login(territory_admin)
    consultation = make.consultation(territory)
    url = NEW if form == "consultation" else f"/admin/consultations/{consultation.id}/{form}"
    html = client.get(url, headers={"Accept-Language": language}).text
    for name in BILINGUAL_FORMS[form]:
        for text_language in ("fr", "en"):
            assert field_languages(html, f"{name}_{text_language}") == (language, text_language), name


def test_unknown_theme_and_negative_limit_are_refused(client, login, territory_admin):
    login(territory_admin)
    response = client.post(NEW, data=form_data(themes=["space_travel"], max_votes="-1"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="themes-error"' in html and 'id="max_votes-error"' in html
    assert count(Consultation) == 0


@pytest.mark.parametrize("language, said", [("fr", "Indiquez un nombre entre 0 et 100\u202f000."),
                                             ("en", "Give a number between 0 and 100,000.")])
def test_a_number_that_is_not_one_is_said_once_in_the_site_s_words(client, login, territory_admin, language, said):
    login(territory_admin)
    response = client.post(NEW, data=form_data(max_proposals_per_person="2,5"), headers={"Accept-Language": language})
    assert response.status_code == 422
    errors = re.findall(r'<p class="field-error" id="max_proposals_per_person-error">([^<]*)</p>', response.text)
    assert errors == [said]


def test_a_time_the_clocks_skip_is_refused_not_shifted(client, login, territory_admin):
    """02:30 on the night the clocks go forward does not exist in Paris: saved, it would be 03:30."""
    login(territory_admin)
    data = form_data(vote_start="2027-03-28T02:30", vote_end="2027-03-29T10:00", results_start="2027-04-01T10:00",
                     results_end="2027-05-01T10:00")
    response = client.post(NEW, data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert re.findall(r'<p class="field-error" id="vote_start-error">([^<]*)</p>', response.text) == [
        "This time does not exist in Europe/Paris: the clocks go forward that night. Choose another time."]
    assert count(Consultation) == 0
    assert client.post(NEW, data={**data, "vote_start": "2027-03-28T03:30"}).status_code == 302


def test_admin_of_another_territory_gets_403(client, login, make, territory):
    consultation = make.consultation(territory, status="draft")
    other = make.member(make.user(), make.territory(), "admin")
    login(other)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, data=form_data()).status_code == 403
    assert client.get("/admin/territories/villeneuve/consultations").status_code == 403
    assert client.get(f"/admin/consultations/{consultation.id}/edit").status_code == 403
    assert client.post(f"/admin/consultations/{consultation.id}/edit", data=form_data()).status_code == 403
    assert client.post(f"/admin/consultations/{consultation.id}/status", data={"action": "publish"}).status_code == 403
    assert db.session.get(Consultation, consultation.id).status == "draft"
    assert count(Consultation) == 1


def test_residents_and_moderators_cannot_open_the_back_office(client, login, make, territory):
    assert client.get(NEW).status_code == 302  # anonymous: to the sign-in page
    login(make.member(make.user(), territory, "moderator"))
    assert client.get(NEW).status_code == 403


def test_platform_admin_may_create_anywhere(client, login, make, territory):
    login(make.user(platform_admin=True))
    assert client.post(NEW, data=form_data()).status_code == 302
    assert count(Consultation) == 1


def test_admin_list_shows_every_status(client, login, make, territory, territory_admin):
    draft = make.consultation(territory, status="draft", title={"fr": "Brouillon du budget"})
    make.consultation(territory, status="archived", title={"fr": "Consultation close"})
    make.consultation(make.territory(), title={"fr": "Ailleurs"})
    login(territory_admin)
    html = client.get("/admin/territories/villeneuve/consultations").get_data(as_text=True)
    assert "Brouillon du budget" in html and "Consultation close" in html and "Ailleurs" not in html
    assert (f'<a href="/admin/consultations/{draft.id}/edit">Edit<span class="visually-hidden"> — Brouillon du budget'
            '</span></a>') in html
    assert f'<a href="/consultations/{draft.id}">Preview<span class="visually-hidden"> — Brouillon du budget' in html


def test_the_edit_page_names_the_consultation_in_its_heading(client, login, make, territory, territory_admin):
    """Staff with several consultations open in their tabs read which one they edit."""
    c = make.consultation(territory, status="draft", title={"fr": "Aménager la place de l'École"})
    login(territory_admin)
    french = client.get(f"/admin/consultations/{c.id}/edit", headers={"Accept-Language": "fr"}).text
    assert "<h1>Modifier la consultation «\u00a0Aménager la place de l&#39;École\u00a0»</h1>" in french
    english = client.get(f"/admin/consultations/{c.id}/edit", headers={"Accept-Language": "en"}).text
    assert ('<h1>Edit the consultation “<span lang="fr">Aménager la place de l&#39;École</span>”</h1>'
            in english)  # no English title: the French one, read as French


def test_edit_keeps_categories_and_updates_phases(client, login, make, territory, territory_admin):
    c = make.consultation(territory, status="draft")
    kept = make.category(c, fr="Mobilité", en="Mobility")
    make.category(c, fr="À supprimer", en="")
    login(territory_admin)
    page = client.get(f"/admin/consultations/{c.id}/edit").get_data(as_text=True)
    assert "Mobilité | Mobility" in page and "Budget participatif" in page
    response = client.post(f"/admin/consultations/{c.id}/edit",
                           data=form_data(categories="Mobilité | Mobility\nCulture | Culture"))
    assert response.status_code == 302
    db.session.expire_all()
    c = db.session.get(Consultation, c.id)
    assert [cat.name["fr"] for cat in c.categories] == ["Mobilité", "Culture"]
    assert c.categories[0].id == kept.id
    assert count(Category) == 2
    assert [p.kind for p in c.phases] == ["information", "proposals", "results"]
    assert count(Phase) == 3


def test_status_actions_publish_archive_and_draft(client, login, make, territory, territory_admin, monkeypatch):
    from consult.notifications import events

    published = []
    monkeypatch.setattr(events, "consultation_published", lambda c, actor=None: published.append(c.id))
    c = make.consultation(territory, status="draft")
    login(territory_admin)
    url = f"/admin/consultations/{c.id}/status"
    assert client.post(url, data={"action": "publish"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Consultation, c.id).status == "published"
    assert db.session.get(Consultation, c.id).published_at is not None
    assert published == [c.id]
    client.post(url, data={"action": "archive", "confirm": "1"})
    db.session.expire_all()
    assert db.session.get(Consultation, c.id).status == "archived"
    client.post(url, data={"action": "draft", "confirm": "1"})
    client.post(url, data={"action": "publish"})
    assert published == [c.id]  # told once, at the first publication
    client.post(url, data={"action": "delete"})
    db.session.expire_all()
    assert db.session.get(Consultation, c.id).status == "published"


def test_a_draft_is_published_before_it_is_archived(client, login, make, territory, territory_admin):
    """An archive keeps what the public read: a draft archived at once would become public
    without ever being published, and its followers never told."""
    draft = make.consultation(territory, status="draft")
    login(territory_admin)
    for data in ({"action": "archive"}, {"action": "archive", "confirm": "1"}):
        response = client.post(f"/admin/consultations/{draft.id}/status", data=data)
        assert response.status_code == 303 and response.headers["Location"].endswith(f"/{draft.id}/edit")
    assert "A draft consultation must be published before it can be archived." in client.get(
        f"/admin/consultations/{draft.id}/edit").text
    db.session.expire_all()
    assert db.session.get(Consultation, draft.id).status == "draft"
    assert client.application.test_client().get(f"/consultations/{draft.id}").status_code == 404


def test_the_api_does_not_archive_a_draft_either(client, make, territory, territory_admin, token_for):
    draft = make.consultation(territory, status="draft")
    response = client.patch(f"/api/v1/consultations/{draft.id}", json={"status": "archived"},
                            headers=token_for(territory_admin))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "status": ["A draft consultation must be published before it can be archived."]}
    assert client.patch(f"/api/v1/consultations/{draft.id}", json={"status": "published"},
                        headers=token_for(territory_admin)).get_json()["status"] == "published"


def test_publishing_notifies_territory_followers(client, login, make, territory, territory_admin):
    from consult.notifications.models import Notification
    from consult.notifications.services import follow

    follower = make.user()
    follow(follower, "territory", territory.id)
    db.session.commit()
    c = make.consultation(territory, status="draft")
    login(territory_admin)
    client.post(f"/admin/consultations/{c.id}/status", data={"action": "publish"})
    assert db.session.scalar(db.select(db.func.count(Notification.id)).filter_by(user_id=follower.id)) == 1


def _png(size=(2000, 1200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b6e4f").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def test_cover_image_is_resized_with_a_thumbnail(app, client, login, territory_admin):
    import os

    from consult.uploads import thumbnail_path

    login(territory_admin)
    response = client.post(NEW, data={**form_data(), "cover": (_png(), "cover.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    c = db.session.scalar(db.select(Consultation))
    root = app.config["UPLOAD_FOLDER"]
    with Image.open(os.path.join(root, c.cover_path)) as image:
        assert max(image.size) <= 1600
    with Image.open(os.path.join(root, thumbnail_path(c.cover_path))) as thumb:
        assert thumb.size[0] <= 480
    assert f'src="/uploads/{c.cover_path}"' in client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert f'src="/uploads/{thumbnail_path(c.cover_path)}"' in client.get(
        f"/admin/consultations/{c.id}/edit").get_data(as_text=True)
    client.post(f"/admin/consultations/{c.id}/edit", data=form_data())  # no new file: the cover stays
    db.session.expire_all()
    assert db.session.get(Consultation, c.id).cover_path is not None
    path = c.cover_path
    client.post(f"/admin/consultations/{c.id}/edit", data=form_data(remove_cover="y"))
    db.session.expire_all()
    assert db.session.get(Consultation, c.id).cover_path is None
    assert not os.path.exists(os.path.join(root, path))
    assert not os.path.exists(os.path.join(root, thumbnail_path(path)))


def test_a_file_that_is_not_an_image_is_refused(client, login, territory_admin):
    login(territory_admin)
    response = client.post(NEW, data={**form_data(), "cover": (io.BytesIO(b"<script>x</script>"), "cover.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert 'id="cover-error"' in response.get_data(as_text=True)
    assert count(Consultation) == 0


def test_a_cover_chosen_is_asked_again_when_the_consultation_is_refused(app, client, login, make, territory,
                                                                        territory_admin):
    from ..helpers import field_hint, stored_files

    login(territory_admin)
    refused = client.post(NEW, data={**form_data(title_fr=""), "cover": (_png(), "quais.png")},
                          content_type="multipart/form-data", headers={"Accept-Language": "fr"})
    assert refused.status_code == 422 and 'id="cover-error"' not in refused.text
    assert "Votre fichier «\u00a0quais.png\u00a0» est une image valide" in field_hint(refused.text, "cover")
    not_an_image = client.post(NEW, data={**form_data(title_fr=""), "cover": (io.BytesIO(b"GIF89a"), "quais.gif")},
                               content_type="multipart/form-data")
    assert 'id="cover-error"' in not_an_image.text and 'id="title_fr-error"' in not_an_image.text
    assert count(Consultation) == 0 and stored_files(app) == []

    c = make.consultation(territory)
    edited = client.post(f"/admin/consultations/{c.id}/edit", headers={"Accept-Language": "fr"},
                         data={**form_data(title_fr=""), "cover": (_png(), "parc.png")},
                         content_type="multipart/form-data")
    assert edited.status_code == 422 and "«\u00a0parc.png\u00a0»" in field_hint(edited.text, "cover")
    assert db.session.get(Consultation, c.id).cover_path is None and stored_files(app) == []


def test_status_change_needs_the_csrf_token(app, client, login, make, territory, territory_admin):
    app.config["WTF_CSRF_ENABLED"] = True
    c = make.consultation(territory, status="draft")
    login(territory_admin)
    assert client.post(f"/admin/consultations/{c.id}/status", data={"action": "publish"}).status_code == 400
    assert client.post(NEW, data=form_data()).status_code == 400
    db.session.expire_all()
    assert db.session.get(Consultation, c.id).status == "draft" and count(Consultation) == 1


def test_the_form_offers_the_themes_alphabetically_other_last(client, login, territory_admin):
    login(territory_admin)
    html = client.get(NEW, headers={"Accept-Language": "fr"}).get_data(as_text=True)
    themes = re.findall(r'name="themes" type="checkbox" value="([a-z_]+)"', html)
    assert themes[:2] == ["agriculture_food", "culture"] and themes[-2:] == ["health", "other"]
    assert len(themes) == 12
