"""A title written in French, put inside a sentence of an English page, is marked as French
(and the reverse): screen readers read it with the right voice, the sentence around it too."""
from consult.extensions import db
from consult.moderation.models import ModerationAction

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
FRENCH = '<span lang="fr">Des pistes cyclables sécurisées</span>'


def test_the_vote_box_names_a_french_proposal_in_french_on_the_english_page(client, make, login):
    consultation = make.consultation(phase="vote", vote_mode="for_against")
    make.proposal(consultation)
    url = f"/consultations/{consultation.id}/proposals"
    assert f'Sign in to vote<span class="visually-hidden"> “{FRENCH}”</span>' in client.get(url, headers=EN).text
    login(make.user())
    assert f'Your vote on “{FRENCH}”</legend>' in client.get(url, headers=EN).text
    french = client.get(url, headers=FR).text
    assert "Votre vote sur «\u00a0Des pistes cyclables sécurisées\u00a0»</legend>" in french


def test_the_vote_box_answered_in_place_names_the_proposal_in_its_language(client, make, login):
    """The box a vote answers with (JavaScript) marks the title as the page's box does: the
    "Withdraw my vote" of a support, named after its French proposal on the English page."""
    consultation = make.consultation(phase="vote")
    proposal = make.proposal(consultation)
    login(make.user())
    box = client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"},
                      headers={**EN, "X-Requested-With": "fetch"}).text
    assert f'<span class="visually-hidden"> “{FRENCH}”</span></button>' in box


def test_an_english_proposal_is_marked_english_in_the_french_vote_box(client, make, login):
    consultation = make.consultation(phase="vote")
    make.proposal(consultation, title="Safe cycle lanes to the schools", language="en")
    login(make.user())
    french = client.get(f"/consultations/{consultation.id}/proposals", headers=FR).text
    assert '<span class="visually-hidden"> «\u00a0<span lang="en">Safe cycle lanes to the schools</span>\u00a0»</span>' in french


def test_the_comment_pages_name_the_proposal_in_its_language(client, make, login):
    author = login(make.user())
    comment = make.comment(make.proposal(), author)
    for action in ("edit", "delete"):
        page = client.get(f"/comments/{comment.id}/{action}", headers=EN).text
        assert f"On the proposal “{FRENCH}”" in page, action


def test_a_consultation_without_english_title_is_marked_french_in_the_headings(client, make):
    consultation = make.consultation(phase="vote", title={"fr": "Budget participatif"})
    make.proposal(consultation)
    listing = client.get(f"/consultations/{consultation.id}/proposals", headers=EN).text
    assert '<h1>Proposals for “<span lang="fr">Budget participatif</span>”</h1>' in listing
    results = client.get(f"/consultations/{consultation.id}/results", headers=EN).text
    assert '<h1>Results of “<span lang="fr">Budget participatif</span>”</h1>' in results
    assert '← <span lang="fr">Budget participatif</span></a>' in results
    english = make.consultation(phase="vote")  # its English title: nothing to mark
    assert "<h1>Results of “Participatory budget”</h1>" in client.get(f"/consultations/{english.id}/results",
                                                                      headers=EN).text


def test_a_decision_about_my_proposal_names_it_in_its_language(client, make, login):
    author = login(make.user())
    proposal = make.proposal(author=author)
    territory = proposal.consultation.territory
    db.session.add(ModerationAction(territory_id=territory.id, moderator_id=make.user().id, target_type="proposal",
                                    target_id=proposal.id, subject_user_id=author.id, action="warn",
                                    explanation="Restez courtois."))
    db.session.commit()
    assert f"Your proposal “{FRENCH}”" in client.get("/me/moderation", headers=EN).text

