"""Reporting what the moderators took down since the page was read (a report form left open, a
link followed late): the person is told so instead of being told the page does not exist (its
page says it was taken down too); nothing is recorded. Content they may not read stays unknown,
and so does, through the API, anything hidden (the API does not give hidden proposals either)."""
from consult.extensions import db
from consult.moderation.models import Report

from .test_bad_input import hide
from .test_team_notices import report

TAKEN_DOWN = "The moderators have already taken this down: there is nothing left to report."


def reports():
    return db.session.scalar(db.select(db.func.count(Report.id)))


def test_a_proposal_taken_down_while_its_report_was_written(world, as_user, client):
    reporter = world.residents[0]
    as_user(reporter)
    assert client.get(f"/moderation/report/proposal/{world.proposal.id}").status_code == 200
    as_user(world.moderator)
    assert hide(client, world.proposal).status_code == 302
    as_user(reporter)
    response = report(client, "proposal", world.proposal.id, details="Publicité déguisée.")
    assert response.status_code == 409 and TAKEN_DOWN in response.text
    assert f'href="/proposals/{world.proposal.id}"' in response.text  # back to the proposal's page
    assert reports() == 0
    french = client.get(f"/moderation/report/proposal/{world.proposal.id}", headers={"Accept-Language": "fr"})
    assert french.status_code == 409
    assert "L’équipe de modération a déjà retiré ce contenu : il n’y a plus rien à signaler." in french.text.replace(
        "\u00a0", " ")


def test_a_comment_taken_down_is_said_so(world, make, as_user, client):
    comment = make.comment(world.proposal, world.alice, body="Achetez chez nous !")
    as_user(world.moderator)
    assert client.post("/moderation/act", data={"target_type": "comment", "target_id": comment.id, "action": "hide",
                                                 "rule": "spam", "explanation": "Publicité."}).status_code == 302
    as_user(world.residents[0])
    response = report(client, "comment", comment.id)
    assert response.status_code == 409 and TAKEN_DOWN in response.text
    assert reports() == 0


def test_what_the_person_may_not_read_stays_unknown(world, make, as_user, client):
    """A proposal taken down in a consultation still in draft: not found, as if it did not exist."""
    draft = make.proposal(make.consultation(world.territory, status="draft"), world.alice, status="hidden")
    as_user(world.residents[0])
    assert report(client, "proposal", draft.id).status_code == 404
