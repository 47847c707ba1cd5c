"""The results page and the CSV/JSON downloads: exact numbers, no personal data."""
import csv
import io
import json
import re
from datetime import timedelta

from consult.comments.models import Comment
from consult.extensions import db
from consult.proposals.models import ProposalAnswer
from consult.votes.models import Vote

from ..helpers import ROOT, count_queries, current_page, pagination_links


def _vote(proposal, user, value=1, when=None):
    db.session.add(Vote(user_id=user.id, proposal_id=proposal.id, consultation_id=proposal.consultation_id,
                        value=value, **({"created_at": when} if when else {})))
    field = {1: "votes_for", -1: "votes_against", 0: "votes_abstain"}[value]
    setattr(proposal, field, getattr(proposal, field) + 1)
    db.session.commit()


def _scenario(make, vote_mode="for_against", **settings):
    c = make.consultation(phase="vote", vote_mode=vote_mode, **settings)
    mobility = make.category(c)
    culture = make.category(c, fr="Culture", en="Culture")
    alice = make.user(name="Alice Martin", email="alice.secret@example.org")
    bob = make.user(name="Bob Durand", email="bob.secret@example.org")
    p1 = make.proposal(c, alice, title="Des bancs publics", category=mobility)
    p2 = make.proposal(c, bob, title="Une fête de quartier", category=culture)
    p3 = make.proposal(c, bob, title="Retirée", status="withdrawn")
    voters = [make.user(email=f"voter{i}.secret@example.org") for i in range(4)]
    for v in voters[:3]:
        _vote(p2, v, 1)
    _vote(p2, voters[3], -1)
    _vote(p1, voters[0], 1)
    _vote(p1, voters[1], 0)
    _vote(p3, voters[2], 1)
    db.session.add(Comment(proposal=p1, author=voters[3], body="Bien", depth=1))
    db.session.add(ProposalAnswer(proposal=p2, state="accepted", text={"fr": "Nous l'organisons en juin."}))
    p2.answer_state = "accepted"
    db.session.commit()
    return c, p1, p2, p3


def test_results_page_numbers(client, make):
    c, p1, p2, p3 = _scenario(make)
    html = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert 'data-figure="participants">6<' in html  # 4 voters + 2 authors
    assert 'data-figure="voters">4<' in html  # the vote on the withdrawn proposal is not counted
    assert 'data-figure="votes">6<' in html
    assert 'data-figure="proposals">2<' in html
    assert 'data-figure="comments">1<' in html
    assert html.index("Une fête de quartier") < html.index("Des bancs publics")  # ranked
    assert "Retirée" not in html
    assert 'role="img"' in html and "<title id=\"chart-ranking-title\">" in html
    assert html.count("<details class=\"chart-data\">") == 4
    assert "<caption>" in html
    assert "Nous l&#39;organisons en juin." in html or "Nous l'organisons en juin." in html
    assert "Accepted" in html


def test_results_threshold_and_categories(client, make):
    c, p1, p2, p3 = _scenario(make, vote_mode="support", support_threshold=3)
    html = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert "1 proposal reached the threshold of 3 supports." in html
    section = html[html.index('id="by-category"'):html.index('id="eligible"')]
    assert "Mobility" in section and "Culture" in section


def test_csv_download(client, make):
    c, p1, p2, p3 = _scenario(make)
    r = client.get(f"/consultations/{c.id}/results.csv")
    assert r.status_code == 200
    assert r.mimetype == "text/csv"
    raw = r.get_data()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert [row["title"] for row in rows] == ["Une fête de quartier", "Des bancs publics"]
    assert rows[0]["author"] == "Bob Durand"
    assert (rows[0]["votes_for"], rows[0]["votes_against"], rows[0]["votes_abstain"]) == ("3", "1", "0")
    assert rows[0]["answer_state"] == "accepted"
    assert rows[0]["answer"] == "Nous l'organisons en juin."
    assert "@" not in raw.decode("utf-8")


def test_json_download(client, make):
    c, p1, p2, p3 = _scenario(make)
    r = client.get(f"/consultations/{c.id}/results.json")
    data = json.loads(r.get_data(as_text=True))
    assert data["licence"] == "Licence Ouverte / Etalab 2.0"
    assert set(data["dictionary"]) >= {"title", "author", "votes_for"}
    assert data["totals"]["votes"] == 6
    assert [p["votes_for"] for p in data["proposals"]] == [3, 1]
    assert data["proposals"][1]["author"] == "Alice Martin"
    assert "secret@example.org" not in r.get_data(as_text=True)
    assert "email" not in r.get_data(as_text=True)


def test_the_json_downloads_do_not_count_the_activity_they_do_not_give(client, make):
    """The JSON file and the API give the totals, not the activity per day: they do not count it
    (two passes over every vote, proposal and comment of the consultation)."""
    c, *_ = _scenario(make)
    for url in (f"/consultations/{c.id}/results.json", f"/api/v1/consultations/{c.id}/results"):
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        assert not any("UNION ALL" in s for s in counter.statements), url


def test_draft_results_are_404_for_the_public(client, make, login):
    c = make.consultation(phase="vote", status="draft")
    for suffix in ("", ".csv", "-excel.csv", ".json"):
        assert client.get(f"/consultations/{c.id}/results{suffix}").status_code == 404
    admin = make.member(make.user(), c.territory, "admin")
    login(admin)
    assert client.get(f"/consultations/{c.id}/results").status_code == 200


def test_activity_by_day_and_week(client, make):
    from consult.database import utcnow

    c = make.consultation(phase="vote")
    p = make.proposal(c)
    now = utcnow()
    for days in (0, 0, 1):
        _vote(p, make.user(), when=now - timedelta(days=days))
    html = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert "Votes, proposals, comments and participants per day" in html
    _vote(p, make.user(), when=now - timedelta(days=90))
    html = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert "Votes, proposals, comments and participants per week" in html


def test_results_in_english_and_empty(client, make):
    c = make.consultation(phase="vote")
    r = client.get(f"/consultations/{c.id}/results", headers={"Accept-Language": "en"})
    assert r.status_code == 200
    assert '<html lang="en">' in r.get_data(as_text=True)
    assert "No proposal yet: the results will appear here." in r.get_data(as_text=True)


def test_ranking_pages_link_back_to_the_ranking(client, make):
    c = make.consultation(phase="vote")
    author = make.user()
    for i in range(51):
        make.proposal(c, author, title=f"Idée {i:02d}")
    html = client.get(f"/consultations/{c.id}/results?page=2").get_data(as_text=True)
    assert "page 2 of 2" in html
    nav = pagination_links(html, "Pages of the ranking")
    assert f'<a href="/consultations/{c.id}/results?page=1#ranking" rel="prev">' in nav
    assert current_page(2) in nav
    assert 'rel="next"' not in nav
    first = client.get(f"/consultations/{c.id}/results").get_data(as_text=True)
    assert f'<a href="/consultations/{c.id}/results?page=2#ranking" rel="next">' in first


def test_a_ranking_page_reads_its_own_proposals_only(client, make):
    c = make.consultation(phase="vote")
    author, voter = make.user(), make.user()
    proposals = [make.proposal(c, author, title=f"Idée {i:02d}") for i in range(53)]
    _vote(proposals[52], voter)  # the newest leads the ranking
    db.session.commit()
    with count_queries() as counter:
        html = client.get(f"/consultations/{c.id}/results?page=2").get_data(as_text=True)
    ranking = html[html.index('<table class="results-table">'):]
    ranking = ranking[:ranking.index("</table>")]
    assert re.findall(r"<td>(\d+)</td>\s*<th", ranking) == ["51", "52", "53"]
    assert "Idée 49" in ranking and "Idée 52" not in ranking
    top = html[html.index('id="figure-ranking"'):html.index('<table class="results-table">')]
    assert "Idée 52" in top and "Idée 09" not in top  # the top ten, read on page 2 as well
    # proposals are loaded a page at a time: the ranking's, its top ten, the official answers'
    loads = [s for s in counter.statements if s.startswith("SELECT proposal.id, proposal.consultation_id")]
    assert len(loads) == 3 and all("LIMIT" in s for s in loads)


def test_csv_cells_that_look_like_formulas_are_escaped(client, make):
    c = make.consultation(phase="vote")
    category = make.category(c, fr="@SUM(A1:A9)", en="Sum")
    make.proposal(c, make.user(name='=HYPERLINK("http://evil.example","x")'), title="-2+3", category=category)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/consultations/{c.id}/results.csv").text)))
    assert rows[0]["author"] == '\'=HYPERLINK("http://evil.example","x")'
    assert (rows[0]["title"], rows[0]["category"]) == ("'-2+3", "'@SUM(A1:A9)")
    assert (rows[0]["rank"], rows[0]["votes_for"]) == ("1", "0")  # numbers are left as they are


def test_results_say_they_are_provisional_while_people_take_part(client, make):
    for phase, note in (("proposals", "Provisional results: the vote opens on"),
                        ("vote", "Provisional results: the vote is open until"),
                        ("results", None)):
        consultation = make.consultation(phase=phase)
        make.proposal(consultation)
        page = client.get(f"/consultations/{consultation.id}/results").text
        if note:
            assert note in page, phase
        else:
            assert "Provisional results" not in page


def test_results_stand_once_the_vote_is_over_even_before_the_results_phase(client, make):
    consultation = make.consultation(phase="results")
    results = next(p for p in consultation.phases if p.kind == "results")
    results.starts_at += timedelta(days=7)  # a gap: the vote ended, the results are not out yet
    db.session.commit()
    make.proposal(consultation)
    assert "Provisional results" not in client.get(f"/consultations/{consultation.id}/results").text


def test_the_consultation_page_offers_results_once_proposals_are_made(client, make):
    for phase, offered in ((None, False), ("information", False), ("proposals", True), ("results", True)):
        page = client.get(f"/consultations/{make.consultation(phase=phase).id}").text
        assert ("See the results" in page) is offered, phase


def test_the_results_phase_has_no_countdown(client, make):
    page = client.get(f"/consultations/{make.consultation(phase='results').id}").text
    assert "Results published" in page and "days left" not in page
    assert "days left" in client.get(f"/consultations/{make.consultation(phase='vote').id}").text


def test_for_against_ranking_shows_and_explains_its_balance(client, make):
    consultation = make.consultation(phase="vote", vote_mode="for_against")
    make.proposal(consultation, title="Une idée très discutée", votes_for=1, votes_against=3)
    make.proposal(consultation, title="Une idée sans vote")
    page = client.get(f"/consultations/{consultation.id}/results").text
    assert "Ranked by the balance of the votes (for minus against)" in page
    assert page.index("Une idée sans vote") < page.index("Une idée très discutée")  # 0 before −2
    assert "The 10 best-ranked proposals (for minus against)" in page
    # the negative balance is written, with no bar drawn backwards
    assert 'width="0%"' in page and 'class="chart-value">-2</text>' in page
    assert "<td>-2</td><td>1</td><td>3</td>" in re.sub(r"\s+", "", page)  # balance, for, against


def test_the_results_name_their_territory_and_print_without_their_downloads(client, make):
    """A council reading the printout knows whose consultation it is; links to files mean nothing on paper."""
    c = make.consultation(make.territory(slug="villeneuve", name="Villeneuve-sur-Lot"), phase="results")
    html = client.get(f"/consultations/{c.id}/results", headers={"Accept-Language": "fr"}).text
    assert re.search(r'<p class="consultation-territory"><a href="/territories/villeneuve">Villeneuve-sur-Lot</a></p>'
                     r'\s*<h1>Résultats de', html)
    for download in (f"/consultations/{c.id}/results.csv", f"/consultations/{c.id}/results.json",
                     f"/consultations/{c.id}/results-excel.csv", f"/consultations/{c.id}/proposals-excel.csv"):
        paragraph = html[html.rindex("<p", 0, html.index(f'href="{download}"')):]
        assert paragraph.startswith('<p class="screen-only">'), download
    stylesheet = (ROOT / "consult" / "static" / "css" / "consult.css").read_text()
    printed = stylesheet[stylesheet.index("@media print"):]
    assert re.search(r"\.screen-only\s*\{\s*display: none !important", printed.split("}", 1)[0] + "}")
