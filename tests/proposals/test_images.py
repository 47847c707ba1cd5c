"""A proposal's image is stored with the proposal only, and its files go when an edit replaces
or removes it: nothing is left online that no proposal shows."""
import io

import pytest
from PIL import Image

from consult.extensions import db
from consult.proposals.models import Proposal
from consult.uploads import thumbnail_path

from ..helpers import stored_files
from .test_create import carried, data, new_url, png_bytes


def with_image(values, name="a.png"):
    return {**values, "image": (io.BytesIO(png_bytes()), name)}


def post(client, url, values):
    return client.post(url, data=values, content_type="multipart/form-data")


def test_previews_refused_or_abandoned_store_nothing(app, client, make, login, open_consultation):
    login(make.user())
    url = new_url(open_consultation)
    for _ in range(3):
        refused = post(client, url, with_image(data(open_consultation, title="Court")))
        assert refused.status_code == 422
        # the image is kept in the form: no need to send it again
        assert carried(refused.text) and "An image is attached." in refused.text
    for _ in range(3):
        assert post(client, url, with_image(data(open_consultation))).status_code == 200
    assert stored_files(app) == []
    assert db.session.scalar(db.select(db.func.count(Proposal.id))) == 0


def back_to_the_form(client, make, login, consultation):
    """A resident previews a proposal with a photo, then goes back to the form: (the form's
    address, the photo carried, the form's page)."""
    login(make.user())
    url = new_url(consultation)
    image = carried(post(client, url, with_image(data(consultation))).text)
    return url, image, client.post(url, data={**data(consultation), "image_data": image, "action": "edit"})


def test_the_image_kept_through_preview_and_back_is_stored_once_published(app, client, make, login,
                                                                          open_consultation):
    url, image, back = back_to_the_form(client, make, login, open_consultation)
    assert carried(back.text) == image and "An image is attached." in back.text
    again = client.post(url, data={**data(open_consultation), "image_data": image})  # preview again
    assert carried(again.text) == image and stored_files(app) == []
    assert client.post(url, data={**data(open_consultation), "image_data": image, "action": "publish"}).status_code == 302
    path = db.session.scalars(db.select(Proposal.image_path)).one()
    assert stored_files(app) == sorted([path, thumbnail_path(path)])


def test_an_image_chosen_before_publishing_may_be_removed_before_publishing(app, client, make, login,
                                                                           open_consultation):
    url, image, back = back_to_the_form(client, make, login, open_consultation)
    assert '<label for="remove_image">Remove the image</label>' in back.text
    preview = client.post(url, data={**data(open_consultation), "image_data": image, "remove_image": "y"})
    assert preview.status_code == 200 and not carried(preview.text)
    assert 'class="proposal-image"' not in preview.text
    assert client.post(url, data={**data(open_consultation), "image_data": "", "action": "publish"}).status_code == 302
    assert db.session.scalars(db.select(Proposal.image_path)).one() is None
    assert stored_files(app) == []


def test_without_an_image_there_is_nothing_to_remove(client, make, login, open_consultation):
    login(make.user())
    page = client.post(new_url(open_consultation), data={**data(open_consultation), "action": "edit"}).text
    assert "Remove the image" not in page


def test_a_photo_carried_back_to_the_form_is_previewed_again_and_published(app, client, make, login,
                                                                           open_consultation):
    """Back from the preview, the form (multipart/form-data: it has a file field) carries the
    photo as a data: URL, larger than the 500 kB Flask allows such a text field by default."""
    photo = io.BytesIO()
    Image.effect_noise((1600, 1200), 40).convert("RGB").save(photo, "JPEG", quality=90)
    login(make.user())
    url = new_url(open_consultation)
    responses = [post(client, url, with_image(data(open_consultation)) | {
        "image": (io.BytesIO(photo.getvalue()), "photo.jpg")})]
    image = carried(responses[0].text)
    assert len(image) > 500_000
    responses.append(post(client, url, {**data(open_consultation), "image_data": image, "action": "preview"}))
    assert responses[-1].status_code == 200 and carried(responses[-1].text) == image
    responses.append(client.post(url, data={**data(open_consultation), "image_data": image, "action": "publish"}))
    assert responses[-1].status_code == 302
    assert db.session.scalars(db.select(Proposal.image_path)).one() is not None
    for response in responses:  # the test client spooled the large bodies to files it leaves open
        response.request.input_stream.close()


def test_a_phone_photo_with_a_gain_map_is_previewed_and_published(app, client, make, login, open_consultation):
    """A recent phone's JPEG carries an HDR gain map after the photo (Pillow opens it as "MPO"):
    the photo is previewed and published as a JPEG, not refused as another format."""
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(photo, "MPO", save_all=True, append_images=[Image.new("RGB", (64, 48))])
    login(make.user())
    url = new_url(open_consultation)
    preview = post(client, url, {**data(open_consultation), "image": (io.BytesIO(photo.getvalue()), "IMG_0042.jpg")})
    assert preview.status_code == 200 and carried(preview.text).startswith("data:image/jpeg;base64,")
    client.post(url, data={**data(open_consultation), "image_data": carried(preview.text), "action": "publish"})
    assert db.session.scalars(db.select(Proposal.image_path)).one().endswith(".jpg")


@pytest.fixture
def illustrated(app, client, make, login, open_consultation):
    """A proposal published with an image, its author signed in."""
    login(make.user())
    url = new_url(open_consultation)
    image = carried(post(client, url, with_image(data(open_consultation))).text)
    client.post(url, data={**data(open_consultation), "image_data": image, "action": "publish"})
    return db.session.scalars(db.select(Proposal)).one()


def edit(client, proposal, **over):
    values = {**data(proposal.consultation), **over}
    return post(client, f"/proposals/{proposal.id}/edit", values)


def test_an_edit_replacing_the_image_takes_the_old_one_offline(app, client, illustrated):
    old = illustrated.image_path
    assert edit(client, illustrated, image=(io.BytesIO(png_bytes()), "b.png")).status_code == 302
    db.session.expire_all()
    new = illustrated.image_path
    assert new != old and stored_files(app) == sorted([new, thumbnail_path(new)])
    assert client.get(f"/uploads/{old}").status_code == 404
    assert client.get(f"/uploads/{thumbnail_path(old)}").status_code == 404
    assert f'src="/uploads/{new}"' in client.get(f"/proposals/{illustrated.id}").text


def test_an_edit_removing_the_image_takes_it_offline(app, client, illustrated):
    old = illustrated.image_path
    form = client.get(f"/proposals/{illustrated.id}/edit").text
    assert "Remove the image" in form and "An image is attached." in form
    assert edit(client, illustrated, remove_image="y").status_code == 302
    db.session.expire_all()
    assert illustrated.image_path is None and stored_files(app) == []
    assert client.get(f"/uploads/{old}").status_code == 404
    assert "proposal-image" not in client.get(f"/proposals/{illustrated.id}").text
    assert "Remove the image" not in client.get(f"/proposals/{illustrated.id}/edit").text


def test_an_edit_refused_or_without_a_new_image_keeps_the_image(app, client, illustrated):
    files = stored_files(app)
    refused = edit(client, illustrated, title="Court", image=(io.BytesIO(png_bytes()), "b.png"))
    assert refused.status_code == 422 and carried(refused.text)
    assert stored_files(app) == files
    assert edit(client, illustrated, title="Un titre changé sans image").status_code == 302
    db.session.expire_all()
    assert stored_files(app) == files and illustrated.image_path in files


def fetch(client, url):
    """(status, Cache-Control) of a GET, its file closed."""
    response = client.get(url)
    response.close()
    return response.status_code, response.headers.get("Cache-Control")


def test_a_hidden_proposal_takes_its_image_offline_except_for_its_author_and_moderators(
        app, client, make, login, illustrated):
    proposal = illustrated
    image, thumb = f"/uploads/{proposal.image_path}", f"/uploads/{thumbnail_path(proposal.image_path)}"
    stranger = app.test_client()
    assert fetch(stranger, image) == (200, "public, max-age=300")
    assert fetch(stranger, thumb)[0] == 200
    proposal.status = "hidden"
    db.session.commit()
    assert fetch(stranger, image)[0] == fetch(stranger, thumb)[0] == 404
    for detour in ("./", "logos/../"):  # nor at another spelling of its address
        assert fetch(stranger, f"/uploads/{detour}{proposal.image_path}")[0] == 404
    # its author, signed in on `client`: kept by their browser, never by a shared cache
    assert fetch(client, image) == (200, "max-age=300, private")
    login(make.member(make.user(), proposal.consultation.territory, "moderator"))
    assert fetch(client, thumb) == (200, "max-age=300, private")


def test_an_image_no_proposal_names_is_not_served(client, illustrated):
    path = illustrated.image_path
    illustrated.image_path = None
    db.session.commit()
    assert fetch(client, f"/uploads/{path}")[0] == 404
