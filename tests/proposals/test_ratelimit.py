"""Over the posting limit, a proposal being written is shown again, filled in, with its image:
nothing is saved and nothing is lost."""
import io

from consult.extensions import db
from consult.proposals.models import Proposal
from tests.factories import Factory

from .test_create import carried, png_bytes


def test_a_proposal_sent_over_the_limit_comes_back_filled_in(limited_app_with):
    app = limited_app_with(POST_RATE_LIMIT="3 per minute")
    make = Factory()
    consultation = make.consultation(phase="proposals")
    make.category(consultation)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make.signed_in(make.user()).get_id(), True
    url = f"/consultations/{consultation.id}/proposals/new"
    values = {"title": "Un jardin partagé rue Victor-Hugo", "category": str(consultation.categories[0].id),
              "body": "Transformer la friche en jardin partagé, avec des bacs & un composteur."}
    assert [client.post(url, data=values).status_code for _ in range(2)] == [200, 200]  # previews
    preview = client.post(url, data={**values, "image": (io.BytesIO(png_bytes()), "jardin.png")},
                          content_type="multipart/form-data")
    image = carried(preview.text)

    response = client.post(url, data={**values, "image_data": image, "action": "publish"},
                           headers={"Accept-Language": "fr"})

    assert response.status_code == 429
    page = response.text
    assert "Ce que vous avez écrit est gardé ci-dessous" in page
    assert 'value="Un jardin partagé rue Victor-Hugo"' in page
    assert "avec des bacs &amp; un composteur.</textarea>" in page
    assert image and carried(page) == image  # the photo is carried on
    assert db.session.scalar(db.select(db.func.count(Proposal.id))) == 0
    assert client.get(url).status_code == 200  # writing again is never refused


def test_over_the_limit_a_new_photo_is_not_even_read(limited_app_with):
    app = limited_app_with(POST_RATE_LIMIT="1 per minute")
    make = Factory()
    consultation = make.consultation(phase="proposals")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make.signed_in(make.user()).get_id(), True
    url = f"/consultations/{consultation.id}/proposals/new"
    values = {"title": "Un jardin partagé rue Victor-Hugo", "body": "Transformer la friche en jardin partagé."}
    client.post(url, data=values)
    response = client.post(url, data={**values, "image": (io.BytesIO(b"not read at all"), "photo.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 429
    assert "not an image" not in response.text and carried(response.text) is None
