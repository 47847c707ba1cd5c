"""Results of votes cast on the site, as people cast them (signed in, changing their mind,
withdrawing): the results page and the downloads show exactly what was cast, and no page
of the site or of the back office says who voted."""
import csv
import io
import re

from consult.extensions import db


def _cast(client, login, make):
    """A for/against consultation of three proposals, and five people who vote through the
    site. Returns (consultation, proposals, voters)."""
    c = make.consultation(phase="vote", vote_mode="for_against", max_votes=5)
    alice = make.user(name="Alice Autrice")
    bob = make.user(name="Bob Auteur")
    p1 = make.proposal(c, alice, title="Des bancs publics")
    p2 = make.proposal(c, bob, title="Une fête de quartier")
    p3 = make.proposal(c, bob, title="Un jardin partagé")
    voters = [make.user(name=f"Votante Secrète {i}", email=f"votante{i}@vote.example") for i in range(5)]
    ballots = [
        [(p1, "1"), (p2, "-1")],
        [(p1, "1"), (p2, "0")],
        [(p1, "-1"), (p1, "1")],  # changes her mind: one vote for
        [(p2, "1"), (p2, None)],  # withdraws: no vote at all
        [(p3, "1"), (p2, "1")],
    ]
    for voter, choices in zip(voters, ballots):
        login(voter)
        for proposal, value in choices:
            if value is None:
                r = client.post(f"/proposals/{proposal.id}/vote/delete")
            else:
                r = client.post(f"/proposals/{proposal.id}/vote", data={"value": value})
            assert r.status_code == 302, r.get_data(as_text=True)
    # The votes changed the counters in SQL; the test's session, which the requests share,
    # still holds the proposals as the factory made them: forget them, as a new request would.
    db.session.expire_all()
    return c, (p1, p2, p3), voters


def _ranking(html):
    """[(rank, title, balance, for, against, abstain)] from the ranking table."""
    table = html[html.index('<table class="results-table">'):]
    table = re.sub(r">\s+<", "><", table[:table.index("</table>")])
    row = r'<tr><td>(\d+)</td><th scope="row"><a href="[^"]*"(?: lang="fr")?>([^<]*)</a>.*?</th><td>[^<]*</td><td>(.*?)</td></tr>'
    return [(int(rank), title, *(int(n) for n in numbers.split("</td><td>")[:4]))
            for rank, title, numbers in re.findall(row, table)]


def test_results_count_exactly_the_votes_cast_on_the_site(app, client, login, make):
    c, (p1, p2, p3), voters = _cast(client, login, make)
    html = app.test_client().get(f"/consultations/{c.id}/results").text  # somebody else, not signed in
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]*)<', html))
    # 4 voters (the fourth withdrew her only vote) and the 2 authors; 3 + 3 + 1 votes
    assert figures == {"participants": "6", "voters": "4", "votes": "7", "proposals": "3", "comments": "0"}
    assert _ranking(html) == [(1, "Des bancs publics", 3, 3, 0, 0),
                              (2, "Un jardin partagé", 1, 1, 0, 0),
                              (3, "Une fête de quartier", 0, 1, 1, 1)]
    split = html[html.index('id="figure-split"'):]
    assert re.findall(r"<td>(\d+)</td>", split[:split.index("</table>")]) == ["5", "1", "1"]  # for, against, abstain
    activity = html[html.index('id="figure-activity"'):]
    activity = re.sub(r">\s+<", "><", activity[activity.index("<tbody>"):activity.index("</tbody>")])
    assert sum(int(votes) for votes in re.findall(r"</th><td>(\d+)</td>", activity)) == 7
    rows = list(csv.DictReader(io.StringIO(client.get(f"/consultations/{c.id}/results.csv").text)))
    assert [(r["rank"], r["title"], r["votes_for"], r["votes_against"], r["votes_abstain"], r["votes_total"])
            for r in rows] == [("1", "Des bancs publics", "3", "0", "0", "3"),
                               ("2", "Un jardin partagé", "1", "0", "0", "1"),
                               ("3", "Une fête de quartier", "1", "1", "1", "3")]
    totals = client.get(f"/consultations/{c.id}/results.json").get_json()["totals"]
    assert (totals["votes"], totals["voters"], totals["participants"]) == (7, 4, 6)


def _admin_pages(c, proposals):
    """The pages of the site and of the back office a territory admin opens about the
    consultation, its territory and its proposals."""
    slug = c.territory.slug
    yield from ("/admin/", f"/admin/territories/{slug}/consultations", f"/admin/consultations/{c.id}/edit",
                f"/admin/territories/{slug}/members", f"/admin/territories/{slug}/residents",
                "/moderation/", "/moderation/log", "/moderation/log.csv", "/moderation/appeals",
                f"/territories/{slug}/transparency", f"/territories/{slug}", f"/consultations/{c.id}",
                f"/consultations/{c.id}/proposals", f"/consultations/{c.id}/results",
                f"/consultations/{c.id}/results.csv", f"/consultations/{c.id}/results-excel.csv",
                f"/consultations/{c.id}/results.json", f"/api/v1/consultations/{c.id}/results")
    for p in proposals:
        yield from (f"/proposals/{p.id}", f"/moderation/item/proposal/{p.id}")


def test_results_never_list_voters_even_for_staff(client, login, make):
    c, proposals, voters = _cast(client, login, make)
    login(make.member(make.user(name="Agente Territoriale"), c.territory, "admin"))
    for url in _admin_pages(c, proposals):
        r = client.get(url)
        assert r.status_code == 200, url  # the page was really looked at
        body = r.get_data(as_text=True)
        if url.startswith("/proposals/") or url.endswith("/results"):
            assert "Bob Auteur" in body or "Alice Autrice" in body  # names are shown there: the authors'
        for voter in voters:  # they only voted: neither their name nor their address appears
            assert voter.display_name not in body and voter.email not in body, (url, voter.display_name)
        assert "Votante" not in body and "vote.example" not in body, url
