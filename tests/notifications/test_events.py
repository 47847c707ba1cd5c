"""Who hears about what."""
from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction
from consult.notifications import events
from consult.notifications.models import Notification
from consult.notifications.services import follow, unfollow
from consult.proposals.models import ProposalAnswer


def notices(user=None, kind=None):
    query = db.select(Notification)
    if user is not None:
        query = query.where(Notification.user_id == user.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def test_new_consultation_tells_territory_followers(app, make):
    creator, fan, other = make.user(), make.user(), make.user()
    territory = make.territory(name="Lyon")
    follow(fan, "territory", territory.id)
    follow(creator, "territory", territory.id)
    consultation = make.consultation(territory, created_by_id=creator.id)
    events.consultation_published(consultation)
    [n] = notices(kind="new_consultation")
    assert n.user_id == fan.id
    assert n.payload["consultation_title"] == {"fr": "Budget participatif", "en": "Participatory budget"}
    assert n.url == f"/consultations/{consultation.id}"
    assert notices(other) == []


def test_comment_reply_and_proposal_comment(app, make):
    author, first, replier = make.user(), make.user(), make.user()
    proposal = make.proposal(author=author)
    parent = make.comment(proposal, first)
    reply = make.comment(proposal, replier, parent=parent)
    events.comment_posted(reply)
    assert [n.kind for n in notices(first)] == ["comment_reply"]
    assert [n.kind for n in notices(author)] == ["proposal_comment"]
    assert notices(replier) == []
    assert notices(first)[0].url == f"/comments/{reply.id}"  # leads to its page of the debate


def test_own_comment_on_own_proposal_tells_nobody(app, make):
    author = make.user()
    proposal = make.proposal(author=author)
    events.comment_posted(make.comment(proposal, author))
    assert notices() == []


def test_commenter_follows_unless_opted_out(app, make):
    from consult.notifications.services import is_following

    proposal = make.proposal()
    commenter, quitter = make.user(), make.user()
    unfollow(quitter, "proposal", proposal.id)
    events.comment_posted(make.comment(proposal, commenter))
    events.comment_posted(make.comment(proposal, quitter))
    assert is_following(commenter, "proposal", proposal.id)
    assert not is_following(quitter, "proposal", proposal.id)


def test_answer_tells_followers_and_author_not_the_official(app, make):
    author, fan, official = make.user(), make.user(), make.user()
    proposal = make.proposal(author=author)
    follow(fan, "proposal", proposal.id)
    follow(official, "proposal", proposal.id)
    proposal.answers.append(ProposalAnswer(state="accepted", author_id=official.id, text={"fr": "Oui"}))
    proposal.answer_state = "accepted"
    db.session.flush()
    events.proposal_answered(proposal)
    assert sorted(n.user_id for n in notices(kind="proposal_answered")) == sorted([author.id, fan.id])
    assert notices(author)[0].payload["answer_state"] == "accepted"


def test_status_change_and_threshold(app, make):
    author, fan = make.user(), make.user()
    proposal = make.proposal(author=author)
    follow(fan, "proposal", proposal.id)
    proposal.status = "withdrawn"
    events.proposal_status_changed(proposal)
    assert [n.user_id for n in notices(kind="proposal_status")] == [fan.id]
    proposal.status = "hidden"
    events.proposal_status_changed(proposal)
    assert len(notices(kind="proposal_status")) == 1
    events.threshold_reached(proposal)
    assert {n.user_id for n in notices(kind="threshold_reached")} == {author.id, fan.id}


def test_moderation_and_appeal(app, make):
    author, moderator = make.user(), make.user()
    proposal = make.proposal(author=author)
    action = ModerationAction(territory_id=proposal.consultation.territory_id, moderator_id=moderator.id,
                              subject_user_id=author.id, target_type="proposal", target_id=proposal.id,
                              action="hide", rule="spam", explanation="Publicité")
    db.session.add(action)
    db.session.flush()
    events.moderation_decision(action)
    [n] = notices(author)
    assert n.kind == "moderation_decision" and n.payload["rule"] == "spam"
    appeal = Appeal(action_id=action.id, author_id=author.id, message="Ce n'est pas de la publicité",
                    decided_by_id=moderator.id, decision="reversed")
    db.session.add(appeal)
    db.session.flush()
    events.appeal_decided(appeal)
    assert [n.kind for n in notices(author)] == ["moderation_decision", "appeal_outcome"]
    assert notices(moderator) == []
    dismissed = ModerationAction(territory_id=action.territory_id, moderator_id=moderator.id,
                                 subject_user_id=author.id, target_type="proposal", target_id=proposal.id,
                                 action="dismiss")
    db.session.add(dismissed)
    db.session.flush()
    assert events.moderation_decision(dismissed) is None


def test_describe_in_each_language(app, make):
    from flask_babel import force_locale

    from consult.notifications.texts import describe

    fan = make.user()
    territory = make.territory(name="Lyon")
    follow(fan, "territory", territory.id)
    consultation = make.consultation(territory)
    events.consultation_published(consultation)
    [n] = notices(fan)
    with force_locale("en"):
        assert "Participatory budget" in describe(n) and "Lyon" in describe(n)
    with force_locale("fr"):
        assert "Budget participatif" in describe(n)
