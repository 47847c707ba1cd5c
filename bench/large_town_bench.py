"""The pages of a large town, in-process: SQL statements and time per request.

Builds the data of a town of 500,000 people in a temporary SQLite file (bench/large_town_data.py:
3 territories, 30 consultations, 5,000 proposals and 50,000 votes in one of them, 30,000 comments,
a debate of 500 comments, 2,000 open reports, 20,000 notices for one resident, 5,000 lines of the
staff log), then asks each page the Flask test client: for each, the number of SQL statements
one request runs and the median (p50) time of --rounds requests. The proposal listing and the
vote are left to load_bench.py and proposals_bench.py. The short cache of public pages is off,
so that every request does its SQL work.

Usage:
    .venv/bin/python bench/large_town_bench.py
    .venv/bin/python bench/large_town_bench.py --rounds 11 --only /me
    .venv/bin/python bench/large_town_bench.py --database-url postgresql+psycopg://…/consult_town

With --database-url, the database must be a dedicated, empty one. Exits with status 1 when a
page answers anything but 200.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import large_town_data  # noqa: E402
from bench.large_town_data import fill  # noqa: E402

# (who asks, address): who is None (a visitor), "resident", "moderator", "territory_admin",
# "platform_admin", or "api:<person>" (the API with that person's token).
PAGES = (
    (None, "/"),
    (None, "/consultations/"),
    (None, "/consultations/{consultation}"),
    (None, "/proposals/{proposal}"),
    (None, "/proposals/{proposal}?page=9"),
    (None, "/consultations/{consultation}/proposals?q=piste+cyclable"),
    (None, "/consultations/{consultation}/proposals?category={category}&sort=newest"),
    (None, "/consultations/{consultation}/proposals/similar?title=piste+cyclable+ecole"),
    (None, "/consultations/{consultation}/results"),
    (None, "/consultations/{consultation}/results?page=50"),
    (None, "/consultations/{consultation}/results.csv"),
    (None, "/consultations/{consultation}/results-excel.csv"),
    (None, "/consultations/{consultation}/results.json"),
    (None, "/consultations/{consultation}/proposals-excel.csv"),
    (None, "/consultations/{consultation}/comments-excel.csv"),
    (None, "/consultations/{consultation}/news"),
    (None, "/consultations/{consultation}/news.atom"),
    (None, "/consultations/{consultation}/calendar.ics"),
    (None, "/territories/"),
    (None, "/territories/{territory}"),
    (None, "/territories/{territory}/transparency"),
    (None, "/sitemap.xml"),
    (None, "/sitemap-proposals-1.xml"),
    ("resident", "/me"),
    ("resident", "/me/activity"),
    ("resident", "/me/activity?page=20"),
    ("resident", "/me/notifications"),
    ("resident", "/me/notifications?page=50"),
    ("resident", "/me/notifications/preferences"),
    ("resident", "/me/moderation"),
    ("resident", "/me/data.json"),
    ("resident", "/me/tokens"),
    ("resident", "/proposals/{proposal}"),
    ("moderator", "/moderation/"),
    ("moderator", "/moderation/?page={queue_page}"),
    ("moderator", "/moderation/item/comment/{comment}"),
    ("territory_admin", "/moderation/log"),
    ("territory_admin", "/moderation/log.csv"),
    ("moderator", "/moderation/appeals"),
    ("territory_admin", "/admin/"),
    ("territory_admin", "/admin/territories/{territory}/consultations"),
    ("territory_admin", "/admin/territories/{territory}/members"),
    ("territory_admin", "/admin/territories/{territory}/residents"),
    ("territory_admin", "/admin/territories/{territory}/log"),
    ("territory_admin", "/admin/consultations/{consultation}/edit"),
    ("territory_admin", "/admin/consultations/{consultation}/news"),
    ("platform_admin", "/admin/"),
    ("platform_admin", "/admin/accounts"),
    ("platform_admin", "/admin/accounts?q=habitant+1"),
    ("platform_admin", "/admin/log"),
    ("platform_admin", "/admin/platform-admins"),
    (None, "/api/v1/territories"),
    (None, "/api/v1/consultations"),
    (None, "/api/v1/consultations/{consultation}"),
    (None, "/api/v1/consultations/{consultation}/proposals?per_page=100"),
    (None, "/api/v1/consultations/{consultation}/results"),
    (None, "/api/v1/consultations/{consultation}/news"),
    (None, "/api/v1/proposals/{proposal}"),
    (None, "/api/v1/proposals/{proposal}/comments"),
    ("api:resident", "/api/v1/me"),
    ("api:moderator", "/api/v1/moderation/queue"),
    ("api:territory_admin", "/api/v1/moderation/log"),
)


def _clients(app, town):
    """A test client per person (signed in, or holding an API token)."""
    from consult.api.auth import create_token
    from consult.auth.models import User
    from consult.extensions import db
    from tests.factories import Factory

    clients, headers = {None: app.test_client()}, {}
    for who in ("resident", "moderator", "territory_admin", "platform_admin"):
        user = db.session.get(User, getattr(town, who))
        Factory().signed_in(user)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        clients[who] = client
        _token, raw = create_token(user, "bench", "read")
        db.session.commit()
        clients[f"api:{who}"] = app.test_client()
        headers[f"api:{who}"] = {"Authorization": f"Bearer {raw}"}
    return clients, headers


def measure(engine, client, url, headers, rounds):
    """(status, size in KB, statements of one request, p50 ms over `rounds` requests)."""
    from sqlalchemy import event

    statements = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA")):
            statements.append(statement)

    client.get(url, headers=headers)  # warms the caches a process keeps (Markdown, menus)
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url, headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    return response.status_code, len(response.data) / 1024, len(statements), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="the pages whose address contains this text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/town.db"
        start = time.perf_counter()
        town = fill(url)
        print(f"data built in {time.perf_counter() - start:.0f} s")
        sys.exit(run(url, town, args))


def run(database_url, town, args):
    from consult import create_app
    from consult.consultations.models import Category
    from consult.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                      "PUBLIC_CACHE_SECONDS": 0, "PROPOSAL_COUNT_CACHE_SECONDS": 0,
                      "MAIL_DELIVER_AFTER_REQUEST": False})
    with app.app_context():  # requests run outside it, each with a context of its own
        clients, headers = _clients(app, town)
        category = db.session.scalar(db.select(Category.id).where(Category.consultation_id == town.consultation))
        engine = db.engine
    # a page deep in the queue of reported comments (page 20 of 25 with the full data)
    names = dict(vars(town), category=category, queue_page=max(1, large_town_data.REPORTS // 100))
    failed = 0
    print(f"{'who':<16} {'page':<72} {'status':>6} {'KB':>7} {'queries':>8} {'p50 ms':>8}")
    for who, page in PAGES:
        address = page.format(**names)
        if args.only and args.only not in address:
            continue
        status, size, queries, p50 = measure(engine, clients[who], address, headers.get(who), args.rounds)
        failed += status != 200
        print(f"{who or 'visitor':<16} {address:<72} {status:>6} {size:>7.0f} {queries:>8} {p50:>8.1f}", flush=True)
    engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    main()
