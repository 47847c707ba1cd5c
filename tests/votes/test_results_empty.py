"""The results page of a consultation without any proposal: one sentence, no empty charts."""
import re

import pytest


@pytest.mark.parametrize("vote_mode", ["support", "for_against"])
def test_results_without_proposals_say_so_instead_of_empty_charts(client, make, vote_mode):
    c = make.consultation(phase="proposals", vote_mode=vote_mode, support_threshold=10)
    make.category(c)
    make.proposal(c, title="Retirée avant toute chose", status="withdrawn")  # not counted in the results
    html = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert "No proposal yet: the results will appear here." in html
    assert 'data-figure="proposals">0<' in html  # the key figures stay
    assert "<svg" not in html and 'class="chart-data"' not in html and "<table" not in html
    for heading in ("By category", "Participation over time", "For, against and abstentions",
                    "Eligible proposals", "Official answers"):
        assert f">{heading}</h2>" not in html
    assert '<h2 id="ranking">Ranking</h2>' in html


def test_results_sentence_is_in_french(client, make):
    c = make.consultation(phase="proposals")
    html = client.get(f"/consultations/{c.id}/results", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="fr">' in html
    sentence = re.search(r'<p class="placeholder results-empty">([^<]*)</p>', html).group(1)
    assert sentence.replace("\u00a0", " ").replace("\u202f", " ") == \
        "Pas encore de proposition : les résultats apparaîtront ici."
    assert '<h2 id="ranking">Classement</h2>' in html


def test_results_with_one_proposal_show_the_charts(client, make):
    c = make.consultation(phase="vote", vote_mode="for_against")
    make.proposal(c, title="Des bancs publics")
    html = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert "No proposal yet" not in html
    assert html.count('<details class="chart-data">') == 4
    assert ">By category</h2>" in html and "Des bancs publics" in html
