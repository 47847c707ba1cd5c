"""Every wrong move gets a clear 4xx answer and leaves the state as it was."""
import re
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction, Report

from ..helpers import reports_shown


def count(model, *where):
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))


def hide(client, proposal, **data):
    form = {"target_type": "proposal", "target_id": proposal.id, "action": "hide", "rule": "spam",
            "explanation": "Publicité.", "seen_report": reports_shown("proposal", proposal.id)}
    form.update(data)
    return client.post("/moderation/act", data=form)


def hidden_by_moderator(world, as_user, client):
    """The moderator hides Alice's proposal; returns the decision, which she may appeal."""
    as_user(world.moderator)
    hide(client, world.proposal)
    return db.session.scalar(db.select(ModerationAction))


def send_appeal(client, action, message):
    return client.post(f"/me/moderation/{action.id}/appeal", data={"message": message})


def test_reporting_twice_is_409_and_one_report(world, as_user, client):
    as_user(world.residents[0])
    url = f"/moderation/report/proposal/{world.proposal.id}"
    assert client.post(url, data={"reason": "spam"}).status_code == 302
    again = client.post(url, data={"reason": "hate"})
    assert again.status_code == 409
    assert "You have already reported this" in again.get_data(as_text=True)
    assert count(Report) == 1
    assert "You have already reported this" in client.get(url).get_data(as_text=True)


def test_report_needs_a_reason_and_short_details(world, as_user, client):
    as_user(world.residents[0])
    url = f"/moderation/report/proposal/{world.proposal.id}"
    response = client.post(url, data={"details": "x"})
    assert response.status_code == 422
    assert "Please choose a reason." in response.get_data(as_text=True)
    assert client.post(url, data={"reason": "spam", "details": "x" * 2001}).status_code == 422
    assert client.post(url, data={"reason": "nonsense"}).status_code == 422
    assert count(Report) == 0


def assert_choice_in_error(html, name):
    """The error summary's link reaches the group of radios `name` (focusable), and each of its
    radios is said invalid, described by the error text."""
    assert f'<a href="#{name}">' in html
    assert len(re.findall(f'id="{name}"', html)) == 1
    assert re.search(f'<fieldset id="{name}" tabindex="-1"', html)
    radios = re.findall(f'<input [^>]*name="{name}"[^>]*type="radio"[^>]*>', html)
    assert radios and all('aria-invalid="true"' in r and f'aria-describedby="{name}-error"' in r for r in radios)
    assert f'<p class="field-error" id="{name}-error">' in html


def test_a_missing_choice_is_reached_from_the_error_summary(world, as_user, client):
    as_user(world.residents[0])
    response = client.post(f"/moderation/report/proposal/{world.proposal.id}", data={"details": "x"})
    assert response.status_code == 422
    assert_choice_in_error(response.get_data(as_text=True), "reason")
    as_user(world.moderator)
    response = hide(client, world.proposal, action="")
    assert response.status_code == 422
    assert_choice_in_error(response.get_data(as_text=True), "action")


def test_cannot_report_own_content_or_unknown_items(world, as_user, client):
    as_user(world.alice)
    assert client.post(f"/moderation/report/proposal/{world.proposal.id}", data={"reason": "spam"}).status_code == 403
    assert client.get("/moderation/report/proposal/9999").status_code == 404
    assert client.get(f"/moderation/report/thing/{world.proposal.id}").status_code == 404
    assert count(Report) == 0


def test_who_may_not_report_is_told_why_and_led_back_to_the_item(world, make, as_user, client):
    unconfirmed = make.user(confirmed=False)
    suspended = make.user(blocked_until=utcnow() + timedelta(days=3))
    url = f"/moderation/report/proposal/{world.proposal.id}?next=/proposals/{world.proposal.id}"  # as its link
    for person in (unconfirmed, suspended):
        as_user(person)
        for response in (client.get(url), client.post(url, data={"reason": "spam"})):
            assert response.status_code == 403
            page = response.get_data(as_text=True)
            assert "Only people with a confirmed, active account may report." in page
            assert "You are not allowed to do this." not in page
            assert f'<a class="button" href="/proposals/{world.proposal.id}">' in page
        french = client.get(url, headers={"Accept-Language": "fr"}).get_data(as_text=True)
        assert "Seules les personnes dont le compte est confirmé et actif peuvent signaler un contenu." in french
    back = f"/proposals/{world.proposal.id}?page=2"  # a person is reported from a page of the territory
    page = client.get(f"/moderation/report/user/{world.alice.id}",
                      query_string={"territory": "villeneuve", "next": back}).get_data(as_text=True)
    assert "Only people with a confirmed, active account may report." in page
    assert f'<a class="button" href="{back}">' in page
    assert count(Report) == 0


def test_report_a_user_needs_a_territory(world, as_user, client):
    as_user(world.residents[0])
    assert client.post(f"/moderation/report/user/{world.alice.id}", data={"reason": "spam"}).status_code == 400
    ok = client.post(f"/moderation/report/user/{world.alice.id}?territory=villeneuve", data={"reason": "spam"})
    assert ok.status_code == 302
    report = db.session.scalar(db.select(Report))
    assert (report.target_type, report.territory_id) == ("user", world.territory.id)


def test_anonymous_report_redirects_to_login(world, client):
    response = client.get(f"/moderation/report/proposal/{world.proposal.id}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_moderating_outside_ones_territories_is_403(world, as_user, client):
    as_user(world.outsider)
    assert hide(client, world.proposal).status_code == 403
    assert client.get(f"/moderation/item/proposal/{world.proposal.id}").status_code == 403
    assert client.get(f"/moderation/?territory={world.territory.id}").status_code == 403
    db.session.refresh(world.proposal)
    assert world.proposal.status == "published" and count(ModerationAction) == 0


def test_acting_on_ones_own_content_is_403(world, make, as_user, client):
    own = make.proposal(world.consultation, world.moderator, title="Ma proposition")
    as_user(world.moderator)
    assert hide(client, own).status_code == 403
    db.session.refresh(own)
    assert own.status == "published" and count(ModerationAction) == 0


@pytest.mark.parametrize("missing", ["rule", "explanation"])
def test_missing_reason_is_422(world, as_user, client, missing):
    as_user(world.moderator)
    response = hide(client, world.proposal, **{missing: ""})
    assert response.status_code == 422
    assert 'class="field-error"' in response.get_data(as_text=True)
    db.session.refresh(world.proposal)
    assert world.proposal.status == "published" and count(ModerationAction) == 0


def test_block_needs_a_duration_and_unknown_action_is_422(world, as_user, client):
    as_user(world.moderator)
    assert hide(client, world.proposal, action="block").status_code == 422
    assert hide(client, world.proposal, action="explode").status_code == 422
    assert count(ModerationAction) == 0
    db.session.refresh(world.alice)
    assert not world.alice.is_blocked()


def test_impossible_transition_is_409(world, as_user, client):
    as_user(world.moderator)
    response = client.post("/moderation/act", data={"target_type": "proposal", "target_id": world.proposal.id,
                                                    "action": "approve"})
    assert response.status_code == 409
    assert "Only contributions awaiting moderation can be approved." in response.get_data(as_text=True)
    assert count(ModerationAction) == 0


def test_appealing_twice_is_409(world, as_user, client):
    action = hidden_by_moderator(world, as_user, client)
    as_user(world.alice)
    assert send_appeal(client, action, "").status_code == 422
    assert count(Appeal) == 0
    assert send_appeal(client, action, "Je conteste.").status_code == 302
    again = send_appeal(client, action, "Encore.")
    assert again.status_code == 409
    assert "one appeal per decision" in again.get_data(as_text=True)
    assert count(Appeal) == 1 and db.session.scalar(db.select(Appeal.message)) == "Je conteste."


def test_only_the_author_appeals(world, as_user, client):
    action = hidden_by_moderator(world, as_user, client)
    as_user(world.residents[0])
    assert send_appeal(client, action, "x").status_code == 404
    assert count(Appeal) == 0


def test_appeal_decided_twice_is_409_and_needs_text(world, as_user, client):
    action = hidden_by_moderator(world, as_user, client)
    as_user(world.alice)
    send_appeal(client, action, "Je conteste.")
    appeal = db.session.scalar(db.select(Appeal))
    as_user(world.admin)
    url = f"/moderation/appeals/{appeal.id}"
    assert client.post(url, data={"decision": "reversed", "decision_text": ""}).status_code == 422
    db.session.refresh(world.proposal)
    assert world.proposal.status == "hidden"
    assert client.post(url, data={"decision": "confirmed", "decision_text": "Confirmé."}).status_code == 302
    assert client.post(url, data={"decision": "reversed", "decision_text": "Non."}).status_code == 409
    db.session.refresh(world.proposal)
    assert world.proposal.status == "hidden"
    assert count(ModerationAction, ModerationAction.action.like("appeal_%")) == 1


def test_blocked_person_is_signed_out_and_cannot_take_part(world, as_user, client, login):
    as_user(world.alice)
    assert client.get("/me/moderation").status_code == 200
    with client.session_transaction() as session:
        old_session = dict(session)
    as_user(world.moderator)
    response = client.post("/moderation/act", data={
        "target_type": "proposal", "target_id": world.proposal.id, "action": "block", "rule": "harassment",
        "explanation": "Insultes répétées.", "days": "7"})
    assert response.status_code == 302
    db.session.refresh(world.alice)
    assert world.alice.is_blocked() and world.alice.blocked_until > utcnow() + timedelta(days=6)
    # Her open session no longer works.
    with client.session_transaction() as session:
        session.clear()
        session.update(old_session)
    response = client.get("/me/moderation")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    # Signed in again, she reads but may not report, post, comment or vote.
    as_user(world.alice)
    other = world.residents[0]
    from consult import permissions
    assert client.post(f"/moderation/report/user/{other.id}?territory=villeneuve",
                       data={"reason": "spam"}).status_code == 403
    now = utcnow()
    assert not permissions.can_propose(world.alice, world.consultation, now)
    assert not permissions.can_comment(world.alice, world.proposal, now)
    assert not permissions.can_vote(world.alice, world.proposal, now)
    page = client.get("/me/moderation").get_data(as_text=True)
    assert "Your account is blocked until" in page and "Insultes répétées." in page
    assert count(Report) == 0


def test_block_for_good_and_appeal_lifts_it(world, as_user, client):
    as_user(world.moderator)
    client.post("/moderation/act", data={"target_type": "user", "target_id": world.alice.id,
                                         "territory_id": world.territory.id, "action": "block",
                                         "rule": "hate", "explanation": "Propos haineux.", "for_good": "y"})
    db.session.refresh(world.alice)
    assert world.alice.blocked_for_good
    action = db.session.scalar(db.select(ModerationAction))
    as_user(world.alice)
    assert send_appeal(client, action, "Erreur.").status_code == 302
    appeal = db.session.scalar(db.select(Appeal))
    as_user(world.admin)
    assert client.post(f"/moderation/appeals/{appeal.id}",
                       data={"decision": "reversed", "decision_text": "Levé."}).status_code == 302
    db.session.refresh(world.alice)
    assert not world.alice.is_blocked()
