"""The whole story of the issue, as people would live it in the browser."""
import csv
import io
import re

from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction, Report
from consult.notifications.models import Notification

from ..helpers import reports_shown


def _report(client, target_type, target_id, reason="spam", details=""):
    return client.post(f"/moderation/report/{target_type}/{target_id}",
                       data={"reason": reason, "details": details})


def test_alice_story(world, as_user, client):
    p = world.proposal
    # Three residents report Alice's proposal.
    for i, resident in enumerate(world.residents):
        as_user(resident)
        page = client.get(f"/moderation/report/proposal/{p.id}")
        assert page.status_code == 200
        assert "/pages/charter" in page.get_data(as_text=True)
        response = _report(client, "proposal", p.id, reason="harassment", details=f"Insulte {i}")
        assert response.status_code == 302
        db.session.refresh(p)
        assert p.status == ("hidden" if i == 2 else "published")
    assert db.session.scalar(db.select(db.func.count()).select_from(Report)) == 3
    auto = db.session.scalars(db.select(ModerationAction)).all()
    assert [(a.action, a.rule, a.moderator_id) for a in auto] == [("auto_hide", "harassment", None)]
    notes = db.session.scalars(db.select(Notification).where(Notification.user_id == world.alice.id)).all()
    assert [n.kind for n in notes] == ["moderation_decision"]
    assert notes[0].payload["action"] == "auto_hide"

    # The reporter now sees that they reported it.
    as_user(world.residents[0])
    page = client.get(f"/moderation/report/proposal/{p.id}")
    # hidden: nothing left to report, and the reporter is told so
    assert page.status_code == 409 and "already taken this down" in page.text

    # The moderator sees it in the queue with the reports and confirms the hiding with a reason.
    as_user(world.moderator)
    queue = client.get("/moderation/")
    html = queue.get_data(as_text=True)
    assert queue.status_code == 200
    assert "Un jardin partagé" in html and "Insulte 1" in html and "3 open reports" in html
    review = client.get(f"/moderation/item/proposal/{p.id}")
    assert review.status_code == 200
    response = client.post("/moderation/act", data={
        "target_type": "proposal", "target_id": p.id, "action": "hide", "rule": "harassment",
        "explanation": "Des propos insultants envers un voisin.", "seen_report": reports_shown("proposal", p.id)})
    assert response.status_code == 302
    db.session.refresh(p)
    assert p.status == "hidden"
    assert db.session.scalar(db.select(db.func.count()).select_from(Report).where(Report.status == "open")) == 0
    assert "Un jardin partagé" not in client.get("/moderation/").get_data(as_text=True)

    # Alice reads the statement of reasons and appeals.
    as_user(world.alice)
    mine = client.get("/me/moderation")
    html = mine.get_data(as_text=True)
    assert mine.status_code == 200
    assert "Des propos insultants envers un voisin." in html and "Insult or harassment" in html
    hide = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "hide"))
    assert f"/me/moderation/{hide.id}/appeal" in html
    response = client.post(f"/me/moderation/{hide.id}/appeal", data={"message": "C'était de l'humour."})
    assert response.status_code == 302
    assert "awaiting a decision" in client.get("/me/moderation").get_data(as_text=True)

    # The moderator who hid it may not decide the appeal; the territory admin reverses it.
    as_user(world.moderator)
    appeal = db.session.scalar(db.select(Appeal))
    assert client.post(f"/moderation/appeals/{appeal.id}",
                       data={"decision": "reversed", "decision_text": "x"}).status_code == 403
    as_user(world.admin)
    listing = client.get("/moderation/appeals")
    assert "C&#39;était de l&#39;humour." in listing.get_data(as_text=True)
    response = client.post(f"/moderation/appeals/{appeal.id}",
                           data={"decision": "reversed", "decision_text": "Le ton était vif mais pas insultant."})
    assert response.status_code == 302
    db.session.refresh(p)
    assert p.status == "published"
    outcome = db.session.scalar(db.select(Notification).where(Notification.kind == "appeal_outcome"))
    assert outcome.user_id == world.alice.id and outcome.payload["decision"] == "reversed"

    # The audit log shows the whole story, and so does its CSV.
    log = client.get("/moderation/log")
    html = log.get_data(as_text=True)
    assert log.status_code == 200
    for label in ("Hidden automatically after reports", "Hidden", "Appeal: decision reversed"):
        assert label in html
    assert "Mona Moderator" in html and "Theo Admin" in html
    french = client.get("/moderation/log", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert [cell for cell in re.findall(r"<td>([^<]+)</td>", french) if cell.startswith(("Masquage", "Recours"))] == [
        "Recours\u00a0: décision annulée", "Masquage", "Masquage automatique après des signalements"]
    rows = list(csv.DictReader(io.StringIO(client.get("/moderation/log.csv").get_data(as_text=True))))
    assert [r["action"] for r in rows] == ["appeal_reversed", "hide", "auto_hide"]
    assert rows[1]["explanation"] == "Des propos insultants envers un voisin."
    assert rows[0]["moderator"] == "Theo Admin"

    # Alice sees the outcome; anyone sees the decisions on the transparency page.
    as_user(world.alice)
    assert "the decision was reversed." in client.get("/me/moderation").get_data(as_text=True)
    as_user(None)
    public = client.get("/territories/villeneuve/transparency")
    assert public.status_code == 200
    html = public.get_data(as_text=True)
    assert "Reversed on appeal" in html
    # the automatic hiding was settled by the moderator's hiding, which was reversed on appeal:
    # no decision stands, one is shown apart
    cells = re.findall(r"<td>(\d+)</td>", html)
    assert cells == ["0", "1"]  # total, reversed on appeal


def test_story_in_english_and_french(world, as_user, client):
    as_user(world.alice)
    fr = client.get("/me/moderation", headers={"Accept-Language": "fr"})
    en = client.get("/me/moderation", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in fr.get_data(as_text=True)
    assert '<html lang="en">' in en.get_data(as_text=True)


def test_statuses_agree_with_their_item_in_french(world, as_user, client, make):
    """« Masquée » for a proposal, « masqué » for a comment, on the moderator's item page."""
    world.proposal.status = "hidden"
    comment = make.comment(world.proposal, world.residents[0], body="Un avis.", status="hidden")
    as_user(world.moderator)
    french = {"Accept-Language": "fr"}
    proposal_page = client.get(f"/moderation/item/proposal/{world.proposal.id}", headers=french)
    comment_page = client.get(f"/moderation/item/comment/{comment.id}", headers=french)
    assert '<span class="badge">Masquée par la modération</span>' in proposal_page.get_data(as_text=True)
    assert '<span class="badge">Masqué par la modération</span>' in comment_page.get_data(as_text=True)
