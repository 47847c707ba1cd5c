"""Who may no longer take part is told why, the same on every page and through the API: a
suspended account is told until when (not to confirm an address it confirmed), an author no
longer allowed to take part may no longer rewrite their proposal, a button is offered only to
who may use it."""
from datetime import timedelta

from consult.database import utcnow
from consult.extensions import db

TEXT = {"title": "Un verger partagé le long du canal",
        "body": "Planter des arbres fruitiers le long du canal, avec les écoles du quartier."}


def test_a_suspended_person_is_told_until_when_wherever_they_would_take_part(client, make, login, token_for):
    c = make.consultation(phase="vote")
    proposal = make.proposal(c)
    person = make.user()
    person.blocked_until = utcnow() + timedelta(days=3)
    db.session.commit()
    login(person)
    told = "The moderators suspended your participation until "
    assert told in client.get(f"/proposals/{proposal.id}").text  # the debate's hint
    refused = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"})
    assert refused.status_code == 403 and told in refused.text and "Confirm your email" not in refused.text
    api = client.post(f"/api/v1/proposals/{proposal.id}/comments", json={"body": "Un avis assez long."},
                      headers=token_for(person))
    assert api.status_code == 403 and api.get_json()["error"]["message"].startswith(told)
    person.blocked_until, person.blocked_for_good = None, True
    db.session.commit()
    assert "suspended your participation for good" in client.get(f"/proposals/{proposal.id}").text


def test_the_api_says_why_a_comment_is_refused_as_the_site_does(client, make, token_for):
    verified_only = make.consultation(phase="vote", participation="verified")
    silent = make.consultation(phase="vote", comments_enabled=False)
    headers = token_for(make.user())
    for consultation, message in ((verified_only, "open to verified residents only"),
                                  (silent, "Comments are turned off for this consultation.")):
        proposal = make.proposal(consultation)
        answer = client.post(f"/api/v1/proposals/{proposal.id}/comments", json={"body": "Un avis assez long."},
                             headers=headers)
        assert answer.status_code == 403 and message in answer.get_json()["error"]["message"]


def test_an_author_who_may_no_longer_take_part_may_no_longer_rewrite_their_proposal(client, make, login,
                                                                                   token_for):
    c = make.consultation(phase="proposals")
    author = make.user()
    proposal = make.proposal(c, author)
    c.participation = "verified"
    db.session.commit()
    login(author)
    page = client.get(f"/proposals/{proposal.id}").text
    assert f"/proposals/{proposal.id}/edit" not in page and "open to verified residents only" in page
    assert client.post(f"/proposals/{proposal.id}/edit", data=TEXT).status_code == 403
    api = client.patch(f"/api/v1/proposals/{proposal.id}", json={"title": TEXT["title"]}, headers=token_for(author))
    assert api.status_code == 403 and "open to verified residents only" in api.get_json()["error"]["message"]
    db.session.expire_all()
    assert proposal.title != TEXT["title"]


def test_a_limit_lowered_below_what_a_person_posted_is_said_as_a_limit(client, make, login):
    c = make.consultation(phase="proposals", max_proposals_per_person=3)
    person = make.user()
    for _ in range(3):
        make.proposal(c, person)
    c.max_proposals_per_person = 1
    db.session.commit()
    login(person)
    page = client.get(f"/consultations/{c.id}/proposals/new")
    assert page.status_code == 403
    assert "You have reached the limit of 1 proposal per person in this consultation" in page.text


def test_follow_is_offered_to_who_may_follow(client, make, login):
    c = make.consultation()
    login(make.user(confirmed=False))
    page = client.get(f"/consultations/{c.id}").text
    assert "follow-button" not in page and "Confirm your email address to follow." in page
    suspended = make.user(blocked_for_good=True)
    login(suspended)
    assert "follow-button" not in client.get(f"/consultations/{c.id}").text
    login(make.user())
    assert "follow-button" in client.get(f"/consultations/{c.id}").text


def test_a_comment_refused_while_it_was_written_says_why_and_gives_the_text_back(client, make, login):
    from consult.territories.models import ResidentVerification

    c = make.consultation(phase="vote", participation="verified")
    proposal = make.proposal(c)
    person = make.user()
    verification = ResidentVerification(territory_id=c.territory_id, user_id=person.id)
    db.session.add(verification)
    db.session.commit()
    login(person)
    assert 'class="comment-form"' in client.get(f"/proposals/{proposal.id}").text
    db.session.delete(verification)  # withdrawn by the town hall while the comment was written
    db.session.commit()
    written = "Un avis assez long, écrit avant le retrait."
    refused = client.post(f"/proposals/{proposal.id}/comments", data={"body": written})
    assert refused.status_code == 403 and "You are not allowed to do this." not in refused.text
    assert "This consultation is open to verified residents only" in refused.text
    assert written in refused.text and f'href="/proposals/{proposal.id}#debate"' in refused.text
    french = client.post(f"/proposals/{proposal.id}/comments", data={"body": written},
                         headers={"Accept-Language": "fr"})
    assert "Cette consultation est réservée aux habitantes et habitants vérifiés" in french.text
    c.comments_enabled = False
    db.session.commit()
    assert "Comments are turned off for this consultation." in client.post(
        f"/proposals/{proposal.id}/comments", data={"body": written}).text


def test_who_may_not_vote_is_told_why_where_the_vote_buttons_are_missing(client, make, login):
    c = make.consultation(phase="vote", comments_enabled=False)
    make.proposal(c)
    suspended = make.user(blocked_for_good=True)
    for person, told in ((suspended, "The moderators suspended your participation for good"),
                         (make.user(confirmed=False), "Only people with a confirmed, active account may take part.")):
        login(person)
        for page in (f"/consultations/{c.id}", f"/consultations/{c.id}/proposals"):
            html = client.get(page).text
            assert 'class="vote-form"' not in html and told in html
    login(make.user())  # who may vote is told nothing
    html = client.get(f"/consultations/{c.id}/proposals").text
    assert 'class="vote-form"' in html and 'class="propose-refusal"' not in html
