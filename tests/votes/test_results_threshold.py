"""The eligible proposals of a consultation with a support threshold: each number of the
sentence has its own plural, and the words fit the vote mode."""
from consult.extensions import db


def _page(client, make, vote_mode, threshold, votes, lang="en"):
    c = make.consultation(phase="vote", vote_mode=vote_mode, support_threshold=threshold)
    for i, n in enumerate(votes):
        make.proposal(c, title=f"Idée {i}", votes_for=n)
    db.session.commit()
    html = client.get(f"/consultations/{c.id}/results", headers={"Accept-Language": lang}).text
    return html[html.index('id="eligible"'):html.index('id="answers"')]


def test_the_threshold_has_its_own_plural(client, make):
    section = _page(client, make, "support", 1, [2, 1, 1])
    assert "3 proposals reached the threshold of 1 support." in section
    assert "— 2 supports" in section and "— 1 support<" in section
    section = _page(client, make, "support", 5, [6, 0])
    assert "1 proposal reached the threshold of 5 supports." in section


def test_in_for_against_mode_the_threshold_counts_votes_for(client, make):
    section = _page(client, make, "for_against", 1, [3, 0])
    assert "1 proposal reached the threshold of 1 vote for." in section
    assert "— 3 votes for" in section
    assert "support" not in section
    section = _page(client, make, "for_against", 2, [3, 2])
    assert "2 proposals reached the threshold of 2 votes for." in section


def test_in_french_a_threshold_of_one_is_singular(client, make):
    section = _page(client, make, "support", 1, [2], lang="fr")
    assert "1 soutien." in section and "1 soutiens" not in section
    assert "2 soutiens" in section
