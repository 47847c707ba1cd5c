"""The schema comes only from Alembic migrations, and they agree with the models."""
import json
import os
from datetime import datetime
from types import SimpleNamespace

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from consult.extensions import db


def test_upgrade_to_head_matches_models(empty_app):
    upgrade()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_downgrade_to_base_and_back(empty_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert "proposal" in inspect(db.engine).get_table_names()


def test_single_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    root = os.path.join(os.path.dirname(__file__), "..", "..", "migrations")
    cfg = Config(os.path.join(root, "alembic.ini"))
    cfg.set_main_option("script_location", root)
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


def test_old_comment_links_in_notifications_lead_to_the_comments_address(empty_app):
    from consult.auth.models import User
    from consult.notifications.models import Notification

    upgrade()
    user = User(email="a@example.org", display_name="A", password_hash="!")
    db.session.add(user)
    db.session.flush()
    for url in ("/proposals/3#comment-17", "/proposals/3", "/consultations/2"):
        db.session.add(Notification(user_id=user.id, kind="comment_reply", payload={}, url=url))
    db.session.commit()
    downgrade(revision="0004")
    upgrade()
    db.session.expire_all()
    urls = sorted(db.session.scalars(db.select(Notification.url)))
    assert urls == ["/comments/17", "/consultations/2", "/proposals/3"]
    db.session.remove()


def test_0006_gives_queued_mail_its_account_and_comment_notices_the_commenter_s_id(empty_app):
    from consult.notifications.models import Notification

    from ..factories import Factory

    upgrade()
    make = Factory()  # the factory writes today's rows: made before going back to 0005
    bob = make.user(email="bob@example.org", name="Bob Durand")
    alice = make.user(name="Alice Martin")
    comment = make.comment(make.proposal(author=alice), bob)
    bob, alice, comment = (SimpleNamespace(id=row.id) for row in (bob, alice, comment))
    db.session.commit()
    downgrade(revision="0005")
    old_style = {"proposal_title": "Des bancs", "comment_id": comment.id, "author_name": "Bob Durand"}
    db.session.execute(text(  # in SQL: the model is ahead of the schema
        "INSERT INTO notification (user_id, kind, payload, url, created_at, email_state)"
        " VALUES (:user, 'proposal_comment', :payload, '/', CURRENT_TIMESTAMP, 'pending')"),
        {"user": alice.id, "payload": json.dumps(old_style)})
    for recipient in ("BOB@example.org", "nobody@example.org"):
        db.session.execute(text(
            "INSERT INTO outgoing_mail (recipient, subject, text_body, headers, status, attempts, next_attempt_at,"
            " created_at) VALUES (:r, 'Hello', '…', '{}', 'sent', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            {"r": recipient})
    db.session.commit()

    upgrade()
    db.session.expire_all()
    owners = dict(db.session.execute(text("SELECT recipient, user_id FROM outgoing_mail")).all())
    assert owners == {"BOB@example.org": bob.id, "nobody@example.org": None}
    payload = db.session.scalars(db.select(Notification.payload)).one()
    assert payload == {"proposal_title": "Des bancs", "comment_id": comment.id, "author_id": bob.id}

    db.session.rollback()
    downgrade(revision="0005")  # the name comes back for the code of then
    assert db.session.scalars(db.select(Notification.payload)).one()["author_name"] == "Bob Durand"
    db.session.remove()


def down_keeping_the_comment(revision):
    """Downgrade to `revision`: the one comment written before is still there (a table copied
    and dropped would have deleted it, by cascade)."""
    downgrade(revision=revision)
    assert db.session.execute(text("SELECT count(*) FROM comment")).scalar() == 1
    db.session.rollback()


def per_proposal(expression):
    """{proposal id: `expression`}, read in SQL (the models may be ahead of the schema)."""
    return dict(db.session.execute(text(f"SELECT id, {expression} FROM proposal")).all())


def test_0008_marks_the_proposals_already_over_their_threshold_and_going_back_keeps_every_row(empty_app):
    from ..factories import Factory

    upgrade()
    make = Factory()
    consultation = make.consultation(phase="vote", support_threshold=2)
    over, under = make.proposal(consultation, votes_for=3), make.proposal(consultation, votes_for=1)
    make.comment(over)
    ids = over.id, under.id
    db.session.commit()
    down_keeping_the_comment("0007")
    down_keeping_the_comment("0001")
    upgrade()
    assert per_proposal("threshold_reached_at IS NOT NULL") == {ids[0]: 1, ids[1]: 0}
    db.session.remove()


def test_0010_gives_each_proposal_its_score_and_going_back_keeps_every_row(empty_app):
    from ..factories import Factory

    upgrade()
    make = Factory()
    consultation = make.consultation(phase="vote", vote_mode="for_against")
    liked = make.proposal(consultation, votes_for=5, votes_against=2, votes_abstain=1)
    disliked = make.proposal(consultation, votes_for=1, votes_against=4)
    make.comment(liked)
    ids = liked.id, disliked.id
    db.session.commit()
    down_keeping_the_comment("0009")
    upgrade()
    assert per_proposal("votes_score") == {ids[0]: 3, ids[1]: -3}
    db.session.remove()


def test_0012_gives_territories_an_english_description_and_going_back_keeps_every_row(empty_app):
    from ..factories import Factory

    upgrade()
    make = Factory()
    make.comment(make.proposal(make.consultation(make.territory(description="Une ville verte."))))
    db.session.commit()
    down_keeping_the_comment("0011")
    upgrade()
    assert db.session.execute(text("SELECT description, description_en FROM territory")).all() == \
        [("Une ville verte.", "")]
    db.session.remove()


def test_0013_dates_the_publication_of_what_was_published_and_going_back_keeps_every_row(empty_app):
    from ..factories import Factory

    upgrade()
    make = Factory()
    consultation = make.consultation()
    shown = make.proposal(consultation, title="Publiée")
    waiting = make.proposal(consultation, title="En attente", status="pending")
    withdrawn = make.proposal(consultation, title="Retirée", status="withdrawn")
    rejected = make.proposal(consultation, title="Rejetée", status="rejected")
    make.comment(shown)
    ids = shown.id, waiting.id, withdrawn.id, rejected.id
    db.session.commit()
    down_keeping_the_comment("0012")
    upgrade()
    assert per_proposal("published_at = created_at") == {ids[0]: 1, ids[1]: None, ids[2]: 1, ids[3]: None}
    assert db.session.execute(text("SELECT published_at = created_at FROM comment")).scalar() == 1
    db.session.remove()


def test_0015_counts_as_announced_only_the_news_of_consultations_the_public_read(empty_app):
    """The news written on a draft consultation were told to nobody: they are announced when it
    is published (`flask announce-news`), as those written on a draft since."""
    from consult.consultations.models import ConsultationNews

    from ..factories import Factory

    upgrade()
    make = Factory()
    news = {status: ConsultationNews(consultation=make.consultation(status=status), title={"fr": "Réunion"},
                                     body={"fr": "Jeudi."}, published_at=datetime(2026, 11, 2, 18, 30))
            for status in ("draft", "published", "archived")}
    db.session.add_all(news.values())
    make.comment(make.proposal())
    db.session.flush()
    statuses = {piece.id: status for status, piece in news.items()}  # read before the commit: no
    db.session.commit()  # transaction of this session may wait on the migrations' locks (PostgreSQL)
    down_keeping_the_comment("0014")
    upgrade()
    told = db.session.execute(text("SELECT id, announced_at IS NOT NULL FROM consultation_news")).all()
    assert {statuses[id]: announced for id, announced in told} == {"draft": 0, "published": 1, "archived": 1}
    db.session.remove()


def test_0019_folds_names_and_search_texts_again_and_going_back_keeps_every_row(empty_app):
    from ..factories import Factory

    upgrade()
    make = Factory()
    author = make.user(name="Élodie LEFÈVRE")
    consultation = make.consultation(make.territory(name="Évry-Courcouronnes"),
                                     title={"fr": "Cœur de ville", "en": "Town centre"})
    make.comment(make.proposal(consultation, author, title="L’œuvre du cœur", body="Une fresque."))
    author_id = author.id
    db.session.commit()
    down_keeping_the_comment("0018")
    db.session.execute(text("UPDATE proposal SET search_text = 'uvre ur fresque'"))  # as folded before
    db.session.execute(text("UPDATE consultation SET search_text = 'ur ville town centre resume description'"))
    db.session.commit()
    upgrade()
    assert db.session.execute(text("SELECT folded_name FROM territory")).scalar() == "evry-courcouronnes"
    assert db.session.execute(text('SELECT folded_name FROM "user" WHERE id = :id'), {"id": author_id}).scalar() \
        == "elodie lefevre"
    assert list(per_proposal("search_text").values()) == ["oeuvre coeur fresque"]
    assert db.session.execute(text("SELECT search_text FROM consultation")).scalar() == \
        "coeur ville town centre resume description"
    db.session.remove()


def test_0020_puts_each_reply_in_its_conversation_and_going_back_keeps_every_row(empty_app):
    from ..factories import Factory

    upgrade()
    make = Factory()
    proposal = make.proposal(make.consultation())
    first, second = make.comment(proposal), make.comment(proposal)
    reply = make.comment(proposal, parent=first)
    deep = make.comment(proposal, parent=reply)
    ids = first.id, second.id, reply.id, deep.id
    db.session.commit()
    downgrade(revision="0019")
    assert db.session.execute(text("SELECT count(*) FROM comment")).scalar() == 4
    db.session.rollback()
    upgrade()
    assert dict(db.session.execute(text("SELECT id, root_id FROM comment")).all()) == \
        {ids[0]: None, ids[1]: None, ids[2]: ids[0], ids[3]: ids[0]}
    db.session.remove()


def test_0022_lets_a_person_be_reported_in_each_territory_and_going_back_keeps_the_first_report(empty_app):
    from consult.moderation.models import Report

    from ..factories import Factory

    upgrade()
    make = Factory()
    resident, author = make.user(), make.user()
    here, there = make.territory(), make.territory()
    for territory, reason in ((here, "spam"), (there, "hate")):
        db.session.add(Report(territory_id=territory.id, reporter_id=resident.id, target_type="user",
                              target_id=author.id, reason=reason))
    db.session.commit()
    downgrade(revision="0021")
    assert db.session.execute(text("SELECT reason FROM report")).scalars().all() == ["spam"]
    db.session.rollback()
    upgrade()
    db.session.remove()


def test_0023_counts_as_told_only_the_answers_of_consultations_the_public_read(empty_app):
    """The answers given on a draft consultation were told to nobody: they are told when it is
    published, as those given on a draft since. One given while it was public, and it is back to
    draft now, was told: it is not told again."""
    from datetime import timedelta

    from consult.database import utcnow
    from consult.proposals.models import ProposalAnswer

    from ..factories import Factory

    upgrade()
    make = Factory()
    now = utcnow()
    consultations = {status: make.consultation(status=status) for status in ("draft", "published", "archived")}
    consultations["back to draft"] = make.consultation(status="draft", published_at=now - timedelta(days=30))
    answers = {status: ProposalAnswer(proposal_id=make.proposal(c).id, state="accepted", text={"fr": "Oui."},
                                      created_at=now - timedelta(days=10))
               for status, c in consultations.items()}
    db.session.add_all(answers.values())
    db.session.flush()
    statuses = {answer.id: status for status, answer in answers.items()}
    db.session.commit()
    downgrade(revision="0022")
    upgrade()
    told = db.session.execute(text("SELECT id, announced_at IS NOT NULL FROM proposal_answer")).all()
    assert {statuses[id]: announced for id, announced in told} == {"draft": 0, "published": 1, "archived": 1,
                                                                    "back to draft": 1}
    db.session.remove()
