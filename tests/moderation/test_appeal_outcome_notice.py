"""The author of an appeal reads its outcome with the moderators' explanation, and is led to
the page of the decisions about them."""
from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction
from consult.notifications.models import Notification, OutgoingMail

from .test_bad_input import hidden_by_moderator, send_appeal

EXPLANATION = 'Le ton était vif, pas <b>insultant</b> & "méchant".'


def test_the_outcome_says_why_and_leads_to_my_decisions(world, as_user, client):
    world.alice.locale = "en"
    hide = hidden_by_moderator(world, as_user, client)
    as_user(world.alice)
    send_appeal(client, hide, "C'était de l'humour.")
    appeal = db.session.scalar(db.select(Appeal))
    as_user(world.admin)
    response = client.post(f"/moderation/appeals/{appeal.id}",
                           data={"decision": "reversed", "decision_text": EXPLANATION})
    assert response.status_code == 302

    [outcome] = db.session.scalars(db.select(Notification).where(Notification.kind == "appeal_outcome")).all()
    assert (outcome.user_id, outcome.url) == (world.alice.id, "/me/moderation")
    _decision, mail = db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == world.alice.email)
                                         .order_by(OutgoingMail.id)).all()
    assert mail.subject == "[Consult] Your appeal was upheld: the moderation decision is reversed."
    said = ("Your appeal was upheld: the moderation decision is reversed. "
            f"Their explanation: “{EXPLANATION}”")
    assert said in mail.text_body  # the text part as written
    assert "http://127.0.0.1:5000/me/moderation" in mail.text_body
    assert "pas &lt;b&gt;insultant&lt;/b&gt; &amp; &#34;méchant&#34;." in mail.html_body
    assert "<b>insultant</b>" not in mail.html_body
    assert 'href="http://127.0.0.1:5000/me/moderation"' in mail.html_body

    as_user(world.alice)
    html = client.get("/me/notifications").get_data(as_text=True)
    assert "Their explanation: “Le ton était vif, pas &lt;b&gt;insultant&lt;/b&gt;" in html
    assert client.post(f"/me/notifications/{outcome.id}/open").headers["Location"].endswith("/me/moderation")


def test_an_outcome_without_explanation_says_only_the_outcome(world, make, app):
    from flask_babel import force_locale

    from consult.notifications import events
    from consult.notifications.texts import describe

    action = ModerationAction(territory_id=world.territory.id, moderator_id=world.moderator.id,
                              subject_user_id=world.alice.id, target_type="proposal", target_id=world.proposal.id,
                              action="hide", rule="spam")
    db.session.add(action)
    db.session.flush()
    appeal = Appeal(action_id=action.id, author_id=world.alice.id, message="Non.", decided_by_id=world.admin.id,
                    decision="confirmed", decision_text="")
    db.session.add(appeal)
    db.session.flush()
    notice = events.appeal_decided(appeal)
    with force_locale("en"):
        assert describe(notice) == "Your appeal was examined: the moderation decision is confirmed."
