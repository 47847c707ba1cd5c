"""Pre-moderation, forbidden words, placeholders, counters and the queue."""
from consult.extensions import db
from consult.moderation.models import ModerationAction
from consult.moderation.services import hidden_reasons, initial_status

from ..helpers import count_page_queries, reports_shown


def test_initial_status(make):
    territory = make.territory(forbidden_words="Arnaque\n  crétin \n")
    post = make.consultation(territory)
    pre = make.consultation(territory, moderation="pre", premoderate_comments=True)
    assert initial_status(post, "Un vélo pour tous") == "published"
    assert initial_status(pre, "Un vélo pour tous") == "pending"
    assert initial_status(pre, "Un vélo pour tous", kind="comment") == "pending"
    assert initial_status(post, "Un vélo", kind="comment") == "published"
    assert initial_status(post, "Quel CRETIN, ce projet !") == "pending"
    assert initial_status(post, "C'est une arnaque.") == "pending"
    assert initial_status(post, "Les arnaques") == "published"  # whole words only
    assert initial_status(post, "Cretinerie") == "published"


def test_forbidden_words_are_looked_for_in_the_text_as_shown(make):
    """Neither Markdown nor invisible characters hide a word from the filter: a body is read as
    rendered and as written (a link's address), and a soft hyphen or a zero-width space splits no
    word on screen."""
    post = make.consultation(make.territory(forbidden_words="connard\ngros mot"))
    for body in ("Le maire est un conn&#97;rd.", "Le maire est un conn**a**rd.", "Un conn\u200bard.",
                 "Voir [ici](https://example.org/connard).", "Un gros\nmot."):
        assert initial_status(post, markdown=body) == "pending", body
        assert initial_status(post, kind="comment", markdown=body) == "pending", body
    assert initial_status(post, "Le maire est un conn\u00adard") == "pending"
    assert initial_status(post, markdown="Un **con**, nardement.") == "published"
    assert initial_status(post, "Conn&#97;rd", markdown="Un vélo") == "published"  # a title shows it as is


def test_forbidden_words_spelt_with_look_alike_letters_of_another_alphabet_are_found(make):
    """'соnnаrd' with a Cyrillic с, о and а, or 'Arnαque' with a Greek alpha, reads as the
    forbidden word on screen; other words of those alphabets pass."""
    post = make.consultation(make.territory(forbidden_words="connard\narnaque"))
    assert initial_status(post, "Le maire est un \u0441\u043enn\u0430rd") == "pending"
    assert initial_status(post, "C'est une Arn\u03b1que !") == "pending"
    assert initial_status(post, markdown="Un **\u0421\u041eNN\u0410RD**.") == "pending"
    assert initial_status(post, "Спасибо, Αθήνα") == "published"


def test_hidden_reasons_takes_the_latest_rule(world, as_user, client, app):
    p = world.proposal
    as_user(world.moderator)
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": p.id, "action": "hide",
                                         "rule": "spam", "explanation": "Pub."})
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": p.id, "action": "restore"})
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": p.id, "action": "hide",
                                         "rule": "personal_data", "explanation": "Adresse privée."})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert hidden_reasons("proposal", [p.id, 999]) == {p.id: "Personal data"}
        assert hidden_reasons("comment", []) == {}


def test_pending_items_in_queue_approve_and_reject(world, make, as_user, client):
    pending = make.proposal(world.consultation, world.residents[1], title="En attente", status="pending")
    other = make.proposal(world.consultation, world.residents[2], title="Refusable", status="pending")
    as_user(world.moderator)
    html = client.get("/moderation/").get_data(as_text=True)
    assert "En attente" in html and "Awaiting approval" in html and "2 items to review" in html
    assert client.post("/moderation/act", data={"target_type": "proposal", "target_id": pending.id,
                                                 "action": "approve"}).status_code == 302
    assert client.post("/moderation/act", data={"target_type": "proposal", "target_id": other.id,
                                                 "action": "reject", "rule": "off_topic",
                                                 "explanation": "Hors sujet."}).status_code == 302
    db.session.refresh(pending)
    db.session.refresh(other)
    assert (pending.status, other.status) == ("published", "rejected")
    assert "Nothing to review" in client.get("/moderation/").get_data(as_text=True)


def test_comment_hiding_keeps_the_count(world, make, as_user, client):
    p = world.proposal
    comment = make.comment(p, world.residents[1])
    make.comment(p, world.residents[2])
    assert p.comments_count == 2
    as_user(world.moderator)
    client.post("/moderation/act", data={"target_type": "comment", "target_id": comment.id, "action": "hide",
                                         "rule": "harassment", "explanation": "Insulte."})
    db.session.refresh(p)
    assert p.comments_count == 1
    client.post("/moderation/act", data={"target_type": "comment", "target_id": comment.id, "action": "restore"})
    db.session.refresh(p)
    assert p.comments_count == 2


def test_comment_auto_hide_and_dismiss(world, make, as_user, client):
    world.territory.report_threshold = 2
    db.session.commit()
    comment = make.comment(world.proposal, world.alice)
    for resident in world.residents[:2]:
        as_user(resident)
        client.post(f"/moderation/report/comment/{comment.id}", data={"reason": "spam"})
    db.session.refresh(comment)
    db.session.refresh(world.proposal)
    assert comment.status == "hidden" and world.proposal.comments_count == 0
    as_user(world.moderator)
    html = client.get("/moderation/").get_data(as_text=True)
    assert "2 open reports" in html and "Author's history: 1 past moderation decision" in html
    assert client.post("/moderation/act", data={"target_type": "comment", "target_id": comment.id, "action": "dismiss",
                                                 "seen_report": reports_shown("comment", comment.id)}).status_code == 302
    db.session.refresh(comment)
    db.session.refresh(world.proposal)
    assert comment.status == "published" and world.proposal.comments_count == 1
    actions = [a.action for a in db.session.scalars(db.select(ModerationAction).order_by(ModerationAction.id))]
    assert actions == ["auto_hide", "restore"]  # shown again: logged and told as such
    from consult.notifications.models import Notification

    told = db.session.scalars(db.select(Notification).where(Notification.user_id == world.alice.id,
                                                            Notification.kind == "moderation_decision")
                              .order_by(Notification.id)).all()
    assert [n.payload["action"] for n in told] == ["auto_hide", "restore"]
    as_user(world.alice)
    import re
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/me/moderation").text))
    assert page.index("Decision Restored") < page.index("Decision Hidden automatically after reports")  # newest first


def test_queue_queries_are_bounded(world, make, as_user, client):
    def queue_queries():
        return count_page_queries(client, "/moderation/")

    as_user(world.moderator)
    first = make.proposal(world.consultation, world.residents[0], status="pending")
    make.comment(first, world.residents[0], status="pending")
    few = queue_queries()
    for i in range(6):
        author = make.user()
        p = make.proposal(world.consultation, author, title=f"Idée {i}", status="pending")
        make.comment(p, author, status="pending")
        as_user(author)
        client.post(f"/moderation/report/proposal/{world.proposal.id}", data={"reason": "spam"})
    as_user(world.moderator)
    assert queue_queries() <= few  # 2 pending items, then 14 and a report: no query per item


def test_every_decision_of_the_table_has_a_label_in_the_form():
    from consult.moderation.decisions import DECISIONS
    from consult.moderation.forms import ACT_ACTION_LABELS

    assert set(ACT_ACTION_LABELS) == set(DECISIONS)


def test_every_reason_and_logged_action_has_a_label():
    from consult.moderation.models import ACTIONS, REASONS
    from consult.moderation.services import ACTION_LABELS, REASON_LABELS

    assert set(REASON_LABELS) == set(REASONS) and set(ACTION_LABELS) == set(ACTIONS)
