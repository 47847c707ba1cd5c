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
