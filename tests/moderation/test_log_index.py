"""A territory's moderation log and transparency page read its own decisions from their index, in
the page's order: not every territory's decisions, newest first, until the page is full."""
import re

import pytest

from consult.extensions import db
from consult.moderation.models import ModerationAction

from ..helpers import page_query_plans


def _reading(plans):
    """The plans of the statements that read the decisions."""
    return [steps for steps in plans if any(re.match(r"(SCAN|SEARCH) moderation_action\b", s) for s in steps)]


def test_a_territory_s_decisions_are_read_from_the_index_of_its_own(world, as_user, client, is_postgres):
    if is_postgres:
        pytest.skip("the plans read are SQLite's")
    for territory in (world.territory, world.other):
        db.session.add_all(ModerationAction(territory_id=territory.id, moderator_id=world.admin.id, target_type="proposal",
                                            target_id=world.proposal.id, action="hide", rule="spam",
                                            explanation=f"Décision {i}") for i in range(60))
    db.session.commit()
    as_user(world.admin)
    for url in ("/moderation/log?page=2", "/territories/villeneuve/transparency"):
        reading = _reading(page_query_plans(client, url))
        assert reading and all(any("INDEX ix_moderation_action_territory_created (territory_id=?" in s for s in steps)
                               for steps in reading), (url, reading)
        decisions = [steps for steps in reading if not any("user" in s for s in steps)]  # not the names sorted
        assert decisions and not any("TEMP B-TREE FOR ORDER BY" in s for steps in decisions for s in steps), url


def test_a_territory_admin_s_log_reads_no_other_territory(world, as_user, client, make, token_for):
    """On a platform of many territories, the log's page and its API read those of the person
    asking, not every territory of the platform to keep theirs."""
    from ..helpers import count_queries

    for _ in range(3):
        make.territory()
    as_user(world.admin)
    for url, headers in (("/moderation/log", {}), ("/api/v1/moderation/log", token_for(world.admin, "read"))):
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        everyone = [s for s in counter.statements if re.search(r"\bFROM territory\b", s) and "WHERE" not in s]
        assert everyone == [], url
