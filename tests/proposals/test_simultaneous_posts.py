"""A consultation allowing one proposal per person: the person's posts at the same moment (a
double click on Publish, two API calls) on PostgreSQL, where requests write side by side
(SQLite takes them one after the other): one proposal is kept, the others are refused."""
import threading

import pytest

from consult.extensions import db
from consult.proposals.models import Proposal

from ..factories import Factory

TEXT = {"title": "Un verger partagé le long du canal",
        "body": "Planter des arbres fruitiers le long du canal, avec les écoles du quartier."}


def at_once(app, send, times=5):
    """The status codes of `times` requests sent together, each from its own client."""
    barrier, codes = threading.Barrier(times), []

    def one():
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            codes.append(send(client))

    threads = [threading.Thread(target=one) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(codes)


@pytest.mark.parametrize("through", ["site", "api"])
def test_posts_at_once_never_exceed_the_limit_per_person(app, make, token_for, is_postgres, through):
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    consultation = make.consultation(phase="proposals", max_proposals_per_person=1)
    person = Factory().signed_in(make.user())
    if through == "api":
        headers = token_for(person)
        url = f"/api/v1/consultations/{consultation.id}/proposals"
        codes = at_once(app, lambda client: client.post(url, json=TEXT, headers=headers).status_code)
    else:
        session_id, url = person.get_id(), f"/consultations/{consultation.id}/proposals/new"

        def publish(client):
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = session_id, True
            return client.post(url, data={**TEXT, "action": "publish"}).status_code
        codes = at_once(app, publish)
    kept = db.session.scalar(db.select(db.func.count(Proposal.id)).where(Proposal.author_id == person.id))
    assert kept == 1
    assert codes == [201 if through == "api" else 302] + [403] * 4
