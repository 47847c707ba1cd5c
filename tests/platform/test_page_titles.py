"""Each page's title says what the page is, and which item where several pages share a form
(WCAG 2.4.2): a browser tab, a bookmark and the first words a screen reader says tell them apart."""
import re

import pytest

from consult.consultations.models import ConsultationNews
from consult.database import utcnow
from consult.extensions import db
from consult.pages.models import Page

from ..fixtures import cheap_passwords  # noqa: F401  (autouse: passwords hashed cheaply)


def title(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).split(" · ")[0].strip()


def titles(client, *urls):
    found = [title(client, url) for url in urls]
    assert len(set(found)) == len(found), found
    return found


def test_the_platform_pages_edited_are_named(client, login, make):
    db.session.add_all([Page(slug="faq", title={"fr": "Questions", "en": "Questions"}, body={"fr": "Réponses"}),
                        Page(slug="mentions", title={"fr": "Mentions", "en": "Legal notice"}, body={"fr": "Texte"})])
    db.session.commit()
    login(make.user(platform_admin=True))
    found = titles(client, "/admin/pages/faq", "/admin/pages/mentions", "/admin/pages/terms", "/admin/pages/new")
    assert found[:3] == ["Edit a platform page — Questions", "Edit a platform page — Legal notice",
                         "Edit a platform page — Terms of use"]


def test_the_news_of_the_back_office_is_not_taken_for_the_public_news(client, login, make):
    territory = make.territory()
    consultation = make.consultation(territory)
    db.session.add(ConsultationNews(consultation=consultation, title={"fr": "Réunion"}, body={"fr": "Jeudi."},
                                    published_at=utcnow()))
    db.session.commit()
    login(make.member(make.user(), territory, "admin"))
    back_office, public = titles(client, f"/admin/consultations/{consultation.id}/news",
                                 f"/consultations/{consultation.id}/news")
    assert back_office == "Manage the news — Participatory budget"


@pytest.mark.parametrize("page, role, headings", [
    ("report", None, ("Report this proposal", "Report this comment", "Report this person")),
    ("item", "moderator", ("Review an item",) * 3),
])
def test_a_report_and_a_review_say_what_they_are_about(client, login, make, page, role, headings):
    territory = make.territory(slug="ville")
    author = make.user(name="Camille Martin")
    proposal = make.proposal(make.consultation(territory), author, title="Un banc sous le tilleul")
    comment = make.comment(proposal, author)
    login(make.member(make.user(), territory, role) if role else make.user())
    found = titles(client, f"/moderation/{page}/proposal/{proposal.id}", f"/moderation/{page}/comment/{comment.id}",
                   f"/moderation/{page}/user/{author.id}?territory=ville")
    names = ("Un banc sous le tilleul", "Comment by Camille Martin", "Camille Martin")
    assert found == [f"{heading} — {name}" for heading, name in zip(headings, names)]


def test_the_consultation_and_the_proposal_edited_are_named(client, login, make):
    territory = make.territory(name="Villeneuve")
    first = make.consultation(territory, title={"fr": "Budget participatif", "en": "Participatory budget"})
    second = make.consultation(territory, title={"fr": "Les berges", "en": "The riverbanks"})
    login(make.member(make.user(), territory, "admin"))
    found = titles(client, f"/admin/consultations/{first.id}/edit", f"/admin/consultations/{second.id}/edit",
                   f"/admin/territories/{territory.slug}/consultations/new")
    assert found == ["Edit the consultation — Participatory budget", "Edit the consultation — The riverbanks",
                     "New consultation — Villeneuve"]
    author = login(make.user())
    proposals = [make.proposal(first, author, title=name) for name in ("Un banc", "Une fontaine")]
    assert titles(client, *(f"/proposals/{p.id}/edit" for p in proposals)) == [
        "Edit your proposal — Un banc", "Edit your proposal — Une fontaine"]
