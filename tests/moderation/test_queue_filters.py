"""A moderator works through one kind of thing at a time: the queue narrowed to reports or to
contributions awaiting approval, to proposals, comments or people, to one reason of the reports,
combined with its territory and consultation; its count, its pages and the way back from a
decision keep to it."""
import html
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.moderation import views
from consult.moderation.models import Report

from ..helpers import count_page_queries
from .test_queue import _queue


def _report(world, target, reporter, reason, status="open"):
    db.session.add(Report(territory_id=world.territory.id, reporter_id=reporter.id,
                          target_type=type(target).__name__.lower(), target_id=target.id, reason=reason,
                          status=status, created_at=utcnow()))
    db.session.commit()


@pytest.fixture
def queue(world, make, as_user):
    """Six items, the oldest first: a proposal reported twice (spam, harassment), a proposal awaiting
    approval, one awaiting approval and reported (off-topic), a comment reported (spam), a comment
    awaiting approval, and a person reported (harassment)."""
    (ana, ben, cleo), now = world.residents, utcnow()
    author = make.user(name="Bruno Auteur")
    items = SimpleNamespace(
        reported=make.proposal(world.consultation, author, title="Signalée deux fois"),
        pending=make.proposal(world.consultation, author, title="En attente", status="pending",
                              created_at=now - timedelta(days=5)),
        both=make.proposal(world.consultation, author, title="En attente et signalée", status="pending"),
        comment=make.comment(world.proposal, author, body="Commentaire signalé"),
        held=make.comment(world.proposal, author, status="pending", created_at=now - timedelta(days=4)),
        person=author)
    _report(world, items.reported, ana, "spam")
    _report(world, items.reported, ben, "harassment")
    _report(world, items.reported, cleo, "hate", status="dismissed")  # settled: neither counted nor filtered on
    _report(world, items.both, ana, "off_topic")
    _report(world, items.comment, ben, "spam")
    _report(world, items.person, cleo, "harassment")
    as_user(world.moderator)
    return items


def _keys(client, url):
    return {item[:2] for item in _queue(client, url)}


def _status(client, url):
    return re.search(r'<p role="status">([^<]*)', client.get(url).text).group(1).strip()


def test_each_filter_counts_and_lists_exactly_what_it_names(world, queue, client):
    q = queue
    expected = {
        "": {("proposal", q.reported.id), ("proposal", q.pending.id), ("proposal", q.both.id),
             ("comment", q.comment.id), ("comment", q.held.id), ("user", q.person.id)},
        "waiting=reported": {("proposal", q.reported.id), ("proposal", q.both.id), ("comment", q.comment.id),
                             ("user", q.person.id)},
        "waiting=pending": {("proposal", q.pending.id), ("proposal", q.both.id), ("comment", q.held.id)},
        "kind=proposal": {("proposal", q.reported.id), ("proposal", q.pending.id), ("proposal", q.both.id)},
        "kind=comment": {("comment", q.comment.id), ("comment", q.held.id)},
        "kind=user": {("user", q.person.id)},
        "reason=spam": {("proposal", q.reported.id), ("comment", q.comment.id)},
        "reason=harassment": {("proposal", q.reported.id), ("user", q.person.id)},
        "reason=off_topic": {("proposal", q.both.id)},
        "reason=hate": set(),  # only in a dismissed report
    }
    for query, items in expected.items():
        assert _keys(client, f"/moderation/?{query}") == items, query
    assert _status(client, "/moderation/") == "6 items to review"
    assert _status(client, "/moderation/?waiting=reported").startswith("4 items to review match these filters")
    assert _status(client, "/moderation/?kind=user").startswith("1 item to review matches these filters")
    empty = client.get("/moderation/?reason=hate").text
    assert "0 items to review match these filters" in empty and "No item to review matches these filters." in empty


def test_a_reason_keeps_every_open_report_of_the_items_it_finds(world, queue, client):
    [item] = _queue(client, "/moderation/?kind=proposal&reason=harassment")
    assert item == ("proposal", queue.reported.id, "2 open reports")
    page = client.get("/moderation/?kind=proposal&reason=harassment").text
    assert "Insult or harassment" in page and "Spam" in page


def test_filters_combine_with_each_other(world, queue, client):
    q = queue
    assert _keys(client, "/moderation/?waiting=pending&kind=proposal") == {("proposal", q.pending.id),
                                                                           ("proposal", q.both.id)}
    assert _keys(client, "/moderation/?waiting=pending&reason=off_topic") == {("proposal", q.both.id)}
    assert _keys(client, "/moderation/?waiting=reported&kind=proposal&reason=spam") == {("proposal", q.reported.id)}
    assert _keys(client, "/moderation/?kind=comment&reason=harassment") == set()
    assert _keys(client, "/moderation/?waiting=pending&kind=user") == set()


def test_filters_combine_with_the_territory_and_the_consultation(world, make, as_user, client):
    make.member(world.moderator, world.other, "moderator")
    there = make.proposal(make.consultation(world.other), make.user(), status="pending")
    second = make.consultation(world.territory)
    here = make.proposal(world.consultation, make.user(), status="pending")
    held = make.comment(world.proposal, make.user(), status="pending")
    elsewhere = make.proposal(second, make.user(), status="pending")
    as_user(world.moderator)
    assert _keys(client, "/moderation/?waiting=pending&kind=proposal") == {
        ("proposal", there.id), ("proposal", here.id), ("proposal", elsewhere.id)}
    assert _keys(client, f"/moderation/?territory={world.territory.id}&waiting=pending&kind=proposal") == {
        ("proposal", here.id), ("proposal", elsewhere.id)}
    assert _keys(client, f"/moderation/?consultation={second.id}&waiting=pending") == {("proposal", elsewhere.id)}
    page = client.get(f"/moderation/?consultation={world.consultation.id}&kind=comment")
    assert _keys(client, page.request.full_path) == {("comment", held.id)}
    assert f'<input type="hidden" name="consultation" value="{world.consultation.id}">' in page.text  # kept by the form
    assert f'href="/moderation/?territory={world.territory.id}&amp;kind=comment">See the whole queue' in page.text


def test_the_chosen_filters_stay_chosen_and_are_carried_from_page_to_page(world, queue, client, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    first = client.get("/moderation/?kind=proposal&waiting=")
    assert '<option selected value="proposal">Proposals</option>' in first.text
    assert _status(client, "/moderation/?kind=proposal").startswith("3 items to review match these filters")
    following = html.unescape(re.search(r'<a href="([^"]+)" rel="next">', first.text).group(1))
    assert following == "/moderation/?page=2&kind=proposal"
    assert _keys(client, following) == {("proposal", queue.pending.id)}  # the oldest, after the two reported
    assert client.get("/moderation/?kind=proposal&page=9").headers["Location"] == "/moderation/?page=2&kind=proposal"


def test_a_decision_from_a_filtered_page_leads_back_to_the_same_filtered_queue(world, queue, client, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 1)
    address = f"/moderation/?territory={world.territory.id}&waiting=pending&kind=proposal&page=2"
    page = client.get(address).text
    assert _keys(client, address) == {("proposal", queue.pending.id)}
    review = html.unescape(re.search(r'href="(/moderation/item/proposal/\d+\?next=[^"]+)"', page).group(1))
    assert "waiting%3Dpending" in review and "kind%3Dproposal" in review  # the decision page leads back there too
    form = re.search(r'<form method="post" action="/moderation/act".*?</form>', page, re.S).group(0)
    data = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert data["action"] == "approve"
    landed = client.post("/moderation/act", data={k: html.unescape(v) for k, v in data.items()},
                         follow_redirects=True)
    # its page emptied by the decision: the last page left of the same filtered queue
    filtered = f"/moderation/?page=1&territory={world.territory.id}&waiting=pending&kind=proposal"
    assert landed.request.full_path == filtered
    assert "Decision recorded: Approved." in landed.text
    assert "1 item to review matches these filters" in landed.text
    assert _keys(client, landed.request.full_path) == {("proposal", queue.both.id)}


def test_an_option_the_form_does_not_offer_is_refused_next_to_its_field(world, queue, client):
    for query, name in (("kind=vote", "kind"), ("waiting=hidden", "waiting"), ("reason=boring", "reason")):
        response = client.get(f"/moderation/?{query}")
        assert response.status_code == 422, query
        assert re.search(rf'id="{name}-error">\s*Choose one of the options in the list.', response.text), query
        assert 'class="card moderation-item"' not in response.text and "items to review" not in response.text
    french = client.get("/moderation/?kind=vote", headers={"Accept-Language": "fr"}).text
    assert "Choisissez l’une des options de la liste." in french


def test_the_french_page_speaks_french(world, queue, client):
    page = client.get("/moderation/?waiting=reported", headers={"Accept-Language": "fr"}).text
    for french in ("À examiner", "<option selected value=\"reported\">Signalements</option>", "Tous les types",
                   "Motif des signalements", "Tous les motifs", "Personnes",
                   "4 éléments à examiner correspondent à ces filtres", "Effacer les filtres"):
        assert french in page, french
    assert "To review" not in page and "match these filters" not in page


def test_the_filtered_queue_costs_the_same_statements_however_many_items_match(world, queue, make, client):
    addresses = ("/moderation/?waiting=reported&kind=proposal", "/moderation/?waiting=pending",
                 "/moderation/?reason=spam", "/moderation/?kind=comment&waiting=pending")
    few = [count_page_queries(client, address) for address in addresses]
    for i in range(15):
        author = make.user()
        _report(world, make.proposal(world.consultation, author), world.residents[i % 3], "spam")
        _report(world, make.comment(world.proposal, author), world.residents[i % 3], "spam")
        make.proposal(world.consultation, author, status="pending")
        make.comment(world.proposal, author, status="pending")
    assert [count_page_queries(client, address) for address in addresses] == few


def test_the_api_queue_takes_the_same_filters_and_refuses_unknown_values(world, queue, client, token_for):
    headers = token_for(world.moderator, "read")

    def listed(query):
        answer = client.get(f"/api/v1/moderation/queue?{query}", headers=headers)
        assert answer.status_code == 200, query
        body = answer.get_json()
        return body["total"], {(item["target_type"], item["target_id"]) for item in body["items"]}

    q = queue
    assert listed("")[0] == 6
    assert listed("waiting=pending") == (3, {("proposal", q.pending.id), ("proposal", q.both.id),
                                             ("comment", q.held.id)})
    assert listed("kind=user&reason=harassment") == (1, {("user", q.person.id)})
    assert listed("waiting=reported&kind=proposal&per_page=1") == (2, {("proposal", q.reported.id)})
    for query, name in (("kind=vote", "kind"), ("waiting=everything", "waiting"), ("reason=boring", "reason")):
        refused = client.get(f"/api/v1/moderation/queue?{query}", headers=headers)
        assert refused.status_code == 422 and name in refused.get_json()["error"]["fields"], query
