"""The results page's lists of official answers and of eligible proposals: a page at a time, with
links to the others, so that a consultation whose thousands of proposals were all answered
still shows a page of a readable size, read in the same number of queries."""
import pytest

from consult.extensions import db
from consult.proposals.models import ProposalAnswer
from consult.votes import results

from ..helpers import count_page_queries, current_page, pagination_links


@pytest.fixture
def short_pages(monkeypatch):
    monkeypatch.setattr(results, "ANSWERS_PER_PAGE", 2, raising=False)
    monkeypatch.setattr(results, "ELIGIBLE_PER_PAGE", 2, raising=False)


def _answered(make, consultation, count, votes=0):
    """`count` answered proposals, the first one best ranked."""
    author = make.user()
    for i in range(count):
        proposal = make.proposal(consultation, author, title=f"Idée {i:02d}", votes_for=votes + count - i,
                                 answer_state="accepted")
        db.session.add(ProposalAnswer(proposal=proposal, state="accepted", text={"fr": f"Réponse {i:02d}"}))
    db.session.commit()


def _section(html, name, following):
    return html[html.index(f'id="{name}"'):html.index(f'id="{following}"')]


def test_official_answers_are_shown_a_page_at_a_time(client, make, short_pages):
    c = make.consultation(phase="vote")
    _answered(make, c, 5)
    html = client.get(f"/consultations/{c.id}/results").text
    answers = html[html.index('id="answers"'):]
    assert "Accepted: <strong>5</strong>" in answers  # every answer counted, not only the page
    assert "Réponse 00" in answers and "Réponse 01" in answers and "Réponse 02" not in answers
    nav = pagination_links(answers, "Pages of the official answers")
    assert f'href="/consultations/{c.id}/results?answers=2#answers" rel="next"' in nav
    assert current_page(1) in nav
    last = client.get(f"/consultations/{c.id}/results?answers=3").text
    answers = last[last.index('id="answers"'):]
    assert "Réponse 04" in answers and "Réponse 03" not in answers
    assert current_page(3) in pagination_links(answers, "Pages of the official answers")


def test_eligible_proposals_are_listed_a_page_at_a_time(client, make, short_pages):
    c = make.consultation(phase="vote", vote_mode="support", support_threshold=1)
    _answered(make, c, 3)
    make.proposal(c, title="Sans soutien")
    html = client.get(f"/consultations/{c.id}/results?eligible=2").text
    section = _section(html, "eligible", "answers")
    assert "3 proposals reached the threshold of 1 support." in section
    assert "Idée 02" in section and "Idée 01" not in section and "Sans soutien" not in section
    nav = pagination_links(section, "Pages of the eligible proposals")
    assert f'href="/consultations/{c.id}/results?eligible=1#eligible" rel="prev"' in nav


def test_the_results_page_reads_the_same_queries_with_many_answers(client, make, short_pages):
    few = make.consultation(phase="vote", support_threshold=1)
    _answered(make, few, 3)
    many = make.consultation(phase="vote", support_threshold=1)
    _answered(make, many, 12)
    counts = [count_page_queries(client, f"/consultations/{c.id}/results") for c in (few, many)]
    assert counts[0] == counts[1]
    html = client.get(f"/consultations/{many.id}/results").text
    assert html.count("Réponse ") == 2
