"""The back office's list of a territory's consultations: their figures and actions."""
import html as htmllib
import re

from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import Report
from consult.proposals.models import Proposal
from consult.votes.services import cast_vote

from ..helpers import count_page_queries

LIST = "/admin/territories/villeneuve/consultations"


def row_cells(html, title):
    """The text of each cell of the row whose first cell names `title`."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = [re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", cell))).strip()
                 for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0].startswith(title):
            return cells
    raise AssertionError(f"no row for {title}")


def fill(make, consultation, proposals, votes, pending):
    made = [make.proposal(consultation, title=f"Idée {i}") for i in range(proposals)]
    for i in range(votes):
        cast_vote(make.user(), made[i % len(made)], 1, utcnow())
    db.session.commit()
    for i in range(pending):
        if i % 2:
            make.comment(made[0], status="pending")
        else:
            make.proposal(consultation, title=f"En attente {i}", status="pending")


def test_each_consultation_shows_its_proposals_votes_and_pending_items(client, login, make, territory,
                                                                       territory_admin):
    quays = make.consultation(territory, phase="vote", title={"fr": "Les quais", "en": "The quays"})
    fill(make, quays, proposals=3, votes=5, pending=3)
    empty = make.consultation(territory, status="draft", title={"fr": "Le marché", "en": "The market"})
    login(territory_admin)
    html = client.get(LIST).get_data(as_text=True)
    assert re.search(r"<th scope=\"col\">Proposals</th>\s*<th scope=\"col\">Votes</th>\s*"
                     r"<th scope=\"col\">Awaiting moderation</th>", html)
    assert row_cells(html, "The quays")[3:6] == ["3", "5", "3 — awaiting moderation, The quays"]
    assert row_cells(html, "The market")[3:6] == ["0", "0", "0"]
    assert f'<a href="/moderation/?consultation={quays.id}">3<span class="visually-hidden">' in html
    for c in (quays, empty):
        assert f'<a href="/consultations/{c.id}/results">Results<span class="visually-hidden"> — ' in html


def test_the_list_runs_the_same_queries_whatever_the_number_of_consultations(client, login, make, territory,
                                                                            territory_admin):
    def add(n):
        for i in range(n):
            c = make.consultation(territory, phase="vote")
            fill(make, c, proposals=2, votes=2, pending=2)
    add(2)
    login(territory_admin)
    small = count_page_queries(client, LIST)
    add(6)
    assert count_page_queries(client, LIST) == small


def report(item, reporter):
    db.session.add(Report(territory_id=item_territory(item), reporter_id=reporter.id, reason="spam",
                          target_type=type(item).__name__.lower(), target_id=item.id))
    db.session.commit()


def item_territory(item):
    proposal = getattr(item, "proposal", item)
    return proposal.consultation.territory_id


def test_awaiting_moderation_counts_the_reported_contributions_and_leads_to_them_alone(client, login, make,
                                                                                       territory, territory_admin):
    """Reported proposals and comments wait for the moderators as much as those awaiting approval:
    counted once each, and the count's link shows the consultation's items, no other's."""
    quays = make.consultation(territory, phase="vote", title={"fr": "Les quais", "en": "The quays"})
    market = make.consultation(territory, title={"fr": "Le marché", "en": "The market"})
    proposal = make.proposal(quays, title="Des bancs signalés")
    waiting = make.proposal(quays, title="En attente et signalée", status="pending")
    comment = make.comment(proposal, body="Un commentaire signalé deux fois")
    readers = [make.user() for _ in range(2)]
    for item in (proposal, waiting, comment):
        report(item, readers[0])
    report(comment, readers[1])
    make.comment(proposal, status="pending", body="Un commentaire en attente")
    report(make.proposal(market, title="Ailleurs, signalée"), readers[0])
    login(territory_admin)
    html = client.get(LIST).get_data(as_text=True)
    assert row_cells(html, "The quays")[5] == "4 — awaiting moderation, The quays"
    assert row_cells(html, "The market")[5] == "1 — awaiting moderation, The market"

    queue = client.get(f"/moderation/?consultation={quays.id}", headers={"Accept-Language": "fr"}).text
    assert "4 éléments à examiner" in queue
    assert "Seules les contributions à la consultation «\u00a0Les quais\u00a0» sont affichées." in queue
    assert "Ailleurs, signalée" not in queue
    assert "5 éléments à examiner" in client.get(f"/moderation/?territory={territory.id}",
                                                 headers={"Accept-Language": "fr"}).text


def test_the_queue_of_a_consultation_elsewhere_is_not_found(client, login, make, territory, territory_admin):
    elsewhere = make.consultation(make.territory(slug="ailleurs", name="Ailleurs"), status="draft")
    login(territory_admin)
    assert client.get(f"/moderation/?consultation={elsewhere.id}").status_code == 404
    assert client.get("/moderation/?consultation=999999").status_code == 404
def test_the_votes_shown_are_those_of_the_results_and_the_others_are_told_apart(client, login, make, territory,
                                                                              territory_admin):
    """Votes on a proposal hidden or withdrawn since stay cast (the vote mode may then no longer
    change), but the results leave them out: the list shows the results' number, and says how
    many it leaves out, in both languages."""
    quays = make.consultation(territory, phase="vote", title={"fr": "Les quais", "en": "The quays"})
    fill(make, quays, proposals=3, votes=6, pending=0)
    hidden, withdrawn = db.session.scalars(db.select(Proposal).where(Proposal.consultation_id == quays.id)
                                           .order_by(Proposal.id).limit(2))
    hidden.status, withdrawn.status = "hidden", "withdrawn"  # 2 votes each
    db.session.commit()
    login(territory_admin)
    results = client.get(f"/consultations/{quays.id}/results").text
    assert re.search(r'<dd data-figure="votes">2</dd>', results)
    assert row_cells(client.get(LIST).text, "The quays")[4] == (
        "2 + 4 votes on withdrawn or hidden proposals, not counted in the results")
    french = client.get(LIST, headers={"Accept-Language": "fr"}).text
    assert row_cells(french, "Les quais")[4] == (
        "2 + 4 votes sur des propositions retirées ou masquées, non comptés dans les résultats")
    withdrawn.status = "published"
    db.session.commit()
    assert row_cells(client.get(LIST).text, "The quays")[4] == (
        "4 + 2 votes on withdrawn or hidden proposals, not counted in the results")
