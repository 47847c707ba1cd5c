"""A consultation allowing one proposal per person: the person's posts at the same moment (two
tabs, two API calls) on PostgreSQL, where requests write side by side (SQLite takes them one
after the other): one proposal is kept, the others are refused; the same proposal sent again at
the same moment (a double click on Publish) is answered with the one kept."""
import pytest

from consult.extensions import db
from consult.proposals.models import Proposal

from ..factories import Factory
from ..helpers import at_once

TEXT = {"title": "Un verger partagé le long du canal",
        "body": "Planter des arbres fruitiers le long du canal, avec les écoles du quartier."}


def posts_at_once(app, make, token_for, through, text):
    """The status codes of the person's five posts of text(i) at once, and their proposals kept."""
    consultation = make.consultation(phase="proposals", max_proposals_per_person=1)
    person = Factory().signed_in(make.user())
    if through == "api":
        headers = token_for(person)
        url = f"/api/v1/consultations/{consultation.id}/proposals"
        codes = at_once(app, lambda client, i: client.post(url, json=text(i), headers=headers).status_code)
    else:
        session_id, url = person.get_id(), f"/consultations/{consultation.id}/proposals/new"

        def publish(client, i):
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = session_id, True
            return client.post(url, data={**text(i), "action": "publish"}).status_code
        codes = at_once(app, publish)
    return codes, db.session.scalars(db.select(Proposal).where(Proposal.author_id == person.id)).all()


@pytest.mark.parametrize("through", ["site", "api"])
def test_posts_at_once_never_exceed_the_limit_per_person(app, make, token_for, is_postgres, through):
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    codes, kept = posts_at_once(app, make, token_for, through,
                                lambda i: {**TEXT, "title": f"{TEXT['title']} n° {i + 1}"})
    assert len(kept) == 1
    assert codes == [201 if through == "api" else 302] + [403] * 4


@pytest.mark.parametrize("through", ["site", "api"])
def test_the_same_post_at_once_is_answered_with_the_one_kept(app, make, token_for, is_postgres, through):
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    codes, kept = posts_at_once(app, make, token_for, through, lambda i: TEXT)
    assert len(kept) == 1
    assert codes == [201 if through == "api" else 302] * 5
