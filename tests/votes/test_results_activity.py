"""Participation over time on the results page: votes, proposals, comments and participants
per day of the platform's time zone (Europe/Paris), or per week."""
import re
from datetime import datetime

import pytest

from consult.extensions import db
from consult.votes import results
from consult.votes.models import Vote

from ..helpers import count_queries


def _vote(proposal, user, when):
    db.session.add(Vote(user_id=user.id, proposal_id=proposal.id, consultation_id=proposal.consultation_id,
                        value=1, created_at=when))
    db.session.commit()


def _activity_table(client, consultation, **kwargs):
    """{period label: (votes, proposals, comments, participants)} read from the chart's data table."""
    html = client.get(f"/consultations/{consultation.id}/results", **kwargs).text
    figure = html[html.index('id="figure-activity"'):]
    table = figure[figure.index("<tbody>"):figure.index("</tbody>")]
    rows = re.findall(r'<th scope="row">([^<]*)</th>((?:<td>[^<]*</td>)+)', re.sub(r">\s+<", "><", table))
    return {label: tuple(int(n) for n in re.findall(r"<td>([^<]*)</td>", cells)) for label, cells in rows}


def test_participants_are_the_people_who_took_part_each_counted_once_a_day(client, make):
    c = make.consultation(phase="vote")
    alice, bob, carol, dan, eve = (make.user() for _ in range(5))
    p1 = make.proposal(c, alice, created_at=datetime(2024, 5, 14, 8))
    p2 = make.proposal(c, bob, created_at=datetime(2024, 5, 14, 9))
    withdrawn = make.proposal(c, eve, status="withdrawn", created_at=datetime(2024, 5, 15, 9))
    _vote(p1, carol, datetime(2024, 5, 14, 10))
    _vote(p2, carol, datetime(2024, 5, 14, 11))  # carol votes twice: one participant
    _vote(p2, alice, datetime(2024, 5, 14, 12))  # alice posted and voted: one participant
    make.comment(p1, carol, created_at=datetime(2024, 5, 15, 10))
    _vote(p1, dan, datetime(2024, 5, 15, 11))
    make.comment(p1, eve, status="deleted", created_at=datetime(2024, 5, 15, 12))  # not counted
    _vote(withdrawn, eve, datetime(2024, 5, 15, 13))  # not counted either
    assert _activity_table(client, c) == {
        "May 14": (3, 2, 0, 3),  # votes, proposals, comments, participants: alice, bob, carol
        "May 15": (1, 0, 1, 2),  # carol (her comment) and dan
    }
    html = client.get(f"/consultations/{c.id}/results").text
    assert "Votes, proposals, comments and participants per day" in html
    assert re.findall(r'class="chart-legend">([^<]*)<', html) == ["Votes", "Proposals", "Comments", "Participants"]
    assert 'data-figure="participants">4<' in html  # the key figure counts the same people (alice, bob, carol, dan)


def test_days_are_those_of_paris_not_of_utc(client, make):
    c = make.consultation(phase="vote")
    proposal = make.proposal(c, created_at=datetime(2024, 7, 1, 10))
    _vote(proposal, make.user(), datetime(2024, 7, 1, 21, 30))  # 23:30 in Paris (summer time, UTC+2)
    _vote(proposal, make.user(), datetime(2024, 7, 1, 22, 30))  # 00:30 on 2 July in Paris
    _vote(proposal, make.user(), datetime(2024, 7, 1, 23, 30))  # 01:30 on 2 July in Paris
    assert _activity_table(client, c) == {"Jul 1": (1, 1, 0, 2), "Jul 2": (2, 0, 0, 2)}


def test_a_day_of_clock_change_ends_at_the_local_midnight(client, make):
    c = make.consultation(phase="vote")
    proposal = make.proposal(c, created_at=datetime(2024, 10, 26, 12))
    _vote(proposal, make.user(), datetime(2024, 10, 26, 22, 30))  # 00:30 on 27 October, still UTC+2
    _vote(proposal, make.user(), datetime(2024, 10, 27, 22, 30))  # 23:30 on 27 October, UTC+1 since 3:00
    _vote(proposal, make.user(), datetime(2024, 10, 27, 23, 30))  # 00:30 on 28 October
    assert _activity_table(client, c) == {"Oct 26": (0, 1, 0, 1), "Oct 27": (2, 0, 0, 2), "Oct 28": (1, 0, 0, 1)}


def test_over_a_long_period_each_person_counts_once_a_week(client, make):
    c = make.consultation(phase="vote")
    author, voter = make.user(), make.user()
    first = make.proposal(c, author, created_at=datetime(2024, 1, 1, 12))  # a Monday
    second = make.proposal(c, author, created_at=datetime(2024, 3, 4, 12))  # a Monday, 63 days later
    _vote(first, voter, datetime(2024, 3, 4, 13))
    _vote(second, voter, datetime(2024, 3, 10, 22, 30))  # Sunday 23:30 in Paris: the same week
    table = _activity_table(client, c)
    assert len(table) == 10 and set(table.values()) - {(0, 0, 0, 0)} == {(0, 1, 0, 1), (2, 1, 0, 2)}
    assert table["Week of Jan 1"] == (0, 1, 0, 1)
    assert table["Week of Mar 4"] == (2, 1, 0, 2)  # the author and the voter, once each
    assert "Votes, proposals, comments and participants per week" in client.get(f"/consultations/{c.id}/results").text


def test_activity_reads_counts_not_votes(app, make):
    c = make.consultation(phase="vote")
    proposal = make.proposal(c, created_at=datetime(2024, 7, 1, 10))
    for i in range(30):
        _vote(proposal, make.user(), datetime(2024, 7, 1 + i % 3, 12))
    db.session.refresh(c)
    with count_queries() as counter:
        activity = results.activity(c)
    assert counter.count == 2
    assert [(r["period"].day, r["votes"], r["participants"]) for r in activity["rows"]] == [(1, 10, 11), (2, 10, 10),
                                                                                             (3, 10, 10)]


@pytest.mark.parametrize("language, first, second, week", [
    ("fr", "1er déc.", "2 déc.", "Semaine du 1er déc."),  # the first of the month as every other French date
    ("en", "Dec 1", "Dec 2", "Week of Dec 1"),  # the month first, as the English dates of the site's sentences
])
def test_charts_write_days_as_the_language_writes_them(client, make, language, first, second, week):
    c = make.consultation(phase="vote")
    proposal = make.proposal(c, created_at=datetime(2025, 12, 1, 10))
    _vote(proposal, make.user(), datetime(2025, 12, 2, 10))
    headers = {"Accept-Language": language}
    assert _activity_table(client, c, headers=headers) == {first: (0, 1, 0, 1), second: (1, 0, 0, 1)}
    html = client.get(f"/consultations/{c.id}/results", headers=headers).text
    assert re.findall(r'class="chart-tick">([^<]*(?:déc|Dec)[^<]*)<', html) == [first, second]  # under the axis
    make.proposal(c, created_at=datetime(2026, 2, 2, 10))  # 63 days later: a point a week
    assert _activity_table(client, c, headers=headers)[week] == (1, 1, 0, 2)

