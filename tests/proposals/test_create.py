"""Posting a proposal: permissions, validation, preview step, moderation, follow."""
import io
import re

import pytest
from PIL import Image

from consult.extensions import db
from consult.notifications.models import Follow
from consult.proposals.models import Proposal

GOOD = {"title": "Des pistes cyclables partout", "body": "Créer des pistes cyclables séparées vers les écoles."}


def new_url(c):
    return f"/consultations/{c.id}/proposals/new"


def data(consultation, **over):
    values = {**GOOD, "category": str(consultation.categories[0].id)}
    values.update(over)
    return values


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, "PNG")
    return out.getvalue()


def count():
    return db.session.scalar(db.select(db.func.count(Proposal.id)))


def test_anonymous_is_sent_to_sign_in(client, open_consultation):
    r = client.get(new_url(open_consultation))
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]


def test_form_shows_labels_and_script(client, make, login, open_consultation):
    login(make.user())
    html = client.get(new_url(open_consultation)).text
    assert '<label for="title"' in html and '<label for="body"' in html and '<label for="latitude"' in html
    assert "js/similar.js" in html and 'aria-live="polite"' in html
    assert "If your proposal is about a particular place, give its address" in html


@pytest.mark.parametrize("phase", ["vote", "results", None])
def test_closed_phase_is_forbidden(client, make, login, phase):
    consultation = make.consultation(phase=phase)
    make.category(consultation)
    login(make.user())
    page = client.get(new_url(consultation))
    assert page.status_code == 403
    assert "Proposals can be posted only while the proposals phase of this consultation is open" in page.text
    assert client.post(new_url(consultation), data={**data(consultation), "action": "publish"}).status_code == 403
    assert count() == 0


def test_unconfirmed_account_forbidden(client, make, login, open_consultation):
    login(make.user(confirmed=False))
    page = client.get(new_url(open_consultation))
    assert page.status_code == 403 and "Confirm your email address first" in page.text


def test_draft_consultation_not_found(client, make, login):
    consultation = make.consultation(status="draft")
    login(make.user())
    assert client.get(new_url(consultation)).status_code == 404


def test_preview_then_publish(client, make, login, open_consultation):
    user = login(make.user())
    r = client.post(new_url(open_consultation), data=data(open_consultation, body="Des pistes **sûres** vers les écoles."))
    assert r.status_code == 200
    assert "<strong>sûres</strong>" in r.text and 'value="publish"' in r.text and 'value="edit"' in r.text
    assert count() == 0  # nothing saved at the preview step
    r = client.post(new_url(open_consultation), data={**data(open_consultation), "action": "edit"})
    assert r.status_code == 200 and 'value="Des pistes cyclables partout"' in r.text
    r = client.post(new_url(open_consultation), data={**data(open_consultation), "action": "publish"})
    assert r.status_code == 302
    proposal = db.session.scalars(db.select(Proposal)).one()
    assert r.headers["Location"].endswith(f"/proposals/{proposal.id}")
    assert proposal.status == "published" and proposal.author_id == user.id
    assert proposal.search_text and "ecoles" in proposal.search_text
    assert db.session.scalars(db.select(Follow).where(Follow.target_type == "proposal",
                                                     Follow.target_id == proposal.id)).one().user_id == user.id
    page = client.get(r.headers["Location"]).text
    assert "Your proposal is published." in page


def test_premoderation_makes_it_pending(client, make, login):
    consultation = make.consultation(moderation="pre")
    make.category(consultation)
    login(make.user())
    r = client.post(new_url(consultation), data={**data(consultation), "action": "publish"}, follow_redirects=True)
    assert "awaits moderation" in r.text
    assert db.session.scalars(db.select(Proposal)).one().status == "pending"


def test_a_forbidden_word_in_the_address_holds_the_proposal_back_too(client, make, login):
    """The address is shown on the proposal's page like its title."""
    consultation = make.consultation(make.territory(forbidden_words="connard"))
    make.category(consultation)
    login(make.user())
    posted = {**data(consultation), "address": "Chez le connard du maire, 1 rue des Lilas", "action": "publish"}
    assert "awaits moderation" in client.post(new_url(consultation), data=posted, follow_redirects=True).text
    assert db.session.scalars(db.select(Proposal)).one().status == "pending"


def test_a_forbidden_word_spelt_in_markdown_or_with_invisible_characters_is_held_back(client, make, login):
    """'conn&#97;rd' shows 'connard' on the page, and so does a title with a soft hyphen inside."""
    consultation = make.consultation(make.territory(forbidden_words="connard"))
    make.category(consultation)
    login(make.user())
    for title, body in [(GOOD["title"], "Le maire est un conn&#97;rd, vraiment."),
                        ("Le maire est un conn\u00adard", GOOD["body"])]:
        posted = {**data(consultation), "title": title, "body": body, "action": "publish"}
        assert "awaits moderation" in client.post(new_url(consultation), data=posted, follow_redirects=True).text
    assert db.session.scalars(db.select(Proposal.status)).all() == ["pending", "pending"]


def carried(html):
    """The image the page carries to the next step (a data: URL), or None."""
    match = re.search(r'name="image_data"[^>]*value="([^"]*)"', html)
    return match.group(1) if match and match.group(1) else None


def test_place_and_image(client, make, login, open_consultation, app):
    login(make.user())
    values = data(open_consultation, address="1 place de la Mairie", latitude="48.85", longitude="2.35")
    r = client.post(new_url(open_consultation), data={**values, "image": (io.BytesIO(png_bytes()), "a.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 200, r.text
    image = carried(r.text)
    assert image.startswith("data:image/png;base64,")
    assert f'<img class="proposal-image" src="{image}"' in r.text  # the preview shows it
    r = client.post(new_url(open_consultation), data={**values, "image_data": image, "action": "publish"})
    assert r.status_code == 302
    p = db.session.scalars(db.select(Proposal)).one()
    assert (p.address, p.latitude, p.longitude) == ("1 place de la Mairie", 48.85, 2.35)
    assert p.image_path.startswith("proposals/") and p.image_path.endswith(".png")
    page = client.get(f"/proposals/{p.id}").text
    assert f'src="/uploads/{p.image_path}"' in page and "1 place de la Mairie" in page
    with client.get(f"/uploads/{p.image_path}") as served:
        assert served.status_code == 200 and served.mimetype == "image/png"


BAD = [
    ({"title": "Court"}, "title", "between 10 and 150"),
    ({"title": "x" * 151}, "title", "between 10 and 150"),
    ({"title": ""}, "title", "give your proposal a title"),
    ({"body": "Trop court"}, "body", "between 15 and 10000"),
    ({"body": "x" * 10_001}, "body", "between 15 and 10000"),
    ({"category": ""}, "category", "choose a category"),
    ({"category": "9999"}, "category", "one of the categories"),
    ({"latitude": "91", "longitude": "2"}, "latitude", "between -90 and 90"),
    ({"latitude": "45", "longitude": "-181"}, "longitude", "between -180 and 180"),
    ({"latitude": "45"}, "longitude", "both the latitude and the longitude"),
    ({"latitude": "nord", "longitude": "2"}, "latitude", "enter a number"),
    ({"image_data": "proposals/someone-else.png"}, "image", "not a valid image"),
    ({"image_data": "data:image/png;base64,PD9waHAgZWNobyAxOyA/Pg=="}, "image", "not a valid image"),
]


@pytest.mark.parametrize("over,field,message", BAD)
@pytest.mark.parametrize("action", ["preview", "publish"])
def test_bad_input_422_with_message_nothing_saved(client, make, login, open_consultation, over, field, message,
                                                   action):
    login(make.user())
    r = client.post(new_url(open_consultation), data={**data(open_consultation, **over), "action": action})
    assert r.status_code == 422
    assert f'id="{field}-error"' in r.text and message in r.text.replace(",", "")
    assert count() == 0


def test_not_an_image(client, make, login, open_consultation):
    login(make.user())
    r = client.post(new_url(open_consultation),
                    data={**data(open_consultation), "image": (io.BytesIO(b"<?php echo 1; ?>"), "a.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 422 and 'id="image-error"' in r.text
    assert count() == 0


def test_max_proposals_per_person(client, make, login):
    consultation = make.consultation(max_proposals_per_person=2)
    make.category(consultation)
    user = login(make.user())
    make.proposal(consultation, user)
    make.proposal(consultation, user, status="withdrawn")
    page = client.get(new_url(consultation))
    assert page.status_code == 403
    assert "You have reached the limit of 2 proposals per person in this consultation" in page.text
    assert client.post(new_url(consultation), data={**data(consultation), "action": "publish"}).status_code == 403
    assert count() == 2
    # the consultation page, the listing and the API count the same way: no invitation to
    # propose, and the person is told why
    for page in (f"/consultations/{consultation.id}", f"/consultations/{consultation.id}/proposals"):
        response = client.get(page)
        assert response.status_code == 200 and new_url(consultation) not in response.text
        assert ('<p class="propose-refusal">You have reached the limit of 2 proposals per person in this '
                'consultation (withdrawn, hidden or rejected proposals count too).</p>') in response.text
    other = make.consultation(max_proposals_per_person=2, territory=consultation.territory)
    make.category(other)
    assert client.get(new_url(other)).status_code == 200
    for page in (f"/consultations/{other.id}", f"/consultations/{other.id}/proposals"):
        assert new_url(other) in client.get(page).text  # where the limit is not reached, the invitation is there


def test_csrf_required(client, app, make, login, open_consultation):
    app.config["WTF_CSRF_ENABLED"] = True
    login(make.user())
    r = client.post(new_url(open_consultation), data={**data(open_consultation), "action": "publish"})
    assert r.status_code in (400, 422)
    assert count() == 0


def test_similar_fragment(client, make, open_consultation):
    make.proposal(open_consultation, title="Pistes cyclables près des écoles", body="Pour que les enfants roulent.")
    r = client.get(f"/consultations/{open_consultation.id}/proposals/similar?title=piste+cyclable+%C3%A9cole")
    assert r.status_code == 200 and "Pistes cyclables près des écoles" in r.text
    assert "<html" not in r.text
    r = client.get(f"/consultations/{open_consultation.id}/proposals/similar?title=piscine+municipale")
    assert "No similar proposal" in r.text


def test_preview_shows_similar(client, make, login, open_consultation):
    make.proposal(open_consultation, title="Pistes cyclables près des écoles", body="Pour que les enfants roulent.")
    login(make.user())
    r = client.post(new_url(open_consultation), data=data(open_consultation, title="Une piste cyclable pour l'école"))
    assert "Similar proposals already exist" in r.text and "Pistes cyclables près des écoles" in r.text


def test_an_image_over_the_limit_is_refused_with_a_way_back(app, client, make, login, open_consultation):
    login(make.user())
    form = client.get(new_url(open_consultation)).text
    # consult.js refuses a file over the limit as soon as it is chosen, with this message
    assert f'data-max-bytes="{10 * 1024 * 1024}"' in form
    assert 'data-too-large="The image is too large: 10 MB at most."' in form
    # past the whole request's limit (12 MB, lowered here to keep the test light), the server
    # answers before reading the form
    assert app.config["MAX_CONTENT_LENGTH"] == 12 * 1024 * 1024
    app.config["MAX_CONTENT_LENGTH"] = 100_000
    big = io.BytesIO(b"\0" * 200_000)
    r = client.post(new_url(open_consultation), data={**data(open_consultation), "image": (big, "photo.jpg")},
                    content_type="multipart/form-data")
    assert r.status_code == 413 and "what you typed is still there" in r.text
    assert count() == 0


def test_coordinates_read_and_written_the_french_way(client, make, login, open_consultation):
    login(make.user())
    form = client.get(new_url(open_consultation), headers={"Accept-Language": "fr"}).text
    # a text field: a browser's number field would send "44,4083" as 444083
    latitude = re.search(r'<input [^>]*id="latitude"[^>]*>', form).group(0)
    assert 'type="text"' in latitude and 'inputmode="decimal"' in latitude
    preview = client.post(new_url(open_consultation), headers={"Accept-Language": "fr"},
                          data=data(open_consultation, latitude="44,4083", longitude="0,7046", action="preview"))
    assert "latitude 44,4083, longitude 0,7046" in preview.text
    values = data(open_consultation, latitude="44,4083", longitude="0,7046", action="publish")
    assert client.post(new_url(open_consultation), data=values).status_code == 302
    p = db.session.scalars(db.select(Proposal)).one()
    assert (p.latitude, p.longitude) == (44.4083, 0.7046)
    page = client.get(f"/proposals/{p.id}", headers={"Accept-Language": "fr"}).text
    assert "latitude 44,4083, longitude 0,7046" in page
    assert 'href="https://www.openstreetmap.org/?mlat=44.4083&amp;mlon=0.7046#map=17/44.4083/0.7046"' in page


def test_a_title_and_a_description_of_invisible_characters_are_empty(client, make, login, open_consultation):
    """Zero-width spaces would make a blank card with an empty link."""
    login(make.user())
    invisible = {**data(open_consultation), "title": "\u200b" * 12, "body": "\u2060\ufeff" * 10, "action": "publish"}
    response = client.post(new_url(open_consultation), data=invisible)
    assert response.status_code == 422
    assert "Please give your proposal a title." in response.text
    assert count() == 0
    emoji = {**data(open_consultation), "title": "\u200bUne famille \U0001F468\u200d\U0001F469\u200d\U0001F467 à vélo\u200b",
             "action": "publish"}
    assert client.post(new_url(open_consultation), data=emoji).status_code == 302
    assert db.session.scalars(db.select(Proposal.title)).one() == "Une famille \U0001F468\u200d\U0001F469\u200d\U0001F467 à vélo"


def test_the_length_refused_is_written_as_the_hint_writes_it(client, make, login, open_consultation):
    login(make.user())
    for language, text in (("en", "between 15 and 10,000 characters"), ("fr", "entre 15 et 10\u202f000 caractères")):
        r = client.post(new_url(open_consultation), data={**data(open_consultation, body="x" * 10_001), "action": "publish"},
                        headers={"Accept-Language": language})
        assert r.status_code == 422 and text in r.text
