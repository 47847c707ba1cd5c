"""One notice counts the new comments of a followed debate, or the new proposals of a followed
consultation, until it is read or mailed."""
import threading
import time
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.mail.delivery import deliver_pending
from consult.notifications.digests import send_digests
from consult.notifications.models import Notification
from consult.notifications.services import follow, set_preference
from consult.proposals.services import submit_proposal

from ..helpers import count_queries
from .conftest import text_part


def notices(user, kind="followed_debate"):
    db.session.expire_all()
    return db.session.scalars(db.select(Notification).where(Notification.user_id == user.id,
                                                            Notification.kind == kind)
                              .order_by(Notification.id)).all()


def comment(client, login, proposal, author, body="Je suis pour.", **data):
    login(author)
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": body, "follow": "y", **data})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("#comment-", 1)[1])


@pytest.fixture
def debate(make):
    """A proposal of Alice's, which Fanny follows (she voted for it, say)."""
    consultation = make.consultation(phase="proposals")
    proposal = make.proposal(consultation, make.user(name="Alice Martin"), title="Des bancs place du marché")
    fanny = make.user(name="Fanny", email="fanny@example.org", locale="fr")
    follow(fanny, "proposal", proposal.id)
    db.session.commit()
    return proposal, fanny


def test_one_notice_counts_the_new_comments_of_a_followed_debate(client, login, make, debate):
    proposal, fanny = debate
    bob, chloe = make.user(name="Bob"), make.user(name="Chloé")
    first = comment(client, login, proposal, bob)
    comment(client, login, proposal, chloe)
    comment(client, login, proposal, bob, body="Et des arbres.")
    [notice] = notices(fanny)
    assert (notice.repeats, notice.url, notice.email_state) == (3, f"/comments/{first}", "pending")
    # Bob follows since his first comment: he hears of Chloé's, never of his own.
    assert [n.repeats for n in notices(bob)] == [1]
    assert [n.repeats for n in notices(chloe)] == [1]
    # The author hears of each comment by a notice of its own, not here.
    assert notices(proposal.author) == [] and len(notices(proposal.author, "proposal_comment")) == 3

    login(fanny)
    page = client.get("/me/notifications", headers={"Accept-Language": "fr"}).text
    assert "3\u00a0nouveaux commentaires dans le débat sur «\u00a0Des bancs place du marché\u00a0»." in page
    fanny.locale = "en"
    db.session.commit()
    english = client.get("/me/notifications").text
    assert '3 new comments in the debate on “<span lang="fr">Des bancs place du marché</span>”.' in english


def test_a_notice_read_or_mailed_gathers_no_more(client, login, make, debate):
    proposal, fanny = debate
    bob = make.user()
    comment(client, login, proposal, bob)
    login(fanny)
    [read] = notices(fanny)
    assert client.post(f"/me/notifications/{read.id}/open").status_code == 302
    second = comment(client, login, proposal, bob, body="Et des arbres.")
    assert [(n.repeats, n.read_at is None) for n in notices(fanny)] == [(1, False), (1, True)]
    assert notices(fanny)[1].url == f"/comments/{second}"

    assert send_digests(now=utcnow() + timedelta(days=1)) == 1  # the unread one; the read one is seen already
    comment(client, login, proposal, bob, body="Et une fontaine.")
    assert [(n.repeats, n.email_state) for n in notices(fanny)] == [(1, "skipped"), (1, "queued"), (1, "pending")]


def test_the_daily_digest_says_how_many(client, login, make, debate, smtp):
    proposal, fanny = debate
    bob = make.user(name="Bob")
    first = comment(client, login, proposal, bob)
    comment(client, login, proposal, bob, body="Et des arbres.")
    assert send_digests(now=utcnow() + timedelta(days=1)) == 1
    deliver_pending()
    [message] = smtp.to("fanny@example.org")
    body = text_part(message)
    assert "2\u00a0nouveaux commentaires dans le débat sur «\u00a0Des bancs place du marché\u00a0»." in body
    assert f"/comments/{first}" in body


def test_the_choices_are_the_digests_or_never(client, login, debate):
    proposal, fanny = debate
    login(fanny)
    page = client.get("/me/notifications/preferences").text
    select = page.split('name="followed_debate"', 1)[1].split("</select>", 1)[0]
    assert 'selected value="daily"' in select and 'value="weekly"' in select and 'value="never"' in select
    assert "immediately" not in select
    assert "Une seule notification compte les nouveaux commentaires de chaque débat" in page
    refused = client.post("/me/notifications/preferences", data={"followed_debate": "immediately"})
    assert refused.status_code == 422 and "N&#39;est pas un choix valide." in refused.text
    with pytest.raises(ValueError):
        set_preference(fanny, "followed_debate", "immediately")


def test_never_keeps_the_notice_without_mail_and_nobody_gone_is_told(client, login, make, debate):
    proposal, fanny = debate
    set_preference(fanny, "followed_debate", "never")
    unconfirmed, gone = make.user(confirmed=False), make.user()
    for person in (unconfirmed, gone):
        follow(person, "proposal", proposal.id)
    gone.deleted_at = utcnow()
    db.session.commit()
    comment(client, login, proposal, make.user())
    assert [n.email_state for n in notices(fanny)] == ["skipped"]
    assert [n.email_state for n in notices(unconfirmed)] == ["skipped"]
    assert notices(gone) == []


def test_a_reply_tells_its_parent_by_its_own_notice(client, login, make, debate):
    proposal, fanny = debate
    first = comment(client, login, proposal, fanny)
    comment(client, login, proposal, make.user(), parent_id=str(first))
    assert notices(fanny) == [] and len(notices(fanny, "comment_reply")) == 1


def test_a_held_comment_is_announced_when_approved_once(client, login, make):
    territory = make.territory()
    consultation = make.consultation(territory, premoderate_comments=True)
    author, fan, moderator = make.user(), make.user(), make.user()
    make.member(moderator, territory, "moderator")
    proposal = make.proposal(consultation, author)
    follow(fan, "proposal", proposal.id)
    db.session.commit()
    held = comment(client, login, proposal, make.user())
    assert notices(fan) == [] and notices(author, "proposal_comment") == []

    login(moderator)
    # Approved, it is announced; hidden, no longer counted (test_recount.py); shown again, not announced anew.
    for action, counted in (("approve", [1]), ("hide", []), ("restore", [])):
        data = {"target_type": "comment", "target_id": held, "action": action}
        if action == "hide":
            data.update(rule="off_topic", explanation="Hors sujet.")
        assert client.post("/moderation/act", data=data).status_code == 302
        assert [n.repeats for n in notices(fan)] == counted
    assert len(notices(author, "proposal_comment")) == 1
    assert notices(moderator) == []


def test_new_proposals_of_a_followed_consultation(app, make):
    territory = make.territory()
    consultation = make.consultation(territory, title={"fr": "Budget 2027", "en": "Budget 2027"})
    held = make.consultation(territory, moderation="pre")
    fan, author = make.user(), make.user()
    follow(fan, "consultation", consultation.id)
    follow(fan, "consultation", held.id)
    follow(author, "consultation", consultation.id)
    for title in ("Des bancs", "Des arbres"):
        submit_proposal(consultation, author, {"title": title, "body": "Pour tous."})
    waiting = submit_proposal(held, author, {"title": "Une fontaine", "body": "Pour l'été."})
    [notice] = notices(fan, "followed_proposals")
    assert notice.repeats == 2 and notice.url == f"/consultations/{consultation.id}/proposals?sort=newest"
    assert notices(author, "followed_proposals") == []

    from consult.moderation.decisions import act
    from consult.moderation.services import load_target

    moderator = make.user()
    make.member(moderator, territory, "moderator")
    act(moderator, load_target("proposal", waiting.id), "approve")
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [2, 1]
    from consult.notifications.texts import describe

    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert describe(notices(fan, "followed_proposals")[0]) == "2 new proposals in “Budget 2027”."


def test_an_event_costs_the_same_statements_however_many_follow(make):
    from consult.notifications.events import comment_posted

    def statements_of_a_comment(followers):
        proposal = make.proposal()
        for person in [make.user() for _ in range(followers)]:
            follow(person, "proposal", proposal.id)
        comment_posted(make.comment(proposal))  # the notices start
        made = make.comment(proposal)
        with count_queries() as counter:
            comment_posted(made)  # and gather
        assert db.session.scalar(db.select(db.func.count()).where(
            Notification.topic == f"debate:{proposal.id}", Notification.repeats == 2)) == followers
        return counter.count

    assert statements_of_a_comment(3) == statements_of_a_comment(300)


def test_a_notice_follows_the_person_as_they_are_now(client, login, make, debate):
    """Started unmailed (the account not confirmed yet, or "never"), a notice is mailed once that
    changes; and the other way round."""
    proposal, fanny = debate
    newcomer = make.user(confirmed=False)
    follow(newcomer, "proposal", proposal.id)
    set_preference(fanny, "followed_debate", "never")
    db.session.commit()
    comment(client, login, proposal, make.user())
    assert [n.email_state for n in notices(newcomer)] == [n.email_state for n in notices(fanny)] == ["skipped"]
    newcomer.confirmed_at = utcnow()
    set_preference(fanny, "followed_debate", "daily")
    db.session.commit()
    comment(client, login, proposal, make.user())
    assert [(n.repeats, n.email_state) for n in notices(newcomer)] == [(2, "pending")]
    assert [(n.repeats, n.email_state) for n in notices(fanny)] == [(2, "pending")]
    set_preference(fanny, "followed_debate", "never")
    db.session.commit()
    comment(client, login, proposal, make.user())
    assert [(n.repeats, n.email_state) for n in notices(fanny)] == [(3, "skipped")]


def test_nobody_hears_of_a_comment_approved_under_a_proposal_hidden_since(make):
    from consult.moderation.decisions import act
    from consult.moderation.services import load_target

    territory = make.territory()
    moderator = make.member(make.user(), territory, "moderator")
    proposal = make.proposal(make.consultation(territory), status="hidden")
    fan, replied = make.user(), make.user()
    follow(fan, "proposal", proposal.id)
    parent = make.comment(proposal, replied)
    held = make.comment(proposal, parent=parent, status="pending")
    act(moderator, load_target("comment", held.id), "approve")
    assert held.status == "published" and held.published_at is None  # published, but not announced
    assert notices(fan) == [] and notices(replied, "comment_reply") == []
    assert notices(proposal.author, "proposal_comment") == []


def test_who_deleted_the_comment_replied_to_hears_of_the_reply_with_the_followers(make):
    from consult.comments.services import delete_comment
    from consult.moderation.decisions import act
    from consult.moderation.services import load_target

    territory = make.territory()
    moderator = make.member(make.user(), territory, "moderator")
    proposal = make.proposal(make.consultation(territory, premoderate_comments=True))
    carol = make.user()
    parent = make.comment(proposal, carol)
    follow(carol, "proposal", proposal.id)  # as commenting does
    held = make.comment(proposal, parent=parent, status="pending")
    delete_comment(parent, utcnow())
    act(moderator, load_target("comment", held.id), "approve")
    assert notices(carol, "comment_reply") == [] and [n.repeats for n in notices(carol)] == [1]
    act(moderator, load_target("comment", held.id), "hide", rule="off_topic", explanation="Hors sujet.")
    assert notices(carol) == []  # no longer counted, as for any follower


def test_an_account_erased_before_its_comment_is_approved_follows_nothing(make):
    from consult.moderation.decisions import act
    from consult.moderation.services import load_target
    from consult.notifications.models import Follow

    territory = make.territory()
    moderator = make.member(make.user(), territory, "moderator")
    proposal = make.proposal(make.consultation(territory))
    gone = make.user()
    held = make.comment(proposal, gone, status="pending")
    gone.deleted_at = utcnow()
    act(moderator, load_target("comment", held.id), "approve")
    assert db.session.scalars(db.select(Follow).where(Follow.user_id == gone.id)).all() == []


def test_an_item_is_announced_once(make):
    from sqlalchemy.orm.attributes import set_committed_value

    from consult.notifications.events import first_published

    proposal = make.proposal()
    fan = make.user()
    follow(fan, "proposal", proposal.id)
    held = make.comment(proposal, status="pending")
    db.session.commit()
    held.status = "published"
    first_published(held)
    # as another moderator's request read it, before the first one's commit
    set_committed_value(held, "published_at", None)
    first_published(held)
    assert [n.repeats for n in notices(fan)] == [1]


def announce_in_its_own_transaction(app, comment_id, first_done, hold):
    """Tell of a comment in a session of its own; the first one waits before committing."""
    from consult.comments.models import Comment
    from consult.notifications.events import comment_posted

    with app.app_context():
        comment_posted(db.session.get(Comment, comment_id))
        if hold:
            first_done.set()
            time.sleep(0.5)  # the second one starts meanwhile
        db.session.commit()
        db.session.remove()


def test_two_comments_at_once_add_up_in_one_notice(app, make, debate, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    proposal, fanny = debate
    first, second = make.comment(proposal).id, make.comment(proposal).id
    db.session.commit()
    first_done = threading.Event()
    holder = threading.Thread(target=announce_in_its_own_transaction, args=(app, first, first_done, True))
    holder.start()
    assert first_done.wait(5)
    announce_in_its_own_transaction(app, second, first_done, False)
    holder.join(5)
    assert [n.repeats for n in notices(fanny)] == [2]


def test_a_notice_rises_with_its_latest_event(client, login, make, debate):
    from consult.notifications.services import notify

    proposal, fanny = debate
    comment(client, login, proposal, make.user())
    notify(fanny, "proposal_status", {"proposal_title": "Une autre idée", "status": "withdrawn"}, "/")
    db.session.commit()
    login(fanny)
    before = client.get("/me/notifications").text
    assert before.index("Une autre idée") < before.index("1\u00a0nouveau commentaire dans le débat")
    comment(client, login, proposal, make.user())
    login(fanny)
    after = client.get("/me/notifications").text
    assert after.index("2\u00a0nouveaux commentaires dans le débat") < after.index("Une autre idée")
    [notice] = notices(fanny)
    assert notice.updated_at > notice.created_at
