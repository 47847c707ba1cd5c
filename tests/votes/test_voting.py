"""Casting, changing and withdrawing votes; every refusal leaves the counts alone."""
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from consult.extensions import db

FETCH = {"X-Requested-With": "fetch"}


def test_support_is_recorded_and_redirects_with_votes_left(client, login, vote_setup, counts, used):
    consultation, proposal, voter = vote_setup(max_votes=4)
    login(voter)
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1", "next": "/consultations/1"})
    assert r.status_code == 302
    # back where the person voted (without JavaScript), at the proposal's vote box
    assert r.headers["Location"].endswith(f"/consultations/1#vote-box-{proposal.id}")
    assert counts(proposal) == (1, 0, 0, 1)
    assert used(voter, consultation) == 1
    with client.session_transaction() as session:
        flashes = [m for _, m in session.get("_flashes", [])]
    assert flashes == ["Your support is recorded. You have 3 supports left."]


def test_without_javascript_the_message_is_said_where_the_page_lands(client, login, vote_setup):
    """In the vote box the person pressed; at the top of a page without it (their activity)."""
    consultation, proposal, voter = vote_setup(max_votes=4)
    login(voter)
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}, follow_redirects=True)
    assert re.search(rf'<div class="vote-box" id="vote-box-{proposal.id}"(?:(?!</div>).)*'
                     r'role="status">Your support is recorded\. You have 3 supports left\.</p>', r.text, re.S)
    assert 'class="flashes"' not in r.text  # not said again at the top
    r = client.post(f"/proposals/{proposal.id}/vote/delete", data={"next": "/me/activity?show=votes"},
                    follow_redirects=True)
    assert re.search(r'<div class="flashes" role="status">\s*<p class="flash flash-success">'
                     r'Your support is withdrawn\. You have 4 supports left\.</p>', r.text)


def test_fetch_answers_the_updated_fragment(client, login, vote_setup, counts):
    consultation, proposal, voter = vote_setup(max_votes=10)
    login(voter)
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}, headers=FETCH)
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert f'id="vote-box-{proposal.id}"' in html
    assert 'data-count="for">1<' in html
    assert 'aria-pressed="true"' in html
    assert "9 of 10 supports left" in html
    assert 'role="status">Your support is recorded. You have 9 supports left.<' in html
    assert "<html" not in html


def test_withdraw_support_gives_the_vote_back(client, login, vote_setup, counts, used):
    consultation, proposal, voter = vote_setup(max_votes=2)
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    r = client.post(f"/proposals/{proposal.id}/vote/delete", headers=FETCH)
    assert r.status_code == 200
    assert "Your support is withdrawn. You have 2 supports left." in r.get_data(as_text=True)
    assert counts(proposal) == (0, 0, 0, 0)
    assert used(voter, consultation) == 0


def test_for_against_change_and_withdraw(client, login, vote_setup, counts, used):
    consultation, proposal, voter = vote_setup(vote_mode="for_against", max_votes=3)
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "-1"}).status_code == 302
    assert counts(proposal) == (0, 1, 0, 1)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "0"}).status_code == 302
    assert counts(proposal) == (0, 0, 1, 1)
    assert used(voter, consultation) == 1  # changing does not use another vote
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}, headers=FETCH)
    assert "Your vote is changed." in r.get_data(as_text=True)
    assert counts(proposal) == (1, 0, 0, 1)
    client.post(f"/proposals/{proposal.id}/vote/delete")
    assert counts(proposal) == (0, 0, 0, 0)
    assert used(voter, consultation) == 0


def test_supports_during_proposals_phase_when_allowed(client, login, vote_setup, counts):
    consultation, proposal, voter = vote_setup(phase="proposals", supports_during_proposals=True)
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}).status_code == 302
    assert counts(proposal) == (1, 0, 0, 1)


@pytest.mark.parametrize("case, status, message", [
    ("proposals_phase", 403, "Voting is not open in this consultation right now."),
    ("results_phase", 403, "Voting is not open in this consultation right now."),
    ("withdrawn", 403, "This proposal is no longer open to votes."),
    ("unconfirmed", 403, "Confirm your email address first."),
    ("invalid_value", 422, "This choice is not available in this consultation."),
    ("against_in_support_mode", 422, "This choice is not available in this consultation."),
    ("missing_value", 422, "This choice is not available in this consultation."),
])
def test_refusals_leave_counts_unchanged(client, login, make, vote_setup, counts, case, status, message):
    phase = {"proposals_phase": "proposals", "results_phase": "results"}.get(case, "vote")
    consultation, proposal, voter = vote_setup(phase=phase)
    data = {"value": "1"}
    if case == "withdrawn":
        proposal.status = "withdrawn"
        db.session.commit()
    if case == "unconfirmed":
        voter = make.user(confirmed=False)
    login(voter)
    data = {"invalid_value": {"value": "7"}, "against_in_support_mode": {"value": "-1"},
            "missing_value": {}}.get(case, data)
    r = client.post(f"/proposals/{proposal.id}/vote", data=data)
    assert r.status_code == status
    assert message in r.get_data(as_text=True)
    assert counts(proposal) == (0, 0, 0, 0)
    r = client.post(f"/proposals/{proposal.id}/vote", data=data, headers=FETCH)
    assert r.status_code == status
    assert message in r.get_data(as_text=True)
    assert counts(proposal) == (0, 0, 0, 0)


def test_a_visitor_s_vote_leads_to_sign_in_and_back_to_the_page(client, vote_setup, counts):
    """Signed out meanwhile (in another tab), a vote sent is not counted: the form leads to the
    sign-in page, which comes back to the page voted from; in place, the box says to sign in."""
    consultation, proposal, voter = vote_setup()
    page = f"/consultations/{consultation.id}/proposals"
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}, headers={"Referer": "http://localhost" + page})
    assert r.status_code == 302 and r.location.startswith("/auth/login?")
    assert parse_qs(urlsplit(r.location).query)["next"] == [page]
    assert "Please sign in to continue." in client.get(r.location).text
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}, headers=FETCH)
    assert r.status_code == 403 and "Please sign in to vote." in r.text
    assert counts(proposal) == (0, 0, 0, 0)


def test_twice_is_409_and_counts_once(client, login, vote_setup, counts, used):
    consultation, proposal, voter = vote_setup(max_votes=5)
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    assert r.status_code == 409
    assert "You already support this proposal. Your support counts once." in r.text
    # without JavaScript, the page leads back to the vote box the person pressed
    assert f'<a class="button" href="/proposals/{proposal.id}#vote-box-{proposal.id}">Back to the page you were on</a>' in r.text
    assert counts(proposal) == (1, 0, 0, 1)
    assert used(voter, consultation) == 1


def test_same_choice_twice_in_for_against_is_409(client, login, vote_setup, counts):
    consultation, proposal, voter = vote_setup(vote_mode="for_against")
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "-1"})
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "-1"}, headers=FETCH)
    assert r.status_code == 409
    assert 'role="status">You have already voted on this proposal. Your vote counts once.<' in r.text
    assert counts(proposal) == (0, 1, 0, 1)


def test_over_the_limit_is_409(client, login, make, vote_setup, counts, used):
    consultation, first, voter = vote_setup(max_votes=1)
    second = make.proposal(consultation)
    login(voter)
    client.post(f"/proposals/{first.id}/vote", data={"value": "1"})
    r = client.post(f"/proposals/{second.id}/vote", data={"value": "1"}, headers=FETCH)
    assert r.status_code == 409
    assert "You have used your only support in this consultation. Withdraw it to support another proposal." in r.get_data(as_text=True)
    assert counts(second) == (0, 0, 0, 0)
    assert used(voter, consultation) == 1
    # withdrawing one frees it for another proposal
    client.post(f"/proposals/{first.id}/vote/delete")
    assert client.post(f"/proposals/{second.id}/vote", data={"value": "1"}).status_code == 302
    assert counts(second) == (1, 0, 0, 1)


@pytest.mark.parametrize("mode", ["support", "for_against"])
def test_with_no_vote_left_the_other_boxes_say_so_instead_of_offering_a_vote(client, login, make, vote_setup, mode):
    consultation, first, voter = vote_setup(max_votes=1, vote_mode=mode)
    second = make.proposal(consultation)
    login(voter)
    client.post(f"/proposals/{first.id}/vote", data={"value": "1"})
    other = client.get(f"/proposals/{second.id}").get_data(as_text=True)
    word = "supports" if mode == "support" else "votes"
    assert f"0 of 1 {word} left" in other
    spent = ("You have used all your supports: withdraw one of them to support this proposal." if mode == "support"
             else "You have used all your votes: withdraw one of them to vote on this proposal.")
    assert f'<p class="hint spent-hint">{spent}' in other
    forms = re.findall(rf'<form method="post" action="/proposals/{second.id}/vote"[^>]*>', other)
    assert forms and all(form.endswith(" hidden>") for form in forms)  # kept for when a vote is given back
    mine = client.get(f"/proposals/{first.id}").get_data(as_text=True)
    assert "You have used all your" not in mine
    assert f'action="/proposals/{first.id}/vote/delete"' in mine  # the vote given can still be withdrawn
    if mode == "for_against":
        assert f'action="/proposals/{first.id}/vote"' in mine  # and changed


def test_withdraw_without_vote_is_409(client, login, vote_setup):
    consultation, proposal, voter = vote_setup()
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote/delete").status_code == 409


def test_missing_or_forged_csrf_is_400(app, client, login, vote_setup, counts):
    app.config["WTF_CSRF_ENABLED"] = True
    consultation, proposal, voter = vote_setup()
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}).status_code == 400
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1", "csrf_token": "forged"})
    assert r.status_code == 400
    assert counts(proposal) == (0, 0, 0, 0)


def test_draft_consultation_proposal_is_404(client, login, make, vote_setup, counts):
    consultation, proposal, voter = vote_setup(status="draft")
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}).status_code == 404
    assert counts(proposal) == (0, 0, 0, 0)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_next_must_be_local(client, login, vote_setup, target):
    consultation, proposal, voter = vote_setup()
    login(voter)
    r = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1", "next": target})
    assert r.status_code == 302
    assert "evil.example" not in r.headers["Location"]


def test_threshold_notifies_and_voter_follows(client, login, make, vote_setup):
    from consult.notifications.models import Follow, Notification

    consultation, proposal, voter = vote_setup(support_threshold=2)
    other = make.user()
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.kind == "threshold_reached")) == 0
    login(other)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    kinds = db.session.execute(db.select(Notification.user_id).where(Notification.kind == "threshold_reached")).scalars().all()
    assert proposal.author_id in kinds
    assert db.session.scalar(db.select(db.func.count(Follow.id)).where(
        Follow.user_id == voter.id, Follow.target_type == "proposal", Follow.target_id == proposal.id)) == 1


def test_the_threshold_is_announced_once_however_often_the_count_crosses_it(client, login, make, vote_setup):
    """Taking a support back and giving it again does not tell the author and followers again."""
    from consult.notifications.models import Notification

    consultation, proposal, voter = vote_setup(support_threshold=2)
    login(make.user())
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    login(voter)
    for _ in range(3):
        client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
        client.post(f"/proposals/{proposal.id}/vote/delete")
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    db.session.refresh(proposal)
    assert proposal.votes_for == 2
    told = db.session.scalars(db.select(Notification.user_id).where(Notification.kind == "threshold_reached")).all()
    assert told.count(proposal.author_id) == 1


@pytest.mark.parametrize("mode, value, said", [("support", 1, "You supported this proposal."),
                                               ("for_against", -1, "Your vote: Against")])
def test_once_the_vote_is_over_a_person_still_reads_their_own_vote(client, login, make, vote_setup, mode, value, said):
    consultation, proposal, voter = vote_setup(vote_mode=mode)
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": str(value)})
    for phase in consultation.phases:  # every phase over
        phase.starts_at -= timedelta(days=60)
        phase.ends_at -= timedelta(days=60)
    db.session.commit()
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    assert f'<p class="hint my-vote">{said}</p>' in html
    login(make.user())
    assert "my-vote" not in client.get(f"/proposals/{proposal.id}").text


def test_a_withdrawn_proposal_says_no_votes_left(client, login, make, vote_setup):
    """Votes left are said where one can vote (or take a vote back), not on a closed proposal."""
    consultation, proposal, voter = vote_setup(max_votes=5)
    closed = make.proposal(consultation, status="withdrawn")
    login(voter)
    assert "5 of 5 supports left" in client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    html = client.get(f"/proposals/{closed.id}", headers={"Accept-Language": "en"}).text
    assert '<div hidden><p class="votes-left">5 of 5 supports left</p></div>' in html  # for consult.js only


def test_each_sign_in_link_leads_back_to_its_own_box(client, make, vote_setup):
    consultation, proposal, _ = vote_setup()
    other = make.proposal(consultation, title="Des bancs")
    html = client.get(f"/consultations/{consultation.id}/proposals", headers={"Accept-Language": "en"}).text
    links = re.findall(r'<a href="(/auth/login\?next=[^"]+)">Sign in to support<span class="visually-hidden"> “<span lang="fr">([^<]+)</span>”', html)
    assert sorted(links) == sorted([(f"/auth/login?next=/consultations/{consultation.id}/proposals%23vote-box-{p.id}", p.title)
                                    for p in (proposal, other)])
