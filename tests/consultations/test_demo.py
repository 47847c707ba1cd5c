"""The demo loader: consultations in every phase, idempotent, with counters in step."""
import re

from consult.comments.models import Comment
from consult.consultations.models import Consultation
from consult.phases import current_phase, phase_state
from consult.database import utcnow
from consult.demo import accounts, consultations
from consult.extensions import db
from consult.proposals.models import Proposal, ProposalAnswer
from consult.territories.models import ResidentVerification
from consult.votes.models import Participation, Vote


def counts():
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Consultation, Proposal, Comment, Vote, Participation, ProposalAnswer,
                          ResidentVerification)}


def load_twice():
    accounts.load()
    consultations.load()
    db.session.commit()
    first = counts()
    accounts.load()
    assert consultations.load() == []
    db.session.commit()
    return first, counts()


def test_demo_loader_is_idempotent(app):
    first, second = load_twice()
    assert first == second
    assert first["Consultation"] == 6
    assert 45 <= first["Proposal"] <= 55
    assert first["Comment"] > 20 and first["Vote"] > 50 and first["ProposalAnswer"] == 4
    assert first["ResidentVerification"] == 1  # Alice, verified by the town hall of Villeneuve-sur-Lot


def test_demo_covers_every_phase_and_keeps_counters_in_step(app):
    load_twice()
    now = utcnow()
    all_c = db.session.scalars(db.select(Consultation)).all()
    phases = {current_phase(c, now).kind for c in all_c if current_phase(c, now)}
    assert phases == {"information", "proposals", "vote", "results"}
    assert "upcoming" in {phase_state(c, now) for c in all_c if c.status == "published"}
    assert [c.status for c in all_c].count("draft") == 1
    for p in db.session.scalars(db.select(Proposal)):
        votes = db.session.scalars(db.select(Vote.value).filter_by(proposal_id=p.id)).all()
        assert (p.votes_for, p.votes_against, p.votes_abstain) == (votes.count(1), votes.count(-1), votes.count(0))
        assert p.comments_count == db.session.scalar(
            db.select(db.func.count(Comment.id)).filter_by(proposal_id=p.id))
    for part in db.session.scalars(db.select(Participation)):
        assert part.votes_used == db.session.scalar(db.select(db.func.count(Vote.id)).filter_by(
            user_id=part.user_id, consultation_id=part.consultation_id))
    assert max(c.depth for c in db.session.scalars(db.select(Comment))) <= 3
    for p in db.session.scalars(db.select(Proposal).where(Proposal.status == "published")):
        threshold = p.consultation.support_threshold  # one over it has reached it: not told again
        assert (p.threshold_reached_at is not None) == bool(threshold and p.votes_for >= threshold)


def test_the_demos_answers_count_as_told(app):
    """Published again after a trip back to draft, a consultation does not tell its old answers
    once more (notifications.events.answers_held)."""
    from consult.consultations.services import change_status
    from consult.notifications.models import Notification

    load_twice()
    answered = db.session.scalar(db.select(Consultation).join(Proposal).join(ProposalAnswer).limit(1))
    assert change_status(answered, "draft") and change_status(answered, "publish")
    told = db.select(db.func.count()).select_from(Notification).where(Notification.kind == "proposal_answered")
    assert db.session.scalar(told) == 0


def test_the_readme_s_api_example_casts_a_vote_on_the_demo(app, client):
    """alice@example.org votes for proposal 1 with a token: she has a vote to spare there."""
    from consult.api.auth import create_token
    from consult.auth.models import User

    load_twice()
    alice = db.session.scalar(db.select(User).filter_by(email="alice@example.org"))
    _token, raw = create_token(alice, "README", "write")
    db.session.commit()
    answer = client.put("/api/v1/proposals/1/vote", json={"value": 1}, headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 200, answer.get_json()


def test_demo_pages_render(app, client):
    load_twice()
    assert client.get("/consultations/").status_code == 200
    for c in db.session.scalars(db.select(Consultation).where(Consultation.status == "published")):
        assert client.get(f"/consultations/{c.id}").status_code == 200


def test_demo_gives_the_moderators_a_queue_to_review_and_the_public_a_decision_to_read(app, client, login):
    from consult.auth.services import find_user_by_email
    from consult.demo import moderation
    from consult.moderation.models import ModerationAction, Report

    load_twice()
    moderation.load()
    moderation.load()
    db.session.commit()
    reports = db.session.scalars(db.select(Report).order_by(Report.id)).all()
    assert [(r.target_type, r.reason, r.status) for r in reports] == [
        ("comment", "off_topic", "open"), ("comment", "off_topic", "open"), ("proposal", "spam", "open")]
    decisions = db.session.scalars(db.select(ModerationAction)).all()
    assert [(d.action, d.target_type, d.rule) for d in decisions] == [("hide", "comment", "harassment")]
    hidden = db.session.get(Comment, decisions[0].target_id)
    assert hidden.status == "hidden" and hidden.proposal.comments_count == db.session.scalar(  # published ones
        db.select(db.func.count(Comment.id)).filter_by(proposal_id=hidden.proposal_id, status="published"))
    english = {"Accept-Language": "en"}
    transparency = client.get("/territories/villeneuve-sur-lot/transparency", headers=english).text
    assert "<td>1</td>" in transparency and "Insult or harassment" in transparency
    page = client.get(f"/proposals/{hidden.proposal_id}", headers=english).text
    assert "Hidden by moderation — reason: Insult or harassment" in page and hidden.body not in page
    login(find_user_by_email("moderation@example.org"))
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "2 items to review" in queue


def test_flask_demo_refuses_to_run_in_production(app):
    """Its platform admin's password is in the README: in production it would be anybody's."""
    from consult.auth.models import User

    app.config["ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: flask demo refuses to run in production (CONSULT_ENV=production): it would create a platform admin, "
        "admin@example.org, whose password is published in the README; create the first platform admin with "
        "flask create-user instead.\n")
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
    app.config["ENV"] = "testing"
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0


def _log_rows(page):
    """The log table's rows, each a tuple of its cells' text but the date."""
    return [tuple(cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)[1:])
            for row in re.findall(r"<tr>(.*?)</tr>", page, re.S) if "<td>" in row]


def test_the_demos_staff_log_tells_its_appointments_and_verification(app, client, login):
    """The staff activity log shows who appointed the demo's teams and who verified Alice, as the
    site records them, once however often the demo is loaded."""
    from consult.auth.services import find_user_by_email

    load_twice()
    english = {"Accept-Language": "en"}
    login(find_user_by_email("mairie@example.org"))
    log = _log_rows(client.get("/admin/territories/villeneuve-sur-lot/log", headers=english).text)
    assert log == [  # newest first
        ("Verified as a resident", "", "Alice Martin", "Mairie de Villeneuve"),
        ("Appointed", "Moderator", "Équipe modération", "Admin plateforme"),
        ("Appointed", "Territory admin", "Mairie de Villeneuve", "Admin plateforme")]
    login(find_user_by_email("admin@example.org"))
    log = _log_rows(client.get("/admin/log", headers=english).text)
    assert len(log) == 5
    assert ("Métropole de Lyon", "Appointed", "Territory admin", "Service participation — Métropole",
            "Admin plateforme") in log


def test_flask_demo_delivers_its_mail_as_a_request_would(app):
    """Its notices (the teams appointed, the moderation decisions) go out with the command, as after
    a request: left queued, they came out with the first mail of whoever signed up next."""
    from consult.notifications.models import OutgoingMail

    app.config["MAIL_DELIVER_AFTER_REQUEST"] = True
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    statuses = db.session.scalars(db.select(OutgoingMail.status)).all()
    assert statuses and set(statuses) == {"sent"}
