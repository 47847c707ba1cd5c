"""A published proposal or comment that breaks the rules, read by a moderator of its territory
on the public page (nobody reported it): a discreet "Moderate" link opens it where they decide,
and brings them back where they were; a hidden proposal says so to them, with the way to its
decision page. Nobody else sees these links, not even a visitor served a page after them."""
import re
from types import SimpleNamespace

import pytest

from consult import permissions
from consult.comments.models import Comment
from consult.extensions import db
from consult.proposals.models import Proposal

from ..test_permissions_matrix import HERE, PEOPLE

FR = {"Accept-Language": "fr"}
HIDE = {"action": "hide", "rule": "spam", "explanation": "Publicité sans rapport avec la consultation."}


def moderate_links(html):
    """{href: what a screen reader reads} of the page's "Moderate" links."""
    found = re.findall(r'<a class="moderate-link" rel="nofollow" href="([^"]+)">(.*?)</a>', html, re.S)
    return {href.replace("&amp;", "&"): re.sub(r"<[^>]+>", "", text) for href, text in found}


def decide(client, target_type, target, territory, next_url, **decision):
    return client.post("/moderation/act", data={"target_type": target_type, "target_id": target.id,
                                                "territory_id": territory.id, "next": next_url, **decision})


@pytest.fixture
def debate(world, make):
    """Alice's proposal with a comment of a resident, and one of the moderator's own."""
    comment = make.comment(world.proposal, world.residents[0], body="Achetez mes montres sur example.com")
    own = make.comment(world.proposal, world.moderator, body="Merci pour vos idées.")
    return SimpleNamespace(comment=comment, own=own, page=f"/proposals/{world.proposal.id}")


# --- who is offered what ------------------------------------------------------------------------

# what each status offers a moderator of the territory (author: somebody else)
OFFERS = {"published": "moderate", "withdrawn": "moderate", "pending": "review", "hidden": "reconsider",
          "rejected": "reconsider", "deleted": None}


@pytest.mark.parametrize("status", OFFERS)
@pytest.mark.parametrize("role", PEOPLE)
def test_only_the_territorys_moderators_are_offered_to_moderate(role, status):
    user = PEOPLE[role]()
    user.id = 7
    contribution = SimpleNamespace(status=status, author_id=8)
    expected = OFFERS[status] if role in ("moderator", "territory_admin") else None
    assert permissions.moderation_offer(user, contribution, HERE.id) == expected
    own = SimpleNamespace(status=status, author_id=7)
    assert permissions.moderation_offer(user, own, HERE.id) is None  # nobody moderates their own


# --- the moderator, from the page and back ----------------------------------------------------------

@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_a_moderator_hides_a_published_proposal_from_its_page_and_comes_back_to_it(world, as_user, debate, who):
    client = as_user(getattr(world, who))
    page = debate.page
    links = moderate_links(client.get(page).text)
    item = f"/moderation/item/proposal/{world.proposal.id}?next={page}"
    assert links[item] == "Moderate this proposal"
    shown = client.get(item).text
    assert f'<a href="{page}">Back to the page you came from</a>' in shown
    assert f'<input type="hidden" name="next" value="{page}">' in shown and 'value="hide"' in shown

    r = decide(client, "proposal", world.proposal, world.territory, page, **HIDE)
    assert r.status_code == 302 and r.headers["Location"] == page
    assert db.session.get(Proposal, world.proposal.id).status == "hidden"
    after = client.get(page).text
    assert "Decision recorded: Hidden. The author has been told why, and may appeal." in after
    # hidden now: the page says so, and why, and leads back to its decision page to restore it
    assert "This proposal is hidden: visitors see neither its title nor its text" in after
    assert "Hidden by moderation — reason: Spam" in after
    assert f'href="/moderation/item/proposal/{world.proposal.id}?next={page}">Review the decision</a>' in after
    assert item not in moderate_links(after)
    r = decide(client, "proposal", world.proposal, world.territory, page, action="restore")
    assert r.status_code == 302 and r.headers["Location"] == page
    assert db.session.get(Proposal, world.proposal.id).status == "published"
    assert "This proposal is hidden" not in client.get(page).text


def test_a_moderator_hides_a_comment_and_lands_back_on_it_with_the_decision(world, as_user, debate):
    client = as_user(world.moderator)
    comment = debate.comment
    back = f"{debate.page}#comment-{comment.id}"
    links = moderate_links(client.get(debate.page).text)
    item = f"/moderation/item/comment/{comment.id}?next={debate.page}%23comment-{comment.id}"
    assert links[item].startswith("Moderate this comment, written by Resident 0 on ")
    assert f'<input type="hidden" name="next" value="{back}">' in client.get(item).text

    r = decide(client, "comment", comment, world.territory, back, **HIDE)
    assert r.status_code == 302 and r.headers["Location"] == back
    assert db.session.get(Comment, comment.id).status == "hidden"
    html = client.get(debate.page).text
    # the decision is told in the comment, where the browser lands, with its placeholder and link
    start = html.index(f'id="comment-{comment.id}"')
    shown = html[start:html.index("</li>", start)]
    assert "Decision recorded: Hidden." in shown and "Hidden by moderation — reason: Spam" in shown
    assert item in moderate_links(shown)


def test_the_queue_still_leads_back_to_the_queue(world, as_user, debate):
    client = as_user(world.moderator)
    assert '<a href="/moderation/">Back to the queue</a>' in client.get(
        f"/moderation/item/proposal/{world.proposal.id}").text
    r = decide(client, "proposal", world.proposal, world.territory, "https://evil.example/", **HIDE)
    assert r.status_code == 302 and r.headers["Location"] == "/moderation/"  # never another site


# --- nobody else ------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["anonymous", "alice", "resident", "outsider", "platform_admin"])
def test_nobody_else_is_offered_to_moderate(world, as_user, make, debate, who):
    people = {"anonymous": None, "resident": world.residents[1],
              "platform_admin": make.user(platform_admin=True)}
    html = as_user(people[who] if who in people else getattr(world, who)).get(debate.page).text
    assert "Achetez mes montres" in html and moderate_links(html) == {}
    assert "Moderate" not in html


def test_a_moderator_is_not_offered_to_moderate_their_own_comment(world, as_user, debate):
    links = moderate_links(as_user(world.moderator).get(debate.page).text)
    assert len(links) == 2  # the proposal and the resident's comment
    assert not any(f"/comment/{debate.own.id}?" in href for href in links)


def test_a_hidden_proposal_tells_visitors_nothing_of_its_moderation(world, as_user):
    world.proposal.status = "hidden"
    db.session.commit()
    for person in (None, world.residents[0], world.outsider):
        html = as_user(person).get(f"/proposals/{world.proposal.id}").text
        assert "Hidden proposal" in html
        assert "/moderation/item/" not in html and "This proposal is hidden:" not in html


def test_a_rejected_proposal_tells_its_moderator_who_sees_it(world, as_user):
    world.proposal.status = "rejected"
    db.session.commit()
    html = as_user(world.moderator).get(f"/proposals/{world.proposal.id}").text
    assert "This proposal was rejected: only its author and the moderators of Villeneuve see it." in html
    assert "Review the decision" in html


# --- the pages kept for visitors ----------------------------------------------------------------------

def test_a_visitor_served_after_a_moderator_never_sees_the_link(app, world, as_user, debate):
    app.config["PUBLIC_CACHE_SECONDS"] = 60  # the page cache on (long enough for a slow run)
    consultation = world.consultation.id
    pages = [debate.page, f"/consultations/{consultation}", f"/consultations/{consultation}/proposals"]
    moderator = as_user(world.moderator)
    assert moderate_links(moderator.get(debate.page).text)
    for page in pages:
        assert moderator.get(page).status_code == 200
    for person in (None, world.residents[1]):
        client = as_user(person)
        for page in pages * 2:  # the second time, the visitor's pages come from the cache
            html = client.get(page).text
            assert "moderate-link" not in html and "/moderation/item/" not in html, page
        if person is None:
            assert client.get(pages[1]).headers["X-Cache"] == "HIT"  # the cache was at work
    # and the moderator, after them, still has theirs
    assert moderate_links(as_user(world.moderator).get(debate.page).text)


# --- in French ----------------------------------------------------------------------------------------

def test_in_french(world, as_user, debate):
    client = as_user(world.moderator)
    links = moderate_links(client.get(debate.page, headers=FR).text)
    assert links[f"/moderation/item/proposal/{world.proposal.id}?next={debate.page}"] == "Modérer cette proposition"
    assert any(text.startswith("Modérer ce commentaire, écrit par Resident 0 le ") for text in links.values())
    assert "Retour à la page d’où vous venez" in client.get(
        f"/moderation/item/proposal/{world.proposal.id}?next={debate.page}", headers=FR).text
    world.proposal.status = "hidden"
    db.session.commit()
    html = client.get(debate.page, headers=FR).text
    assert "Cette proposition est masquée\u00a0: le public n’en voit ni le titre ni le texte" in html
    assert ">Revoir la décision</a>" in html
