"""One proposal: its page, editing, withdrawing, the official answer, safe Markdown."""
import re

import pytest

from consult.comments.models import Comment
from consult.extensions import db
from consult.proposals.models import Proposal, ProposalAnswer
from consult.votes.models import Vote

from ..helpers import field_languages


@pytest.fixture
def proposal(make, open_consultation):
    return make.proposal(open_consultation, make.user(name="Camille Martin"), category=open_consultation.categories[0],
                         address="Place de la République", latitude=48.867, longitude=2.363)


def test_page_shows_everything(client, proposal):
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "fr"}).text
    assert "<h1 id=\"proposal-title\">Des pistes cyclables sécurisées</h1>" in html
    assert "Camille Martin" in html and "Mobilité" in html and "Place de la République" in html
    assert "48.867" in html and "2.363" in html
    assert "séparées de la route" in html
    assert html.count("<h1") == 1
    assert 'class="vote-box"' in html
    assert '<html lang="fr">' in html
    assert '<html lang="fr">' in client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": ""}).text


def test_page_in_english(client, proposal):
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    assert '<html lang="en">' in html and "Mobility" in html


@pytest.mark.parametrize("mode, english, french", [("support", "Supports", "Soutiens"), ("for_against", "Votes", "Votes")])
def test_the_box_is_headed_supports_when_people_give_supports(client, make, mode, english, french):
    proposal = make.proposal(make.consultation(phase="vote", vote_mode=mode))
    for headers, heading in (({"Accept-Language": "en"}, english), ({"Accept-Language": "fr"}, french)):
        html = client.get(f"/proposals/{proposal.id}", headers=headers).text
        assert f'<h2 id="votes-heading">{heading}</h2>' in html


def test_the_place_reads_well_with_and_without_an_address(client, make, proposal):
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    assert "Place de la République <span class=\"muted\">(latitude 48.867, longitude 2.363)</span>" in html
    bare = make.proposal(proposal.consultation, latitude=44.4, longitude=0.7)
    html = client.get(f"/proposals/{bare.id}", headers={"Accept-Language": "en"}).text
    assert "</strong> <span class=\"muted\">latitude 44.4, longitude 0.7</span>" in html


def test_a_proposal_over_the_threshold_says_it_is_eligible_on_its_page(client, make, login, open_consultation):
    open_consultation.support_threshold = 3
    over, under = make.proposal(open_consultation, votes_for=3), make.proposal(open_consultation, votes_for=2)
    eligible = '<span class="badge badge-ok">Eligible</span>'
    assert eligible in client.get(f"/proposals/{over.id}", headers={"Accept-Language": "en"}).text
    assert eligible not in client.get(f"/proposals/{under.id}", headers={"Accept-Language": "en"}).text
    # a withdrawn proposal is not eligible, whatever its count: on its page as in its author's listing
    withdrawn = make.proposal(open_consultation, votes_for=5, status="withdrawn")
    assert eligible not in client.get(f"/proposals/{withdrawn.id}", headers={"Accept-Language": "en"}).text
    login(withdrawn.author)
    listing = client.get(f"/consultations/{open_consultation.id}/proposals?status=withdrawn",
                         headers={"Accept-Language": "en"}).text
    assert withdrawn.title in listing and eligible not in listing


def test_unknown_and_pending_not_found(client, make, login, open_consultation):
    assert client.get("/proposals/999").status_code == 404
    author = make.user()
    pending = make.proposal(open_consultation, author, status="pending")
    assert client.get(f"/proposals/{pending.id}").status_code == 404
    login(author)
    assert "Awaiting moderation" in client.get(f"/proposals/{pending.id}").text


def test_hidden_placeholder(client, make, login, open_consultation):
    author = make.user()
    hidden = make.proposal(open_consultation, author, status="hidden", title="Un titre caché au public")
    html = client.get(f"/proposals/{hidden.id}").text
    assert "Hidden by moderation — reason:" in html and "Un titre caché au public" not in html
    login(author)
    assert "Un titre caché au public" in client.get(f"/proposals/{hidden.id}").text


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[clic](javascript:alert(1))",
    '<a href="javascript:alert(1)">clic</a>',
    "![clic](javascript:alert(1))",
    '![<img src=x onerror="alert(1)">](https://example.org/a.png)',
])
def test_markdown_is_sanitised(client, make, open_consultation, text):
    p = make.proposal(open_consultation, title=f"Titre {text}", body=f"Corps de texte {text}")
    html = client.get(f"/proposals/{p.id}").text
    listing = client.get(f"/consultations/{open_consultation.id}/proposals").text
    for page in (html.lower(), listing.lower()):
        assert "<script>alert" not in page
        assert not _handlers_and_script_links(page)  # the text may say "onerror": no element has it


def _handlers_and_script_links(page):
    """The event handlers (onerror=…) and javascript: links of the page's elements, read as a
    browser reads them (text inside an attribute's value, such as a page's summary, is none)."""
    from html.parser import HTMLParser

    found = []

    class Elements(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name.startswith("on") or (name in ("href", "src") and (value or "").strip().startswith("javascript:")):
                    found.append((tag, name, value))

    Elements().feed(page)
    return found


def test_links_are_nofollow_ugc(client, make, open_consultation):
    p = make.proposal(open_consultation, body="Voir [le plan](https://example.org/plan) pour plus de détails.")
    html = client.get(f"/proposals/{p.id}").text
    assert 'href="https://example.org/plan"' in html and "nofollow ugc" in html


def test_an_image_is_a_link_to_it_never_loaded_from_another_site(client, make, open_consultation):
    p = make.proposal(open_consultation, body="Le plan : ![Plan du square](https://example.org/plan.png) à voir.")
    html = client.get(f"/proposals/{p.id}").text
    assert 'Le plan : <a href="https://example.org/plan.png" rel="nofollow ugc noopener">Plan du square</a> à voir.' in html
    assert "<img" not in html.split('class="markdown proposal-body"', 1)[1].split("</div>", 1)[0]


# --- editing ---------------------------------------------------------------------------

def edit_data(p, **over):
    values = {"title": "Un nouveau titre plus précis", "body": "Un nouveau corps de texte suffisant.",
              "category": str(p.category_id)}
    values.update(over)
    return values


def test_author_edits(client, login, proposal):
    login(proposal.author)
    page = client.get(f"/proposals/{proposal.id}/edit")
    assert page.status_code == 200 and proposal.category_id
    # the form opens as the proposal is: its category chosen, so that saving as is works
    assert f'<option selected value="{proposal.category_id}">' in page.text
    assert f'value="{proposal.title}"' in page.text
    r = client.post(f"/proposals/{proposal.id}/edit", data=edit_data(proposal))
    assert r.status_code == 302
    db.session.expire_all()
    p = db.session.get(Proposal, proposal.id)
    assert p.title == "Un nouveau titre plus précis" and "nouveau" in p.search_text


def test_edit_bad_input(client, login, proposal):
    login(proposal.author)
    r = client.post(f"/proposals/{proposal.id}/edit", data=edit_data(proposal, title="court"))
    assert r.status_code == 422 and 'id="title-error"' in r.text
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).title == "Des pistes cyclables sécurisées"


def test_others_cannot_edit(client, make, login, proposal):
    login(make.user())
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 403
    assert client.post(f"/proposals/{proposal.id}/edit", data=edit_data(proposal)).status_code == 403


def test_edit_forbidden_after_a_vote(client, make, login, proposal):
    db.session.add(Vote(user_id=make.user().id, proposal_id=proposal.id, consultation_id=proposal.consultation_id, value=1))
    proposal.votes_for = 1
    db.session.commit()
    login(proposal.author)
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 403
    assert client.post(f"/proposals/{proposal.id}/edit", data=edit_data(proposal)).status_code == 403
    page = client.get(f"/proposals/{proposal.id}").text
    assert ">Edit</a>" not in page and "Your proposal can no longer be edited: it has received votes" in page


def test_edit_forbidden_after_a_comment(client, make, login, proposal):
    make.comment(proposal)
    login(proposal.author)
    assert client.post(f"/proposals/{proposal.id}/edit", data=edit_data(proposal)).status_code == 403


# --- withdrawing -----------------------------------------------------------------------

def test_withdraw(client, make, login, proposal, open_consultation):
    login(make.user())
    assert client.post(f"/proposals/{proposal.id}/withdraw").status_code == 403
    login(proposal.author)
    page = client.get(f"/proposals/{proposal.id}").text  # a second, explained button confirms
    assert '<summary class="button button-danger">Withdraw my proposal</summary>' in page
    assert "Withdrawing is final" in page and ">Withdraw it for good</button>" in page
    r = client.post(f"/proposals/{proposal.id}/withdraw", follow_redirects=True)
    assert r.status_code == 200 and "can no longer be voted on" in r.text
    db.session.expire_all()
    p = db.session.get(Proposal, proposal.id)
    assert p.status == "withdrawn" and p.withdrawn_at is not None
    repeat = client.post(f"/proposals/{p.id}/withdraw", follow_redirects=True)  # a second click
    assert repeat.status_code == 200 and "can no longer be voted on" in repeat.text
    page = client.get(f"/proposals/{p.id}").text
    assert "Withdrawn" in page and "Withdraw my proposal" not in page
    listing = client.get(f"/consultations/{open_consultation.id}/proposals").text
    assert "Des pistes cyclables sécurisées" in listing and "Withdrawn" in listing


# --- official answer -------------------------------------------------------------------

def answer_data(**over):
    values = {"state": "accepted", "text_fr": "Le conseil municipal a **voté** ce projet.",
              "text_en": "The council voted for this project."}
    values.update(over)
    return values


def test_admin_answers_and_history_is_kept(client, make, login, proposal):
    admin = login(make.member(make.user(), proposal.consultation.territory, "admin"))
    assert "Answer officially" in client.get(f"/proposals/{proposal.id}").text
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(state="under_review", text_fr="À l'étude."))
    assert r.status_code == 302
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data())
    assert r.status_code == 302
    db.session.expire_all()
    p = db.session.get(Proposal, proposal.id)
    assert p.answer_state == "accepted"
    assert [a.state for a in p.answers] == ["accepted", "under_review"]
    assert p.answers[0].author_id == admin.id
    html = client.get(f"/proposals/{p.id}", headers={"Accept-Language": "fr"}).text
    assert 'id="official-answer"' in html and "<strong>voté</strong>" in html
    assert "tude." in html
    assert "Earlier answers (1)" in client.get(f"/proposals/{p.id}").text
    en = client.get(f"/proposals/{p.id}", headers={"Accept-Language": "en"}).text
    assert "The council voted for this project." in en


def field_text(html, name):
    """What a form's text area holds, as the person sees it."""
    return re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S).group(1).strip()


def test_the_answer_form_starts_from_the_current_answer(client, make, login, proposal):
    """Correcting a word of the justification is not typing it again; the history keeps the answer corrected."""
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data(
        state="in_progress", text_fr="Les travaux commencent en mai.", text_en="Works start in May."))
    page = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "fr"}).text
    assert "Modifier la réponse officielle" in page
    assert re.search(r'<option selected value="in_progress">', page)
    assert field_text(page, "text_fr") == "Les travaux commencent en mai."
    assert field_text(page, "text_en") == "Works start in May."
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data(
        state="in_progress", text_fr="Les travaux commencent en juin.", text_en="Works start in May."))
    db.session.expire_all()
    answers = db.session.get(Proposal, proposal.id).answers
    assert [a.text["fr"] for a in answers] == ["Les travaux commencent en juin.", "Les travaux commencent en mai."]
    page = client.get(f"/proposals/{proposal.id}").text
    assert field_text(page, "text_fr") == "Les travaux commencent en juin." and "Earlier answers (1)" in page


def test_the_current_answer_sent_again_unchanged_is_not_published_twice(client, make, login, proposal):
    """Its followers are not told again of an answer that did not change: the staff are told to change it."""
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data())
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(), headers={"Accept-Language": "fr"})
    assert r.status_code == 422
    assert 'id="text_fr-error"' in r.text and "C’est déjà la réponse actuelle" in r.text
    assert db.session.scalar(db.select(db.func.count(ProposalAnswer.id))) == 1
    assert client.post(f"/proposals/{proposal.id}/answer", data=answer_data(state="implemented")).status_code == 302


def test_answer_notifies_the_author(client, make, login, proposal):
    from consult.notifications.models import Notification

    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data())
    kinds = db.session.scalars(db.select(Notification.kind).where(Notification.user_id == proposal.author_id)).all()
    assert "proposal_answered" in kinds


def test_an_answer_given_while_the_consultation_is_a_draft_is_told_once_it_is_published(client, make, login,
                                                                                        proposal):
    """Its author and followers hear of it when the public may read it again, and the page says so."""
    from consult.notifications.models import Notification
    from consult.notifications.services import follow

    fan = make.user()
    follow(fan, "proposal", proposal.id)
    db.session.commit()
    consultation_id = proposal.consultation_id
    status_url = f"/admin/consultations/{consultation_id}/status"
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    client.post(status_url, data={"action": "draft", "confirm": "1"})
    page = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(), follow_redirects=True).text
    assert "will be notified when the consultation is published" in page and "are notified" not in page

    def told():
        return sorted(db.session.scalars(db.select(Notification.user_id).where(
            Notification.kind == "proposal_answered")))

    assert told() == []
    client.post(status_url, data={"action": "publish"})
    assert told() == sorted([proposal.author_id, fan.id])
    client.post(status_url, data={"action": "draft", "confirm": "1"})
    client.post(status_url, data={"action": "publish"})
    assert told() == sorted([proposal.author_id, fan.id])  # once


def test_the_answer_form_of_a_draft_consultation_says_the_answer_waits_for_its_publication(client, make, login,
                                                                                         proposal):
    """Nobody but its admins reads a draft consultation: the form does not tell them their answer is public."""
    status_url = f"/admin/consultations/{proposal.consultation_id}/status"
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    client.post(status_url, data={"action": "draft", "confirm": "1"})
    page = client.get(f"/proposals/{proposal.id}").text
    assert "Answer officially" in page and "Your answer is public" not in page
    assert "Your answer will be public once the consultation is published" in page
    client.post(status_url, data={"action": "publish"})
    page = client.get(f"/proposals/{proposal.id}").text
    assert "Your answer is public" in page and "once the consultation is published" not in page


def test_an_answer_told_is_not_told_again_when_the_consultation_is_published_again(client, make, login, proposal):
    from consult.notifications.models import Notification

    status_url = f"/admin/consultations/{proposal.consultation_id}/status"
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data())
    client.post(status_url, data={"action": "draft", "confirm": "1"})
    client.post(status_url, data={"action": "publish"})
    assert db.session.scalars(db.select(Notification.user_id).where(
        Notification.kind == "proposal_answered")).all() == [proposal.author_id]


def test_screen_readers_read_each_justification_in_its_language_and_its_label_in_the_page_s(client, make, login,
                                                                                          proposal):
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    assert field_languages(html, "text_fr") == ("en", "fr")
    assert field_languages(html, "text_en") == ("en", "en")


@pytest.mark.parametrize("over,field", [({"text_fr": ""}, "text_fr"), ({"state": "maybe"}, "state"),
                                        ({"text_fr": "x" * 10_001}, "text_fr")])
def test_answer_bad_input(client, make, login, proposal, over, field):
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(**over))
    assert r.status_code == 422 and f'id="{field}-error"' in r.text
    assert db.session.scalar(db.select(db.func.count(ProposalAnswer.id))) == 0


def test_a_form_sent_back_with_errors_leads_back_to_its_page_not_to_its_post_address(client, make, login, proposal):
    """The language switcher, follow and report links of a page answering a POST lead to the page
    the form was on (a GET of the POST's address would answer 405)."""
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    page = f"/proposals/{proposal.id}?tab=answer"
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(text_fr=""),
                    headers={"Referer": f"http://localhost{page}"})
    assert r.status_code == 422
    assert re.search(r'name="next" value="([^"]*)"', r.text).group(1) == page
    elsewhere = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(text_fr=""),
                            headers={"Referer": "https://example.com/phishing"})
    assert re.search(r'name="next" value="([^"]*)"', elsewhere.text).group(1) == "/"


@pytest.mark.parametrize("who", ["resident", "author", "other_admin", "moderator"])
def test_answer_forbidden(client, make, login, proposal, who):
    territory = proposal.consultation.territory
    user = {"resident": lambda: make.user(), "author": lambda: proposal.author,
            "other_admin": lambda: make.member(make.user(), make.territory(), "admin"),
            "moderator": lambda: make.member(make.user(), territory, "moderator")}[who]()
    login(user)
    assert client.post(f"/proposals/{proposal.id}/answer", data=answer_data()).status_code == 403
    assert db.session.scalar(db.select(db.func.count(ProposalAnswer.id))) == 0
    assert "Answer officially" not in client.get(f"/proposals/{proposal.id}").text


@pytest.mark.parametrize("status", ["withdrawn", "rejected", "hidden", "pending"])
def test_only_a_published_proposal_is_answered(client, make, login, proposal, status):
    """An answer is public: the staff are told why they cannot answer, and no form is offered."""
    login(make.member(make.user(), proposal.consultation.territory, "admin"))
    proposal.status = status
    db.session.commit()
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data())
    assert r.status_code == 409 and "Only a published proposal can be answered officially" in r.text
    assert db.session.scalar(db.select(db.func.count(ProposalAnswer.id))) == 0
    assert "Answer officially" not in client.get(f"/proposals/{proposal.id}").text


def test_comments_included(client, make, proposal):
    make.comment(proposal, body="Un commentaire très pertinent.")
    assert "Un commentaire très pertinent." in client.get(f"/proposals/{proposal.id}").text
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 1


def test_texts_in_another_language_than_the_page_are_marked_with_theirs(client, make, proposal):
    """Screen readers read a French proposal, comment or official answer on an English page in
    French (WCAG 3.1.2); a French page does not repeat its own language."""
    english = make.proposal(proposal.consultation, title="Safer crossings", body="Raised crossings.", language="en")
    make.comment(proposal, body="Un commentaire en français.")
    make.comment(proposal, body="A comment in English.", language="en")
    db.session.add(ProposalAnswer(proposal=proposal, state="accepted", text={"fr": "Le conseil a voté ce projet."}))
    proposal.answer_state = "accepted"
    db.session.commit()
    en = client.get(f"/proposals/{proposal.id}").text
    assert '<h1 id="proposal-title" lang="fr">Des pistes cyclables sécurisées</h1>' in en
    assert '<div class="markdown proposal-body" lang="fr"><p>Créer des pistes' in en
    assert '<div class="markdown" lang="fr"><p>Le conseil a voté ce projet.</p>' in en  # no English answer yet
    assert '<div class="markdown comment-body" lang="fr"><p>Un commentaire en français.</p>' in en
    assert '<div class="markdown comment-body"><p>A comment in English.</p>' in en
    listing = client.get(f"/consultations/{proposal.consultation_id}/proposals").text
    assert f'<a href="/proposals/{proposal.id}" lang="fr">Des pistes cyclables sécurisées</a>' in listing
    assert f'<a href="/proposals/{english.id}">Safer crossings</a>' in listing
    fr = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "fr"}).text
    assert '<h1 id="proposal-title">Des pistes cyclables sécurisées</h1>' in fr
    assert '<div class="markdown comment-body"><p>Un commentaire en français.</p>' in fr
    assert '<div class="markdown comment-body" lang="en"><p>A comment in English.</p>' in fr
    assert fr.count(' lang="fr"') == 1  # the page's own, on <html>
    fr_listing = client.get(f"/consultations/{proposal.consultation_id}/proposals", headers={"Accept-Language": "fr"}).text
    assert f'<a href="/proposals/{english.id}" lang="en">Safer crossings</a>' in fr_listing
