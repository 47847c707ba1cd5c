"""What leaves the public's sight (a comment deleted or hidden, a proposal hidden) is no longer
counted by the followers' notices still gathering it; shown again, it is counted again. A notice
read, started since, or of someone who stopped following since, stays as it is."""
from consult.extensions import db
from consult.moderation.decisions import act
from consult.moderation.services import load_target
from consult.notifications.services import follow, unfollow
from consult.proposals.services import submit_proposal

from .test_gathered import comment, debate, notices  # noqa: F401 (debate: a fixture)


def moderate(client, login, moderator, comment_id, action):
    login(moderator)
    data = {"target_type": "comment", "target_id": comment_id, "action": action}
    if action == "hide":
        data.update(rule="off_topic", explanation="Hors sujet.")
    assert client.post("/moderation/act", data=data).status_code == 302


def two_people_and_a_moderator(make, proposal):
    """Bob and Chloé, who comment; a moderator of the proposal's territory."""
    moderator = make.user()
    make.member(moderator, proposal.consultation.territory, "moderator")
    return make.user(), make.user(), moderator


def test_a_comment_gone_is_no_longer_counted(client, login, make, debate):
    proposal, fanny = debate
    bob, chloe, moderator = two_people_and_a_moderator(make, proposal)
    first = comment(client, login, proposal, bob)
    login(fanny)
    [read] = notices(fanny)
    client.post(f"/me/notifications/{read.id}/open")
    second = comment(client, login, proposal, chloe)
    third = comment(client, login, proposal, bob, body="Et des arbres.")

    def counts():
        return [(n.repeats, n.url) for n in notices(fanny)]

    assert counts() == [(1, f"/comments/{first}"), (2, f"/comments/{second}")]
    moderate(client, login, moderator, first, "hide")  # read already: as it was
    assert counts() == [(1, f"/comments/{first}"), (2, f"/comments/{second}")]
    moderate(client, login, moderator, second, "hide")
    assert counts()[1] == (1, f"/comments/{second}")
    moderate(client, login, moderator, second, "restore")
    assert counts()[1] == (2, f"/comments/{second}")
    login(bob)
    assert client.post(f"/comments/{third}/delete").status_code == 302
    assert counts()[1] == (1, f"/comments/{second}")
    login(chloe)
    assert client.post(f"/comments/{second}/delete").status_code == 302
    assert counts() == [(1, f"/comments/{first}")]  # it counted nothing else: gone
    # Shown again, a comment tells nobody anew: no notice starts.
    moderate(client, login, moderator, first, "restore")
    assert counts() == [(1, f"/comments/{first}")]


def test_a_comment_sent_back_to_the_queue_is_no_longer_counted(client, login, make, debate):
    proposal, fanny = debate
    bob = make.user()
    comment(client, login, proposal, bob)
    edited = comment(client, login, proposal, bob, body="Et des arbres.")
    proposal.consultation.territory.forbidden_words = "cornichon"
    db.session.commit()
    login(bob)
    assert client.post(f"/comments/{edited}/edit", data={"body": "Quel cornichon."}).status_code == 302
    assert [n.repeats for n in notices(fanny)] == [1]


def test_a_proposal_hidden_is_no_longer_counted(make):
    territory = make.territory()
    consultation = make.consultation(territory)
    fan, author, moderator = make.user(), make.user(), make.user()
    make.member(moderator, territory, "moderator")
    follow(fan, "consultation", consultation.id)
    first, second = (submit_proposal(consultation, author, {"title": title, "body": "Pour tous."})
                     for title in ("Des bancs", "Des arbres"))
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [2]
    act(moderator, load_target("proposal", first.id), "hide", rule="off_topic", explanation="Hors sujet.")
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [1]
    act(moderator, load_target("proposal", first.id), "restore")
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [2]


def test_what_was_never_counted_for_someone_is_not_taken_off_their_notice(client, login, make, debate):
    proposal, fanny = debate
    bob, chloe = make.user(), make.user()
    own = comment(client, login, proposal, bob)
    comment(client, login, proposal, chloe)
    assert [n.repeats for n in notices(bob)] == [1]  # Chloé's: his own is never counted for him
    login(bob)
    assert client.post(f"/comments/{own}/delete").status_code == 302
    assert [n.repeats for n in notices(bob)] == [1] and [n.repeats for n in notices(fanny)] == [1]


def test_a_reply_told_to_the_author_of_a_comment_deleted_since_is_not_taken_off_their_notice(client, login, make,
                                                                                             debate):
    proposal, fanny = debate
    first = comment(client, login, proposal, fanny)
    comment(client, login, proposal, make.user())  # counted for Fanny
    reply = comment(client, login, proposal, make.user(), parent_id=str(first))  # told by a notice of her own
    login(fanny)
    assert client.post(f"/comments/{first}/delete").status_code == 302
    assert [n.repeats for n in notices(fanny)] == [1] and len(notices(fanny, "comment_reply")) == 1
    moderate(client, login, make.member(make.user(), proposal.consultation.territory, "moderator"), reply, "hide")
    assert [n.repeats for n in notices(fanny)] == [1]  # the reply was never counted for her


def test_a_comment_never_announced_is_not_taken_off(client, login, make, debate):
    from consult.moderation.services import set_status

    proposal, fanny = debate
    comment(client, login, proposal, make.user())
    proposal.status = "hidden"
    held = make.comment(proposal, status="pending", published_at=None)
    moderator = make.member(make.user(), proposal.consultation.territory, "moderator")
    set_status(load_target("comment", held.id), "published", moderator)  # under a hidden proposal: not announced
    assert held.published_at is None
    set_status(load_target("comment", held.id), "hidden", moderator)
    assert [n.repeats for n in notices(fanny)] == [1]


def test_a_withdrawn_proposal_hidden_is_no_longer_counted(make):
    from consult.proposals.services import withdraw_proposal

    consultation = make.consultation(make.territory(), phase="proposals")
    fan, author, moderator = make.user(), make.user(), make.user()
    make.member(moderator, consultation.territory, "moderator")
    follow(fan, "consultation", consultation.id)
    first, _second = (submit_proposal(consultation, author, {"title": title, "body": "Pour tous."})
                      for title in ("Des bancs", "Des arbres"))
    withdraw_proposal(author, first)
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [2]  # withdrawn, still public
    act(moderator, load_target("proposal", first.id), "hide", rule="off_topic", explanation="Hors sujet.")
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [1]
    act(moderator, load_target("proposal", first.id), "restore")
    assert first.status == "withdrawn" and [n.repeats for n in notices(fan, "followed_proposals")] == [2]


def test_a_comment_posted_while_one_did_not_follow_is_not_taken_off_their_notice(client, login, make, debate):
    proposal, fanny = debate
    bob, chloe, moderator = two_people_and_a_moderator(make, proposal)
    comment(client, login, proposal, bob)
    login(fanny)
    assert client.post(f"/unfollow/proposal/{proposal.id}").status_code == 302
    unseen = comment(client, login, proposal, chloe)  # not told to Fanny
    moderate(client, login, moderator, unseen, "hide")
    assert [n.repeats for n in notices(fanny)] == [1]  # Bob's comment, still there and unread
    moderate(client, login, moderator, unseen, "restore")
    assert [n.repeats for n in notices(fanny)] == [1]
    login(fanny)
    page = client.get("/me/notifications", headers={"Accept-Language": "fr"}).text
    assert "1\u00a0nouveau commentaire dans le débat sur «\u00a0Des bancs place du marché\u00a0»." in page


def test_following_again_starts_a_new_notice(client, login, make, debate):
    proposal, fanny = debate
    bob, chloe, moderator = two_people_and_a_moderator(make, proposal)
    first = comment(client, login, proposal, bob)
    login(fanny)
    assert client.post(f"/unfollow/proposal/{proposal.id}").status_code == 302
    unseen = comment(client, login, proposal, chloe)
    login(fanny)
    assert client.post(f"/follow/proposal/{proposal.id}").status_code == 302
    again = comment(client, login, proposal, bob, body="Et des arbres.")
    moderate(client, login, moderator, unseen, "hide")
    assert [(n.repeats, n.url) for n in notices(fanny)] == [(1, f"/comments/{first}"), (1, f"/comments/{again}")]


def test_the_proposals_of_a_consultation_one_no_longer_follows_are_not_taken_off(make):
    territory = make.territory()
    consultation = make.consultation(territory)
    fan, author, moderator = make.user(), make.user(), make.user()
    make.member(moderator, territory, "moderator")
    follow(fan, "consultation", consultation.id)
    submit_proposal(consultation, author, {"title": "Des bancs", "body": "Pour tous."})
    unfollow(fan, "consultation", consultation.id)
    unseen = submit_proposal(consultation, author, {"title": "Des arbres", "body": "Pour tous."})
    act(moderator, load_target("proposal", unseen.id), "hide", rule="off_topic", explanation="Hors sujet.")
    assert [n.repeats for n in notices(fan, "followed_proposals")] == [1]
