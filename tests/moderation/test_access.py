"""Route × role matrix for the moderation pages."""
import re

import pytest

from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction

from ..helpers import current_page, pagination_links


@pytest.fixture
def people(world, make):
    resident = world.residents[0]
    platform = make.user(name="Pat Platform", platform_admin=True)
    return {"anonymous": None, "resident": resident, "other_moderator": world.outsider,
            "moderator": world.moderator, "territory_admin": world.admin, "platform_admin": platform}


URLS = ("/moderation/", "/moderation/log", "/moderation/appeals", "/moderation/log.csv", "/moderation/log-excel.csv")
PAGES = {
    # role: the status of each of URLS
    "anonymous": (302, 302, 302, 302, 302),
    "resident": (403, 403, 403, 403, 403),
    "other_moderator": (200, 403, 200, 403, 403),
    "moderator": (200, 403, 200, 403, 403),
    "territory_admin": (200, 200, 200, 200, 200),
    "platform_admin": (403, 200, 403, 200, 200),
}


@pytest.mark.parametrize("role", list(PAGES))
def test_pages_by_role(people, as_user, client, role):
    as_user(people[role])
    assert tuple(client.get(url).status_code for url in URLS) == PAGES[role]
    if role == "anonymous":
        assert "/auth/login" in client.get("/moderation/").headers["Location"]


ACT = {"anonymous": 302, "resident": 403, "other_moderator": 403, "moderator": 302,
       "territory_admin": 302, "platform_admin": 403}


@pytest.mark.parametrize("role", list(ACT))
def test_act_by_role(world, people, as_user, client, role):
    as_user(people[role])
    response = client.post("/moderation/act", data={
        "target_type": "proposal", "target_id": world.proposal.id, "action": "warn",
        "explanation": "Merci de rester courtois."})
    assert response.status_code == ACT[role]
    actions = db.session.scalar(db.select(db.func.count()).select_from(ModerationAction))
    assert actions == (1 if ACT[role] == 302 and role != "anonymous" else 0)


def test_other_moderator_sees_only_their_territory(world, as_user, client):
    as_user(world.residents[0])
    client.post(f"/moderation/report/proposal/{world.proposal.id}", data={"reason": "spam"})
    as_user(world.outsider)
    assert "Un jardin partagé" not in client.get("/moderation/").get_data(as_text=True)
    as_user(world.moderator)
    assert "Un jardin partagé" in client.get("/moderation/").get_data(as_text=True)


def test_appeal_page_by_role(world, as_user, client):
    as_user(world.moderator)
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": world.proposal.id,
                                         "action": "hide", "rule": "spam", "explanation": "Pub."})
    action = db.session.scalar(db.select(ModerationAction))
    as_user(world.alice)
    client.post(f"/me/moderation/{action.id}/appeal", data={"message": "Non."})
    appeal = db.session.scalar(db.select(Appeal))
    url = f"/moderation/appeals/{appeal.id}"
    expectations = [(world.outsider, 403, 403), (world.moderator, 200, 403), (world.residents[0], 403, 403)]
    for person, get_code, post_code in expectations:
        as_user(person)
        assert client.get(url).status_code == get_code
        assert client.post(url, data={"decision": "reversed", "decision_text": "x"}).status_code == post_code
    db.session.refresh(world.proposal)
    assert world.proposal.status == "hidden"


def test_log_filters_and_csv(world, make, as_user, client):
    second = make.proposal(world.consultation, world.residents[1], title="Autre idée")
    as_user(world.moderator)
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": world.proposal.id,
                                         "action": "warn", "explanation": "Attention au ton."})
    as_user(world.admin)
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": second.id,
                                         "action": "hide", "rule": "off_topic", "explanation": "Hors sujet."})
    page = client.get("/moderation/log?action=hide").get_data(as_text=True)
    assert "Hors sujet." in page and "Attention au ton." not in page
    page = client.get(f"/moderation/log?moderator={world.moderator.id}").get_data(as_text=True)
    assert "Attention au ton." in page and "Hors sujet." not in page
    assert "No entry matches" in client.get("/moderation/log?start=2000-01-01&end=2000-01-31").get_data(as_text=True)
    assert client.get("/moderation/log?action=nonsense").status_code == 422
    csv_text = client.get("/moderation/log.csv?action=warn").get_data(as_text=True)
    assert "Attention au ton." in csv_text and "Hors sujet." not in csv_text
    when = csv_text.splitlines()[1].split(",")[1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", when)  # UTC, said so
    assert client.get(f"/moderation/log?territory={world.territory.id}").status_code == 200


def test_the_log_of_another_territory_is_forbidden(world, as_user, client):
    as_user(world.admin)
    for url in ("/moderation/log", "/moderation/log.csv", "/moderation/log-excel.csv"):
        assert client.get(f"{url}?territory={world.other.id}").status_code == 403, url
        assert client.get(f"{url}?territory=nonsense").status_code == 422, url


def test_log_entries_link_to_the_items_their_reader_may_review(world, make, as_user, client):
    comment = make.comment(world.proposal, world.residents[0])
    for target_type, target_id in (("comment", comment.id), ("user", world.alice.id)):
        db.session.add(ModerationAction(territory_id=world.territory.id, moderator_id=world.moderator.id,
                                        target_type=target_type, target_id=target_id, action="warn"))
    db.session.commit()
    links = (f'<a href="/moderation/item/comment/{comment.id}">Comment #{comment.id}</a>',
             f'<a href="/moderation/item/user/{world.alice.id}?territory=villeneuve">Person #{world.alice.id}</a>')
    as_user(world.admin)
    html = client.get("/moderation/log").text
    assert all(link in html for link in links)
    for link in links:
        assert client.get(re.search(r'href="([^"]+)"', link)[1]).status_code == 200
    as_user(make.user(platform_admin=True))  # reads every log, reviews no territory's items
    html = client.get("/moderation/log").text
    assert f"<td>Comment #{comment.id}</td>" in html and "/moderation/item/" not in html


def test_log_pages_keep_the_filters_and_nothing_else(world, as_user, client):
    for i in range(51):
        db.session.add(ModerationAction(territory_id=world.territory.id, moderator_id=world.admin.id,
                                        target_type="proposal", target_id=world.proposal.id, action="warn",
                                        explanation=f"Note {i}"))
    db.session.commit()
    as_user(world.admin)
    html = client.get("/moderation/log?action=warn&territory=&label=Hello&window=1&page=2").get_data(as_text=True)
    nav = pagination_links(html)
    assert '<a href="/moderation/log?page=1&amp;action=warn" rel="prev">' in nav
    assert current_page(2) in nav
    assert 'rel="next"' not in nav
    assert "Hello" not in nav and "window=" not in nav
    assert '<a href="/moderation/log.csv?action=warn" download>' in html
    first = pagination_links(client.get("/moderation/log?action=warn").get_data(as_text=True))
    assert '<a href="/moderation/log?page=2&amp;action=warn" rel="next">' in first


def test_queue_pages_keep_the_territory(world, make, as_user, client):
    for i in range(21):
        make.proposal(world.consultation, world.residents[0], title=f"Idée {i}", status="pending")
    as_user(world.moderator)
    nav = pagination_links(client.get(f"/moderation/?territory={world.territory.id}").get_data(as_text=True))
    assert f'<a href="/moderation/?page=2&amp;territory={world.territory.id}" rel="next">' in nav
    assert current_page(1) in nav
    nav = pagination_links(client.get("/moderation/?page=2").get_data(as_text=True))
    assert '<a href="/moderation/?page=1" rel="prev">' in nav and 'rel="next"' not in nav


def test_decisions_lead_back_to_the_queue_as_it_was(world, make, as_user, client):
    """Approving from a filtered page of the queue, or from the item page reached from it,
    comes back to that page of that territory's queue, not to the whole queue."""
    for i in range(22):
        make.proposal(world.consultation, world.residents[0], title=f"Idée {i}", status="pending")
    as_user(world.moderator)
    queue = f"/moderation/?page=2&territory={world.territory.id}"
    html = client.get(queue).get_data(as_text=True)
    quick = html[html.index('<form method="post" action="/moderation/act"'):]
    quick = quick[:quick.index("</form>")]
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', quick))
    assert fields["action"] == "approve"
    r = client.post("/moderation/act", data={**fields, "next": fields["next"].replace("&amp;", "&")})
    assert r.status_code == 302 and r.headers["Location"] == queue

    # the second item of the page (the first is approved): its page, then a decision there
    review = re.findall(r'<a class="button button-small" href="([^"]+)">Review and decide</a>', html)[1]
    item = client.get(review.replace("&amp;", "&")).get_data(as_text=True)
    back = queue.replace("&", "&amp;")
    assert f'<a href="{back}">Back to the queue</a>' in item
    assert f'<input type="hidden" name="next" value="{back}">' in item
    target = dict(re.findall(r'name="(target_type|target_id|territory_id)" type="hidden" value="([^"]*)"', item))
    r = client.post("/moderation/act", data={**target, "action": "approve", "next": queue})
    assert r.status_code == 302 and r.headers["Location"] == queue
