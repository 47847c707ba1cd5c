"""The threshold is told once a proposal reaches it, however it gets there: a vote changed to
"for", a threshold lowered under its count (told at once), or raised again above it."""
from consult.consultations import services as consultations
from consult.database import utcnow
from consult.extensions import db
from consult.notifications.models import Notification
from consult.notifications.texts import describe
from consult.votes.services import cast_vote


def told(proposal):
    return db.session.scalars(db.select(Notification).where(Notification.kind == "threshold_reached",
                                                            Notification.user_id == proposal.author_id)).all()


def test_a_vote_changed_to_for_that_reaches_the_threshold_is_told(make):
    c = make.consultation(phase="vote", vote_mode="for_against", support_threshold=2)
    proposal = make.proposal(c)
    cast_vote(make.user(), proposal, 1, utcnow())
    changing = make.user()
    cast_vote(changing, proposal, -1, utcnow())
    assert told(proposal) == []
    cast_vote(changing, proposal, 1, utcnow())
    db.session.commit()
    (notice,) = told(proposal)
    assert proposal.threshold_reached_at is not None


def test_a_lowered_threshold_is_told_at_once_and_a_raised_one_when_reached(app, make):
    c = make.consultation(phase="vote", vote_mode="support", support_threshold=5, max_votes=0)
    proposal, under, withdrawn = make.proposal(c), make.proposal(c), make.proposal(c)
    for _ in range(3):
        cast_vote(make.user(), proposal, 1, utcnow())
        cast_vote(make.user(), withdrawn, 1, utcnow())
    cast_vote(make.user(), under, 1, utcnow())
    withdrawn.status = "withdrawn"
    consultations.update_consultation(c, {"support_threshold": 2})  # 3 supports, over 2: told at once
    db.session.commit()
    assert [len(told(p)) for p in (proposal, under, withdrawn)] == [1, 0, 0]
    cast_vote(make.user(), proposal, 1, utcnow())  # 4: not told again
    consultations.update_consultation(c, {"support_threshold": 6})
    cast_vote(make.user(), proposal, 1, utcnow())  # 5
    assert len(told(proposal)) == 1
    cast_vote(make.user(), proposal, 1, utcnow())  # 6: the new threshold reached
    db.session.commit()
    assert len(told(proposal)) == 2


def test_a_threshold_set_on_a_draft_is_told_at_the_next_vote_after_publication(app, make):
    c = make.consultation(phase="vote", vote_mode="support", support_threshold=0, max_votes=0)
    proposal = make.proposal(c)
    for _ in range(2):
        cast_vote(make.user(), proposal, 1, utcnow())
    c.status = "draft"
    consultations.update_consultation(c, {"support_threshold": 2})
    db.session.commit()
    assert told(proposal) == []  # the public cannot read it: nobody is told of it
    c.status = "published"
    cast_vote(make.user(), proposal, 1, utcnow())
    db.session.commit()
    assert len(told(proposal)) == 1


def test_the_notice_says_one_support_or_votes_for_as_the_mode_says(app, make):
    for mode, threshold, text in (("support", 1, "passed the threshold of 1 support."),
                                  ("for_against", 3, "passed the threshold of 3 votes for.")):
        c = make.consultation(phase="vote", vote_mode=mode, support_threshold=threshold)
        proposal = make.proposal(c)
        for _ in range(threshold):
            cast_vote(make.user(), proposal, 1, utcnow())
        db.session.commit()
        (notice,) = told(proposal)
        with app.test_request_context(headers={"Accept-Language": "en"}):
            assert describe(notice).endswith(text)
