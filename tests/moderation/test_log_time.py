"""The audit log's date filters and the transparency page's months are those of the platform's
time zone (Europe/Paris here), across midnight and the changes of the clocks."""
import csv
import io
import re
from datetime import datetime

import pytest

from consult.extensions import db
from consult.moderation import public_views
from consult.moderation.models import Appeal, ModerationAction


def _decision(world, at, explanation, action="warn", rule=None):
    entry = ModerationAction(territory_id=world.territory.id, moderator_id=world.admin.id, target_type="proposal",
                             target_id=world.proposal.id, action=action, rule=rule, explanation=explanation,
                             created_at=at)
    db.session.add(entry)
    db.session.commit()
    return entry


def _shown(html):
    """The explanations of the log's rows, in the order shown."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return re.findall(r'<td class="as-written">([^<]*)</td>\s*</tr>', body)


@pytest.mark.parametrize("day, moments", [
    # an ordinary day: 24 hours from 23:00 UTC the day before
    ("2026-11-29", ["2026-11-28 22:59", "2026-11-28 23:00", "2026-11-29 22:59", "2026-11-29 23:00"]),
    # the clocks go forward at 2:00 on 29 March 2026: a day of 23 hours
    ("2026-03-29", ["2026-03-28 22:59", "2026-03-28 23:00", "2026-03-29 21:59", "2026-03-29 22:00"]),
    # the clocks go back at 3:00 on 25 October 2026: a day of 25 hours
    ("2026-10-25", ["2026-10-24 21:59", "2026-10-24 22:00", "2026-10-25 22:59", "2026-10-25 23:00"]),
])
def test_a_day_of_the_log_is_a_day_in_paris(world, as_user, client, day, moments):
    before, first, last, after = moments  # UTC: the last minute before the day, its first and last, the next day
    for label, moment in zip(("before", "first", "last", "after"), moments):
        _decision(world, datetime.fromisoformat(moment), f"{label} {moment} UTC")
    as_user(world.admin)
    page = client.get(f"/moderation/log?start={day}&end={day}")
    assert _shown(page.text) == [f"last {last} UTC", f"first {first} UTC"]
    assert "2 entries" in page.text
    rows = csv.DictReader(io.StringIO(client.get(f"/moderation/log.csv?start={day}&end={day}").text))
    assert [row["date"] for row in rows] == [f"{last.replace(' ', 'T')}:00Z", f"{first.replace(' ', 'T')}:00Z"]
    assert _shown(client.get(f"/moderation/log?start={day}").text)[-1] == f"first {first} UTC"
    assert _shown(client.get(f"/moderation/log?end={day}").text)[0] == f"last {last} UTC"


def test_a_decision_half_an_hour_after_midnight_in_paris_is_on_its_paris_day(world, as_user, client):
    _decision(world, datetime(2026, 11, 28, 23, 30), "La nuit du 28 au 29.")
    as_user(world.admin)
    page = client.get("/moderation/log?start=2026-11-29&end=2026-11-29")
    assert _shown(page.text) == ["La nuit du 28 au 29."]
    assert "<td>Nov 29, 2026 at 12:30\u202fAM</td>" in page.text
    assert _shown(client.get("/moderation/log?start=2026-11-28&end=2026-11-28").text) == []


def _months(html):
    """The transparency table as (month, cells after it) rows."""
    body = re.sub(r"\s+", " ", html[html.index("<tbody>"):html.index("</tbody>")])
    return [(month, re.findall(r"<td>(\d+)</td>", cells))
            for month, cells in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', body)]


def test_transparency_counts_the_months_of_paris(world, client, monkeypatch):
    monkeypatch.setattr(public_views, "utcnow", lambda: datetime(2026, 12, 15, 12, 0))
    for moment, rule in [
        ("2025-12-31 22:30", "spam"),  # 31 December 2025, 23:30 in Paris: before the twelve months shown
        ("2025-12-31 23:30", "spam"),  # 1 January 2026, 00:30 in Paris
        ("2026-03-31 21:59", "spam"),  # 31 March, 23:59 in Paris (summer time)
        ("2026-03-31 22:00", "off_topic"),  # 1 April, midnight in Paris
        ("2026-11-30 22:59", "spam"),  # 30 November, 23:59 in Paris (winter time)
        ("2026-11-30 23:30", "spam"),  # 1 December, 00:30 in Paris
        ("2026-12-15 11:00", "off_topic"),
    ]:
        _decision(world, datetime.fromisoformat(moment), moment, action="hide", rule=rule)
    reversed_ = _decision(world, datetime(2026, 11, 30, 23, 45), "reversed", action="hide", rule="spam")
    db.session.add(Appeal(action_id=reversed_.id, author_id=world.alice.id, message="Non.", decision="reversed"))
    db.session.commit()
    html = client.get("/territories/villeneuve/transparency").text
    assert '<th scope="col">Off-topic</th>' in html and html.index(">Off-topic<") < html.index(">Spam<")
    # off-topic, spam, total, reversed on appeal
    assert _months(html) == [("December 2026", ["1", "1", "2", "1"]), ("November 2026", ["0", "1", "1", "0"]),
                             ("April 2026", ["1", "0", "1", "0"]), ("March 2026", ["0", "1", "1", "0"]),
                             ("January 2026", ["0", "1", "1", "0"])]
