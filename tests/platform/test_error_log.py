"""What the site's log says of a request that failed: enough for the team to find the fault,
nothing a person typed (their address, what they wrote), which the journal keeps for weeks."""
import logging
from contextlib import contextmanager

from sqlalchemy import text

from consult.auth.services import make_token
from consult.extensions import db


@contextmanager
def users_table_gone():
    """The database failing under the request: the table of accounts is not where it should be."""
    db.session.execute(text('ALTER TABLE "user" RENAME TO user_away'))
    db.session.commit()
    try:
        yield
    finally:
        db.session.rollback()
        db.session.execute(text('ALTER TABLE user_away RENAME TO "user"'))
        db.session.commit()


def test_a_failed_sign_in_logs_its_query_without_the_address_typed(app, client, caplog):
    """The database failing under a sign-in: the traceback names the query, not the values it
    carried."""
    app.config["PROPAGATE_EXCEPTIONS"] = False  # served as in production: a 500 page and the log
    with users_table_gone(), caplog.at_level(logging.ERROR, logger="consult"):
        response = client.post("/auth/login", data={"email": "claire.dupont@example.org", "password": "x" * 12})
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.getMessage() == "Exception on /auth/login [POST]"]
    logged = caplog.text
    assert "FROM user" in logged or 'FROM "user"' in logged  # the query that failed is named
    assert "claire.dupont" not in logged and "[SQL parameters hidden" in logged


def test_a_mailed_link_that_fails_is_logged_without_its_token(app, client, make, caplog):
    """The link of a password reset, opened while the database fails: the log says which page
    failed, not the token that would let its reader choose the password."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    token = make_token(make.user(), "reset")
    with users_table_gone(), caplog.at_level(logging.ERROR, logger="consult"):
        response = client.get(f"/auth/reset/{token}")
    assert response.status_code == 500
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("Exception on")] == [
        "Exception on /auth/reset/… [GET]"]
    assert token.split(".")[0] not in caplog.text
