"""Switching language on a page showing a posted form (a proposal's preview, a form refused),
without JavaScript: the page comes back in the other language with everything written or
chosen in it (the category, the image), never as an empty form."""
import html
import io
import re

from consult.extensions import db
from consult.proposals.models import Proposal

from .test_create import carried, data, new_url, png_bytes

TITLE = re.compile(r"<h1>(.*?)</h1>")


def post(client, url, values):
    """Send the form as the browser does, from the page it was on (its Referer)."""
    return client.post(url, data=values, content_type="multipart/form-data",
                       headers={"Referer": f"http://localhost{url}"})


def fields(form):
    """What a browser sends of `form`: its inputs, its texts, its selected options."""
    sent = {}
    for attributes in re.findall(r"<input ([^>]*)>", form):
        name, value = re.search(r'name="([^"]*)"', attributes), re.search(r'value="([^"]*)"', attributes)
        if name and 'type="file"' not in attributes and 'type="checkbox"' not in attributes:
            sent[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]*)"[^>]*>(?:\r?\n)?(.*?)</textarea>', form, re.S):
        sent[name] = html.unescape(text)
    for name, options in re.findall(r'<select[^>]*name="([^"]*)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', options)
        sent[name] = html.unescape(next(filter(None, chosen.groups()))) if chosen else ""
    return sent


def form_of(page, id="new-proposal"):
    return re.search(rf'<form[^>]*id="{id}".*?</form>', page.text, re.S).group(0)


def switch_language(client, page):
    """Press the header's language button: the browser follows the redirect, sending the form
    again on a 307 (which the test client would send with an empty body)."""
    button = re.search(r'<button type="submit" name="locale" value="(\w+)"[^>]*>', page.text)
    form = re.search(r'<form[^>]*class="lang-switch".*?</form>', page.text, re.S).group(0)
    action = html.unescape(re.search(r'action="([^"]*)"', form).group(1))
    sent = {**fields(form), "locale": button.group(1)}
    switched = client.post(action, data=sent, headers={"Referer": f"http://localhost{page.request.path}"})
    if switched.status_code == 307:
        return client.post(switched.location, data=sent)
    return client.get(switched.location)


def test_the_preview_comes_back_in_french_with_its_category_and_image(app, client, make, login,
                                                                     open_consultation):
    login(make.user())
    app.config["WTF_CSRF_ENABLED"] = True  # the switch sends the form's own token
    url = new_url(open_consultation)
    token = fields(form_of(client.get(url)))["csrf_token"]
    preview = post(client, url, {**data(open_consultation, address="1 place de la Mairie"), "csrf_token": token,
                                 "image": (io.BytesIO(png_bytes()), "a.png")})
    assert TITLE.search(preview.text).group(1) == "Preview your proposal" and "· Mobility" in preview.text
    image = carried(preview.text)

    page = switch_language(client, preview)
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert TITLE.search(page.text).group(1) == "Aperçu de votre proposition"
    assert "<h2>Des pistes cyclables partout</h2>" in page.text and "1 place de la Mairie" in page.text
    assert "Créer des pistes cyclables séparées vers les écoles." in page.text
    assert "· Mobilité" in page.text  # the category chosen, named in French
    assert f'<img class="proposal-image" src="{image}"' in page.text

    # Published from there, the proposal has all of it.
    assert client.post(url, data={**fields(form_of(page)), "action": "publish"}).status_code == 302
    proposal = db.session.scalars(db.select(Proposal)).one()
    assert proposal.category == open_consultation.categories[0] and proposal.image_path
    assert proposal.address == "1 place de la Mairie"


def test_a_refused_form_comes_back_in_french_filled_in(client, make, login, open_consultation):
    login(make.user())
    refused = post(client, new_url(open_consultation), {**data(open_consultation, title="Court"),
                                                        "image": (io.BytesIO(png_bytes()), "a.png")})
    assert refused.status_code == 422

    page = switch_language(client, refused)
    assert page.status_code == 422 and '<html lang="fr">' in page.text
    assert "Le titre doit compter entre 10 et 150 caractères." in page.text
    form = fields(form_of(page))
    assert form["title"] == "Court" and form["body"] == data(open_consultation)["body"]
    assert form["category"] == str(open_consultation.categories[0].id)
    assert carried(page.text) == carried(refused.text) and "Une image est jointe." in page.text


def test_a_form_opened_again_to_edit_it_stays_the_form_in_french(client, make, login, open_consultation):
    login(make.user())
    url = new_url(open_consultation)
    preview = post(client, url, data(open_consultation))
    editing = post(client, url, {**fields(form_of(preview)), "action": "edit"})
    assert TITLE.search(editing.text).group(1) == "Make a proposal"

    page = switch_language(client, editing)
    assert page.status_code == 200 and TITLE.search(page.text).group(1) == "Faire une proposition"
    assert fields(form_of(page))["title"] == data(open_consultation)["title"]
    assert 'class="error-summary"' not in page.text  # opened to edit: nothing refused


def test_an_empty_form_is_not_sent_by_the_switch(client, make, login, open_consultation):
    """On the form as first shown, the switch only changes the language (nothing to keep yet
    but what the browser keeps: sending it would show errors for fields not yet written)."""
    login(make.user())
    page = switch_language(client, client.get(new_url(open_consultation)))
    assert page.request.method == "GET" and page.status_code == 200  # no error said
    assert '<html lang="fr">' in page.text and TITLE.search(page.text).group(1) == "Faire une proposition"


def test_the_switch_sends_a_form_again_only_to_this_site(client):
    sent = {"locale": "fr", "next": "/territories/"}
    again = client.post("/language?resend=/consultations/1/proposals/new", data=sent)
    assert again.status_code == 307 and again.location == "/consultations/1/proposals/new"
    elsewhere = client.post("/language?resend=//example.com/steal", data=sent)
    assert elsewhere.status_code == 302 and elsewhere.location == "/territories/"
