"""The people who reported an item are told, once a moderator has decided on it, that their report
was reviewed and what came of it: on the site and by mail, without learning who decided or which
sanction the author received."""
import re

from consult.extensions import db
from consult.notifications.models import Notification, OutgoingMail

from ..helpers import reports_shown
from .test_bad_input import hide
from .test_team_notices import centre, report


def read_centre(client):
    """The notification centre's text, without the marks of the titles' language."""
    return re.sub(r"<[^>]+>", "", centre(client))


def outcome_notices(user):
    return db.session.scalars(db.select(Notification).where(
        Notification.user_id == user.id, Notification.kind == "report_outcome")).all()


def mails_to(user):
    return db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == user.email)).all()


def reported_by(world, as_user, client, people):
    for person in people:
        as_user(person)
        response = report(client, "proposal", world.proposal.id)
        assert response.status_code == 302, response.text


def test_each_reporter_hears_that_the_proposal_was_hidden(world, as_user, client):
    ana, ben, _cleo = world.residents
    as_user(ana)
    assert "You will be told what they decide." in client.get(f"/moderation/report/proposal/{world.proposal.id}").text
    reported_by(world, as_user, client, [ana, ben])
    as_user(world.moderator)
    assert hide(client, world.proposal, explanation="Publicité pour un commerce.").status_code == 302

    for reporter in (ana, ben):
        [notice] = outcome_notices(reporter)
        assert notice.url == f"/proposals/{world.proposal.id}"
        [mail] = mails_to(reporter)
        expected = ("The moderators reviewed your report on the proposal “Un jardin partagé”. "
                    "The content is not shown to the public any more.")
        # in French, the platform's language, to people who never chose one
        assert ("L’équipe de modération a examiné votre signalement de la proposition «\u00a0Un jardin partagé\u00a0». "
                "Le contenu n’est plus visible du public.") in mail.text_body
        assert "Mona" not in mail.text_body and "Publicité pour un commerce" not in mail.text_body
        as_user(reporter)
        assert expected in read_centre(client)  # although the proposal is hidden from them now
    assert outcome_notices(world.alice) == []  # the author hears of the decision, not of the reports


def test_a_dismissed_report_is_said_to_have_found_no_breach(world, as_user, client):
    ana = world.residents[0]
    reported_by(world, as_user, client, [ana])
    as_user(world.moderator)
    response = client.post("/moderation/act", data={"target_type": "proposal", "target_id": world.proposal.id,
                                                     "action": "dismiss",
                                                     "seen_report": reports_shown("proposal", world.proposal.id)})
    assert response.status_code == 302
    as_user(ana)
    assert ("The moderators reviewed your report on the proposal “Un jardin partagé”. "
            "They found no breach of the moderation charter.") in read_centre(client)


def test_a_report_on_a_person_is_answered_without_naming_the_sanction(world, as_user, client):
    ana = world.residents[0]
    as_user(ana)
    response = client.post(f"/moderation/report/user/{world.alice.id}?territory={world.territory.slug}",
                           data={"reason": "harassment"})
    assert response.status_code == 302
    as_user(world.moderator)
    response = client.post("/moderation/act", data={
        "target_type": "user", "target_id": world.alice.id, "territory_id": world.territory.id,
        "action": "block", "rule": "harassment", "explanation": "Insultes répétées.", "days": "7",
        "seen_report": reports_shown("user", world.alice.id)})
    assert response.status_code == 302
    as_user(ana)
    assert ("The moderators of Villeneuve reviewed your report on a person. "
            "They took action under the moderation charter.") in read_centre(client)
    assert "block" not in outcome_notices(ana)[0].payload.values()


def test_a_decision_on_an_item_nobody_reported_tells_no_reporter(world, as_user, client):
    as_user(world.moderator)
    hide(client, world.proposal)
    assert db.session.scalar(db.select(db.func.count(Notification.id))
                             .where(Notification.kind == "report_outcome")) == 0
