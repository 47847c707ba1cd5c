"""The platform admin creates and edits territories; bad input is refused field by field."""
import os
import re
from io import BytesIO

import pytest

from consult.extensions import db
from consult.territories.models import Territory

from ..helpers import field_hint, field_languages

VALID = {
    "name": "Saint-Étienne", "slug": "saint-etienne", "kind": "commune", "insee_code": "42218",
    "description": "Ville *verte*.", "accent_color": "#0B6E4F", "report_threshold": "4",
    "forbidden_words": "  gros mot \n\nINSULTE\ninsulte\n",
}


@pytest.fixture
def admin(make, login):
    return login(make.user(platform_admin=True))


def count():
    return db.session.scalar(db.select(db.func.count(Territory.id)))


def uploads(app):
    root = app.config["UPLOAD_FOLDER"]
    return [f for _, _, files in os.walk(root) for f in files]


def nothing_written(app):
    """Not a file, not even a folder, in the uploads folder."""
    return os.listdir(app.config["UPLOAD_FOLDER"]) == []


def error_of(html, field):
    start = html.index(f'id="{field}-error"')
    return html[start:html.index("</p>", start)]


def test_create_form_is_shown(client, admin):
    html = client.get("/admin/territories/new").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    for label in ("Commune", "Intercommunality", "Département", "Region"):
        assert label in html
    assert 'type="color"' in html
    assert 'accept="image/png,image/jpeg,image/webp,image/gif"' in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_screen_readers_read_each_description_in_its_language_and_its_label_in_the_page_s(client, admin, language):
    html = client.get("/admin/territories/new", headers={"Accept-Language": language}).text
    assert field_languages(html, "description") == (language, "fr")
    assert field_languages(html, "description_en") == (language, "en")


def test_create_territory_with_logo(app, client, admin, image_bytes):
    data = dict(VALID, logo=(BytesIO(image_bytes("PNG", size=(900, 600))), "logo.png"))
    response = client.post("/admin/territories/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/territories/saint-etienne/members")
    t = db.session.scalar(db.select(Territory).filter_by(slug="saint-etienne"))
    assert (t.name, t.kind, t.insee_code, t.accent_color, t.report_threshold) == (
        "Saint-Étienne", "commune", "42218", "#0b6e4f", 4)
    assert t.forbidden_words == "gros mot\nINSULTE"
    assert t.logo_path.startswith("logos/") and t.logo_path.endswith(".png")
    assert os.path.isfile(os.path.join(app.config["UPLOAD_FOLDER"], t.logo_path))
    page = client.get("/territories/saint-etienne").get_data(as_text=True)
    assert f'src="/uploads/{t.logo_path}"' in page
    assert "--accent: #0b6e4f" in page


def test_slug_is_made_from_the_name_when_empty(client, admin):
    response = client.post("/admin/territories/new", data=dict(VALID, slug="", name="Île-d'Yeu"))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Territory.slug)) == "ile-d-yeu"


@pytest.mark.parametrize("changes, field, message", [
    ({"name": ""}, "name", "Please give the name of the territory."),
    ({"name": "  ", "slug": ""}, "name", "Please give the name of the territory."),
    ({"slug": "x"}, "slug", "2 to 80 characters"),
    ({"slug": "Saint Etienne"}, "slug", "lower-case letters, digits and single hyphens"),
    ({"slug": "a--b"}, "slug", "single hyphens"),
    ({"slug": "new"}, "slug", "reserved"),
    ({"kind": "pays"}, "kind", "Please choose a kind of territory."),
    ({"insee_code": "4221"}, "insee_code", "A commune's INSEE code is its département's code followed by its number"),
    ({"accent_color": "green"}, "accent_color", "# followed by 6 hexadecimal digits"),
    ({"accent_color": "#12345"}, "accent_color", "# followed by 6 hexadecimal digits"),
    ({"report_threshold": "0"}, "report_threshold", "from 1 to 1,000"),
    ({"report_threshold": ""}, "report_threshold", "Please give a number of reports."),
    ({"report_threshold": "abc"}, "report_threshold", "from 1 to 1,000"),
])
def test_bad_input_is_refused_next_to_the_field(client, admin, changes, field, message):
    response = client.post("/admin/territories/new", data=dict(VALID, **changes))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_of(html, field)
    assert 'class="error-summary"' in html
    assert count() == 0


def test_taken_slug_is_an_error_next_to_the_field(client, admin, make):
    make.territory(slug="saint-etienne")
    response = client.post("/admin/territories/new", data=VALID)
    assert response.status_code == 422
    assert "This address name is taken" in error_of(response.get_data(as_text=True), "slug")
    assert count() == 1


@pytest.mark.parametrize("kind, code, stored", [
    ("commune", "75056", "75056"), ("commune", "2A004", "2A004"), ("commune", "2b033", "2B033"),
    ("commune", " 01001 ", "01001"), ("commune", "", None), ("departement", "33", "33"),
    ("departement", "2a", "2A"), ("departement", "974", "974"), ("region", "75", "75"),
    ("commune", "97411", "97411"), ("region", "06", "06"), ("region", "94", "94"), ("intercommunalite", "", None),
])
def test_valid_insee_codes(client, admin, kind, code, stored):
    assert client.post("/admin/territories/new", data=dict(VALID, kind=kind, insee_code=code)).status_code == 302
    assert db.session.scalar(db.select(Territory.insee_code)) == stored


@pytest.mark.parametrize("kind, code", [
    ("commune", "7505"), ("commune", "750561"), ("commune", "2C004"), ("commune", "ABCDE"), ("commune", "2A04"),
    ("commune", "20A04"), ("commune", "7505a"), ("departement", "96"), ("departement", "00"),
    ("departement", "977"), ("departement", "33000"), ("region", "7"), ("region", "2A"),
    ("intercommunalite", "200046977"), ("commune", "00000"), ("commune", "96123"), ("commune", "20004"),
    ("commune", "97711"), ("region", "00"), ("region", "05"), ("region", "42"),
])
def test_invalid_insee_codes(client, admin, kind, code):
    response = client.post("/admin/territories/new", data=dict(VALID, kind=kind, insee_code=code))
    assert response.status_code == 422
    assert "INSEE" in error_of(response.get_data(as_text=True), "insee_code")
    assert count() == 0


def test_logo_that_is_not_an_image_is_refused(app, client, admin):
    data = dict(VALID, logo=(BytesIO(b"I am a text file, not a picture"), "logo.png"))
    response = client.post("/admin/territories/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not a valid image" in error_of(response.get_data(as_text=True), "logo")
    assert count() == 0
    assert uploads(app) == []


def test_edit_territory_keeps_its_own_slug(client, admin, make):
    t = make.territory(slug="villeneuve", name="Villeneuve")
    form = client.get("/admin/territories/villeneuve/edit").get_data(as_text=True)
    assert 'value="Villeneuve"' in form
    response = client.post("/admin/territories/villeneuve/edit",
                           data=dict(VALID, name="Villeneuve-sur-Lot", slug="villeneuve"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/territories/villeneuve")
    db.session.refresh(t)
    assert t.name == "Villeneuve-sur-Lot"


def test_edit_refuses_another_territorys_slug(client, admin, make):
    t = make.territory(slug="villeneuve", name="Villeneuve")
    make.territory(slug="lyon")
    response = client.post("/admin/territories/villeneuve/edit", data=dict(VALID, slug="lyon"))
    assert response.status_code == 422
    assert "This address name is taken" in error_of(response.get_data(as_text=True), "slug")
    db.session.refresh(t)
    assert (t.slug, t.name) == ("villeneuve", "Villeneuve")


def test_edit_replaces_then_removes_the_logo(app, client, admin, make, image_bytes):
    make.territory(slug="villeneuve")
    url = "/admin/territories/villeneuve/edit"
    for _ in range(2):
        data = dict(VALID, slug="villeneuve", logo=(BytesIO(image_bytes("JPEG")), "logo.jpg"))
        assert client.post(url, data=data, content_type="multipart/form-data").status_code == 302
    assert len(uploads(app)) == 1  # the replaced logo is deleted
    assert "Remove the current logo" in client.get(url).get_data(as_text=True)
    assert client.post(url, data=dict(VALID, slug="villeneuve", remove_logo="y")).status_code == 302
    assert db.session.scalar(db.select(Territory.logo_path)) is None
    assert uploads(app) == []


def test_bad_logo_on_edit_keeps_the_old_one(app, client, admin, make, image_bytes):
    make.territory(slug="villeneuve", name="Villeneuve")
    url = "/admin/territories/villeneuve/edit"
    client.post(url, data=dict(VALID, slug="villeneuve", logo=(BytesIO(image_bytes()), "a.png")),
                content_type="multipart/form-data")
    before = db.session.scalar(db.select(Territory.logo_path))
    assert before is not None
    response = client.post(url, data=dict(VALID, slug="villeneuve", name="Autre",
                                          logo=(BytesIO(b"%PDF-1.4"), "b.png")),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    t = db.session.scalar(db.select(Territory))
    assert (t.logo_path, t.name) == (before, VALID["name"])
    assert len(uploads(app)) == 1


def test_a_refused_edit_with_a_new_logo_keeps_the_old_one_on_disk(app, client, admin, make, image_bytes):
    make.territory(slug="villeneuve")
    make.territory(slug="lyon")
    url = "/admin/territories/villeneuve/edit"
    client.post(url, data=dict(VALID, slug="villeneuve", logo=(BytesIO(image_bytes()), "a.png")),
                content_type="multipart/form-data")
    before = db.session.scalar(db.select(Territory.logo_path).filter_by(slug="villeneuve"))
    response = client.post(url, data=dict(VALID, slug="lyon", logo=(BytesIO(image_bytes("JPEG")), "b.jpg")),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert uploads(app) == [os.path.basename(before)]  # the new logo is not kept, the old one is
    with client.get(f"/uploads/{before}") as served:
        assert served.status_code == 200


def test_edit_unknown_territory_is_404(client, admin):
    assert client.get("/admin/territories/nowhere/edit").status_code == 404


def test_csrf_is_required(app, client, admin):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/admin/territories/new", data=VALID)
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)
    assert count() == 0


def test_empty_form_flags_the_name_only(client, admin):
    """The address name is optional (made from the name): an empty form does not flag it."""
    response = client.post("/admin/territories/new", data=dict(VALID, name="", slug=""))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Please give the name of the territory." in error_of(html, "name")
    assert 'id="slug-error"' not in html
    assert count() == 0


def test_taken_name_is_an_error_on_the_name_when_the_address_is_left_empty(client, admin, make):
    make.territory(slug="saint-etienne", name="Saint-Étienne")
    response = client.post("/admin/territories/new", data=dict(VALID, slug=""))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Another territory has this name, or one that gives the same address name (“saint-etienne”)" \
        in error_of(html, "name")
    assert 'id="slug-error"' not in html
    # The address name stays empty, so that a corrected name gives a new one.
    assert 'value=""' in re.search(r'<input[^>]*id="slug"[^>]*>', html).group(0)
    assert count() == 1
    response = client.post("/admin/territories/new", data=dict(VALID, slug="", name="Saint-Étienne-Métropole"))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Territory.slug).filter_by(name="Saint-Étienne-Métropole")) == \
        "saint-etienne-metropole"


@pytest.mark.parametrize("name, message", [
    ("!!!", "No address name can be made from this name"),
    ("X", "This name gives no usable address name (“x”)"),
    ("Admin", "This name gives no usable address name (“admin”)"),
])
def test_a_name_that_gives_no_address_says_so_on_the_name(client, admin, name, message):
    response = client.post("/admin/territories/new", data=dict(VALID, name=name, slug=""))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_of(html, "name")
    assert 'id="slug-error"' not in html
    assert client.post("/admin/territories/new", data=dict(VALID, name=name, slug="mon-territoire")).status_code == 302


@pytest.mark.parametrize("colour", ["green", "#12345", "#12345g", ""])
def test_refused_colour_comes_back_as_typed_not_as_black(client, admin, colour):
    """A colour picker would show a refused value as black, which a second submit would save."""
    response = client.post("/admin/territories/new", data=dict(VALID, accent_color=colour))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "# followed by 6 hexadecimal digits" in error_of(html, "accent_color")
    field = re.search(r'<input[^>]*id="accent_color"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'type="color"' not in field
    assert f'value="{colour}"' in field
    assert 'aria-invalid="true"' in field
    assert count() == 0


def test_valid_colour_keeps_its_picker_when_another_field_is_refused(client, admin):
    html = client.post("/admin/territories/new", data=dict(VALID, name="")).get_data(as_text=True)
    field = re.search(r'<input[^>]*id="accent_color"[^>]*>', html).group(0)
    assert 'type="color"' in field and 'value="#0b6e4f"' in field


def refused(client, url, data):
    """The form page sent back with its errors (422), for a form posted with a file."""
    response = client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    return response.get_data(as_text=True)


def test_bad_logo_is_reported_with_the_other_errors(app, client, admin):
    html = refused(client, "/admin/territories/new",
                   dict(VALID, name="", insee_code="123", logo=(BytesIO(b"%PDF-1.4 not an image"), "logo.pdf")))
    assert "not a valid image" in error_of(html, "logo")
    assert "Please give the name" in error_of(html, "name")
    assert "INSEE" in error_of(html, "insee_code")
    summary = html[html.index('class="error-summary"'):html.index("</ul>", html.index('class="error-summary"'))]
    assert summary.index("#name") < summary.index("#insee_code") < summary.index("#logo")
    assert count() == 0
    assert nothing_written(app)


def test_good_logo_is_asked_again_when_other_fields_are_refused(app, client, admin, image_bytes):
    html = refused(client, "/admin/territories/new",
                   dict(VALID, name="", logo=(BytesIO(image_bytes("PNG")), "blason.png")))
    assert 'id="logo-error"' not in html
    hint = field_hint(html, "logo")
    assert "Your file “blason.png” is a valid image, but it is not kept while other fields have errors" in hint
    assert nothing_written(app)  # checked in memory, never stored
    assert count() == 0


def test_bad_logo_on_edit_is_reported_with_the_other_errors(app, client, admin, make):
    make.territory(slug="villeneuve", name="Villeneuve")
    html = refused(client, "/admin/territories/villeneuve/edit",
                   dict(VALID, slug="villeneuve", report_threshold="0", logo=(BytesIO(b"GIF89a broken"), "logo.gif")))
    assert "not a valid image" in error_of(html, "logo")
    assert "from 1 to 1,000" in error_of(html, "report_threshold")
    assert db.session.scalar(db.select(Territory.name)) == "Villeneuve"
    assert nothing_written(app)


def test_the_description_in_english_is_kept_and_shown_to_english_readers(client, admin, make):
    t = make.territory(slug="villeneuve", name="Villeneuve", description="Ville *verte*.")
    form = client.get("/admin/territories/villeneuve/edit").text
    assert 'for="description">Description in French' in form and 'for="description_en">Description in English' in form
    response = client.post("/admin/territories/villeneuve/edit",
                           data=dict(VALID, slug="villeneuve", description_en="  A *green* town.  "))
    assert response.status_code == 302
    db.session.refresh(t)
    assert (t.description, t.description_en) == ("Ville *verte*.", "A *green* town.")
    english = client.get("/territories/villeneuve", headers={"Accept-Language": "en"}).text
    french = client.get("/territories/villeneuve", headers={"Accept-Language": "fr"}).text
    assert "A <em>green</em> town." in english and "Ville" not in english.split("<h1>")[1].split("actions")[0]
    assert "Ville <em>verte</em>." in french and "green" not in french
    api = client.get("/api/v1/territories/villeneuve").get_json()
    assert (api["description"], api["description_en"]) == ("Ville *verte*.", "A *green* town.")


def test_without_an_english_description_english_readers_read_the_french_one(client, make):
    make.territory(slug="villeneuve", description="Ville *verte*.")
    english = client.get("/territories/villeneuve", headers={"Accept-Language": "en"}).text
    assert '<div class="markdown" lang="fr"><p>Ville <em>verte</em>.</p>' in english
