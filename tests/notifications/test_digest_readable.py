"""A digest goes out hours or days after its notices were made: it leaves out what the person
can no longer read (a proposal hidden since, a reply hidden or deleted since, a consultation back
to draft, the queue of a team they left), and an official answer is not told while the public
cannot read the proposal."""
from datetime import timedelta

from consult.comments.services import delete_comment, post_comment
from consult.database import utcnow
from consult.extensions import db
from consult.moderation.decisions import act
from consult.moderation.services import load_target
from consult.notifications.digests import send_digests
from consult.notifications.models import Notification, OutgoingMail
from consult.notifications.services import follow, set_preference
from consult.notifications.staff_events import awaiting_moderation, item_handled
from consult.proposals.services import answer_proposal
from consult.territories.services import remove_member

TOMORROW = timedelta(days=1)


def mails_to(user):
    return db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == user.email)).all()


def test_a_proposal_hidden_since_its_answer_is_left_out_of_the_digest(make):
    voter = make.user(locale="en")
    set_preference(voter, "proposal_answered", "daily")
    consultation = make.consultation()
    hidden, kept = make.proposal(consultation, title="Une idée masquée"), make.proposal(consultation, title="Une idée lue")
    staff = make.member(make.user(), consultation.territory, "admin")
    for proposal in (hidden, kept):
        follow(voter, "proposal", proposal.id)
        answer_proposal(proposal, staff, "accepted", "Oui.")
    hidden.status = "hidden"
    db.session.commit()
    assert send_digests(now=utcnow() + TOMORROW) == 1
    (mail,) = mails_to(voter)
    assert "Une idée lue" in mail.text_body and "Une idée masquée" not in mail.text_body
    states = dict(db.session.execute(db.select(Notification.payload["proposal_id"].as_integer(),
                                               Notification.email_state).where(Notification.user_id == voter.id)).all())
    assert states == {hidden.id: "skipped", kept.id: "queued"}


def test_a_consultation_back_to_draft_is_left_out_and_nothing_is_sent_for_it_alone(make):
    voter = make.user(locale="en")
    set_preference(voter, "proposal_answered", "daily")
    consultation = make.consultation()
    proposal = make.proposal(consultation)
    follow(voter, "proposal", proposal.id)
    answer_proposal(proposal, make.member(make.user(), consultation.territory, "admin"), "accepted", "Oui.")
    consultation.status = "draft"
    db.session.commit()
    assert send_digests(now=utcnow() + TOMORROW) == 0
    assert mails_to(voter) == []


def test_an_answer_in_a_draft_consultation_is_told_to_nobody(make):
    consultation = make.consultation(status="draft")
    author = make.user()
    proposal = make.proposal(consultation, author)
    answer_proposal(proposal, make.member(make.user(), consultation.territory, "admin"), "accepted", "Oui.")
    db.session.commit()
    assert db.session.scalars(db.select(Notification).where(Notification.kind == "proposal_answered")).all() == []


def test_who_left_the_team_is_not_mailed_its_queue_and_the_notice_is_settled(make):
    consultation = make.consultation(moderation="pre")
    moderator = make.member(make.user(email="ex@example.org"), consultation.territory, "moderator")
    waiting = make.proposal(consultation, title="Un titre en attente", status="pending")
    awaiting_moderation("proposal", waiting)
    db.session.commit()
    remove_member(moderator.memberships[0])
    db.session.commit()
    assert send_digests(now=utcnow() + TOMORROW) == 0
    assert mails_to(moderator) == []
    item_handled(load_target("proposal", waiting.id))
    notice = db.session.scalars(db.select(Notification).where(Notification.kind == "moderation_queue")).one()
    assert notice.read_at is not None


def test_the_centre_no_longer_names_what_the_person_may_no_longer_read(client, login, make):
    voter = make.user()
    consultation = make.consultation()
    author = make.user()
    hidden, kept = (make.proposal(consultation, author, title=title) for title in ("Un titre injurieux", "Une idée lue"))
    staff = make.member(make.user(), consultation.territory, "admin")
    for proposal in (hidden, kept):
        follow(voter, "proposal", proposal.id)
        answer_proposal(proposal, staff, "accepted", "Oui.")
    moderator = make.member(make.user(), consultation.territory, "moderator")
    act(moderator, load_target("proposal", hidden.id), "hide", rule="harassment", explanation="Injurieux.")
    db.session.commit()
    login(voter)
    page = client.get("/me/notifications").text
    assert "Une idée lue" in page and "Un titre injurieux" not in page
    assert "This notice was about something that is no longer shown" in page
    opened = {n.payload["proposal_id"]: f"/me/notifications/{n.id}/open" for n in db.session.scalars(
        db.select(Notification).where(Notification.user_id == voter.id))}
    assert opened[kept.id] in page and opened[hidden.id] not in page  # no way to what it no longer reads
    login(author)  # the decision about their own proposal is theirs to read, title and all
    assert "Un titre injurieux" in client.get("/me/notifications").text


def test_replies_hidden_or_deleted_since_are_left_out_of_the_digest_and_the_centre(client, login, make):
    consultation = make.consultation()
    alice = make.user(locale="en")
    proposal = make.proposal(consultation, alice, title="Des bancs")
    moderator = make.member(make.user(), consultation.territory, "moderator")
    for kind in ("comment_reply", "proposal_comment"):
        set_preference(alice, kind, "daily")
    mine = post_comment(proposal, alice, "Près de la gare.")
    hidden, deleted, kept = (post_comment(proposal, make.user(name=name), "Une réponse.", parent=mine)
                             for name in ("Troll", "Bob", "Chloé"))
    on_proposal = post_comment(proposal, make.user(name="Denis"), "Une insulte.")
    db.session.commit()
    for comment in (hidden, on_proposal):
        act(moderator, load_target("comment", comment.id), "hide", rule="harassment", explanation="Injurieux.")
    delete_comment(deleted, utcnow())
    db.session.commit()

    login(alice)
    page = client.get("/me/notifications").text
    assert "Chloé replied to your comment" in page
    assert "Troll" not in page and "Bob" not in page and "Denis" not in page
    assert "This notice was about something that is no longer shown" in page
    opened = {n.payload["comment_id"]: f"/me/notifications/{n.id}/open" for n in db.session.scalars(
        db.select(Notification).where(Notification.user_id == alice.id))}
    assert opened[kept.id] in page
    assert not any(opened[c.id] in page for c in (hidden, deleted, on_proposal))

    send_digests(now=utcnow() + TOMORROW)
    (mail,) = mails_to(alice)
    assert "Chloé replied to your comment" in mail.text_body
    assert "Troll" not in mail.text_body and "Bob" not in mail.text_body and "Denis" not in mail.text_body
