"""What the site's log says of a request that failed: enough for the team to find the fault,
nothing a person typed (their address, what they wrote), which the journal keeps for weeks."""
import logging

from sqlalchemy import text

from consult.extensions import db


def test_a_failed_sign_in_logs_its_query_without_the_address_typed(app, client, caplog):
    """The database failing under a sign-in (here its table is gone): the traceback names the
    query, not the values it carried."""
    app.config["PROPAGATE_EXCEPTIONS"] = False  # served as in production: a 500 page and the log
    db.session.execute(text('ALTER TABLE "user" RENAME TO user_away'))
    db.session.commit()
    try:
        with caplog.at_level(logging.ERROR, logger="consult"):
            response = client.post("/auth/login", data={"email": "claire.dupont@example.org", "password": "x" * 12})
    finally:
        db.session.rollback()
        db.session.execute(text('ALTER TABLE user_away RENAME TO "user"'))
        db.session.commit()
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.getMessage() == "Exception on /auth/login [POST]"]
    logged = caplog.text
    assert "FROM user" in logged or 'FROM "user"' in logged  # the query that failed is named
    assert "claire.dupont" not in logged and "[SQL parameters hidden" in logged
