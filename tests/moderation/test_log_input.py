"""The audit log takes any date its filter form accepts, and its CSV never carries a formula."""
import csv
import io

import pytest

from consult.extensions import db
from consult.moderation.models import ModerationAction


def _entry(world, explanation, moderator=None):
    db.session.add(ModerationAction(territory_id=world.territory.id, moderator_id=(moderator or world.admin).id,
                                    target_type="proposal", target_id=world.proposal.id, action="warn",
                                    explanation=explanation))
    db.session.commit()


@pytest.mark.parametrize("dates", ["end=9999-12-31", "start=0001-01-01", "start=0001-01-01&end=9999-12-31"])
def test_the_first_and_last_days_there_are_filter_like_any_other(world, as_user, client, dates):
    _entry(world, "Attention au ton.")
    as_user(world.admin)
    page = client.get(f"/moderation/log?{dates}")
    assert page.status_code == 200 and "Attention au ton." in page.text
    assert "Attention au ton." in client.get(f"/moderation/log.csv?{dates}").text


def test_csv_cells_that_look_like_formulas_are_escaped(world, make, as_user, client):
    evil = make.member(make.user(name='=HYPERLINK("http://evil.example","x")'), world.territory, "moderator")
    _entry(world, "+1+1", moderator=evil)
    as_user(world.admin)
    [row] = csv.DictReader(io.StringIO(client.get("/moderation/log.csv").text))
    assert row["moderator"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["explanation"] == "'+1+1"


def test_an_end_before_the_start_is_said_so(world, as_user, client):
    as_user(world.admin)
    response = client.get("/moderation/log?start=2026-12-01&end=2026-11-01")
    assert response.status_code == 422 and "The end date comes before the start date." in response.text


def test_the_action_filter_offers_only_decisions_the_log_holds(world, as_user, client):
    """Contributions held by the automatic checks are logged by no decision: the filter does
    not offer them (it found nothing, ever)."""
    as_user(world.admin)
    page = client.get("/moderation/log")
    assert 'value="auto_hide"' in page.text and 'value="auto_queue"' not in page.text
    assert client.get("/moderation/log?action=auto_queue").status_code == 422


def test_what_a_former_moderator_decided_is_still_found_by_their_name(world, as_user, client):
    from consult.territories.models import Membership

    _entry(world, "Décidé avant son départ.", moderator=world.moderator)
    db.session.execute(db.delete(Membership).where(Membership.user_id == world.moderator.id))
    db.session.commit()
    as_user(world.admin)
    page = client.get(f"/moderation/log?moderator={world.moderator.id}")
    assert page.status_code == 200 and "Décidé avant son départ." in page.text
    assert f'<option selected value="{world.moderator.id}">Mona Moderator<' in page.text
    assert "Otto Other" not in client.get("/moderation/log").text  # another territory's moderator


def test_the_downloads_read_the_log_as_plain_rows_in_the_same_few_statements(world, as_user, client):
    """A long log (years of decisions) downloads in bounded memory: the names joined in, a
    thousand rows at a time, no object per entry nor query per page of them."""
    from sqlalchemy import event

    from ..helpers import count_queries

    def download(url):
        loaded = []

        def count_load(target, context):
            loaded.append(target)

        event.listen(ModerationAction, "load", count_load)
        try:
            with count_queries() as counter:
                text = client.get(url).text
        finally:
            event.remove(ModerationAction, "load", count_load)
        assert loaded == []
        return text, counter.count

    as_user(world.admin)
    _entry(world, "Première décision.", moderator=world.moderator)
    download("/moderation/log.csv")  # the first request of the session notes the sign-in's use
    few = [download(url)[1] for url in ("/moderation/log.csv", "/moderation/log-excel.csv")]
    for i in range(30):
        _entry(world, f"Décision {i}.", moderator=world.moderator if i % 2 else world.admin)
    for url, statements in zip(("/moderation/log.csv", "/moderation/log-excel.csv"), few):
        text, count = download(url)
        assert count == statements and text.count("Décision ") == 30
        assert "Mona Moderator" in text and "Theo Admin" in text
