"""The vote buttons and the charts' tables of a page read apart: a screen reader listing the
buttons of a listing, or moving from one chart to the next, hears which proposal or which
figures each is about, not the same words again and again."""
import re

from markupsafe import Markup


def names(html, pattern):
    """The accessible names (text, hidden words included) of the elements matching pattern."""
    return [Markup(inner).striptags() for inner in re.findall(pattern, html, re.S)]


def test_each_withdraw_button_of_a_listing_names_its_proposal(client, login, make):
    consultation = make.consultation(phase="vote", vote_mode="for_against", max_votes=5)
    quays = make.proposal(consultation, title="Des bancs sur les quais")
    park = make.proposal(consultation, title="Un kiosque au parc")
    voter = make.user()
    login(voter)
    for proposal in (quays, park):
        assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}).status_code == 302
    page = client.get(f"/consultations/{consultation.id}/proposals", headers={"Accept-Language": "en"}).text
    withdraw = [name for name in names(page, r'<button type="submit" class="link-button">(.*?)</button>')
                if name.startswith("Withdraw")]
    assert sorted(withdraw) == ["Withdraw my vote “Des bancs sur les quais”", "Withdraw my vote “Un kiosque au parc”"]


def test_each_table_of_the_results_names_its_chart(client, make):
    consultation = make.consultation(phase="vote")
    make.proposal(consultation, votes_for=2)
    page = client.get(f"/consultations/{consultation.id}/results", headers={"Accept-Language": "en"}).text
    shown = names(page, r"<summary>(.*?)</summary>")
    assert len(shown) >= 3 and len(set(shown)) == len(shown), shown
    assert "Show the data as a table (The 10 best-ranked proposals)" in shown
