"""Proposal pages at 100, 10,000 and 100,000 proposals: the figures should not grow with the data.

For each size, a fresh database is filled with one consultation (fast bulk insert with
SQLAlchemy Core executemany) and the real server is started on it (gunicorn, 2 workers).
Then wrk (2 threads, 8 connections, 5 s) times each page: the consultation page, the
proposals listing (page 1, a deep page: page 50, or the last page when there are fewer,
and the "most supported" order) and one proposal page, whose debate grows with the size (93
comments at 100 proposals, 3,423 at 100,000), at its first and its last page of the debate. Each page is measured in rounds that take every size in turn, so that the sizes are
compared under the same machine load, and each size keeps its best round. The report gives requests per second, latency p50 /
p99, and the ratio of the largest size to the smallest (target: within 1.5x); the command
exits with status 1 when the target is missed.

Usage:
    .venv/bin/python bench/proposals_bench.py                      # temporary SQLite files
    .venv/bin/python bench/proposals_bench.py --sizes 100 10000    # fewer sizes
    .venv/bin/python bench/proposals_bench.py --database-url postgresql+psycopg://…/consult_bench

With --database-url, the database must be a dedicated one: its tables are dropped and created
again, then one consultation per size is added to it. The short cache of anonymous pages is
turned off (PUBLIC_CACHE_SECONDS=0) unless --with-page-cache: the point is to time the SQL
work. Needs wrk (Debian/Ubuntu: `apt-get install -y wrk`).
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import start_gunicorn, stop  # noqa: E402

AUTHORS = 200
CATEGORIES = ("Mobilité", "Environnement", "Culture", "Éducation", "Espace public")
WORDS = ("piste cyclable ecole jardin partage arbre banc parc eclairage trottoir bus navette "
         "compost marche place fontaine bibliotheque musique sport stade piscine securite").split()
DEEP_PAGE = 50
# The proposal page's debate grows with the consultation, from 93 comments (60 conversations: two
# full pages) at 100 proposals to 3,423 at 100,000: every size shows a full page of it.
DEBATE_BASE, DEBATE_SHARE = 90, 30


def fill(database_url, size, fresh=False):
    """One consultation in its proposals phase with `size` proposals; returns (consultation id, a proposal id)."""
    from sqlalchemy import insert

    from consult import create_app
    from consult.auth.models import User
    from consult.consultations.models import Category, Consultation, Phase
    from consult.database import utcnow
    from consult.extensions import db
    from consult.proposals.listing import RANDOM_KEY_MAX
    from consult.proposals.models import Proposal
    from consult.territories.models import Territory

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})
    rng = random.Random(size)
    with app.app_context():
        if fresh:
            db.drop_all()
        db.create_all()
        now = utcnow()
        territory = Territory(slug=f"banc-essai-{size}", name="Commune du banc d'essai", kind="commune")
        consultation = Consultation(territory=territory, title={"fr": "Budget participatif", "en": "Budget"},
                                    summary={"fr": "Résumé"}, description={"fr": "Une description."},
                                    status="published", vote_mode="support")
        for i, kind in enumerate(("information", "proposals", "vote", "results")):
            start = now + timedelta(days=10 * (i - 1)) - timedelta(days=5)
            consultation.phases.append(Phase(kind=kind, starts_at=start, ends_at=start + timedelta(days=10)))
        for pos, name in enumerate(CATEGORIES):
            consultation.categories.append(Category(name={"fr": name}, position=pos))
        db.session.add_all([territory, consultation])
        db.session.flush()
        category_ids = [c.id for c in consultation.categories]
        users = [{"email": f"banc{size}-{i}@example.org", "name": f"Habitant {i}", "folded_name": f"habitant {i}",
                  "password_hash": "!",
                  "confirmed_at": now, "terms_accepted_at": now, "created_at": now, "session_version": 1,
                  "is_platform_admin": False, "blocked_for_good": False} for i in range(AUTHORS)]
        db.session.execute(insert(User), users)
        first_user = db.session.scalar(db.select(db.func.min(User.id)).where(User.email.like(f"banc{size}-%")))
        batch = []
        for i in range(size):
            words = rng.sample(WORDS, 6)
            title = f"Proposition {i + 1} : {' '.join(words[:3])}"
            batch.append({
                "consultation_id": consultation.id, "author_id": first_user + i % AUTHORS,
                "category_id": category_ids[i % len(category_ids)], "title": title,
                "body": "Une proposition pour la commune : " + " ".join(words) + ". " * 3,
                "language": "fr", "search_text": " ".join(words), "status": "withdrawn" if i % 50 == 7 else "published",
                "votes_for": rng.randint(0, 200), "votes_against": 0, "votes_abstain": 0,
                "comments_count": rng.randint(0, 30), "random_key": rng.randrange(RANDOM_KEY_MAX),
                "created_at": now - timedelta(minutes=i), "updated_at": now,
            })
            if len(batch) == 5000:
                db.session.execute(insert(Proposal), batch)
                batch = []
        if batch:
            db.session.execute(insert(Proposal), batch)
        middle = db.session.scalar(db.select(Proposal.id).where(Proposal.consultation_id == consultation.id,
                                                                Proposal.status == "published")
                                   .order_by(Proposal.id).offset(size // 2).limit(1))
        debate(middle, first_user, DEBATE_BASE + size // DEBATE_SHARE, now)
        cid = consultation.id
        db.session.commit()
        if db.engine.dialect.name == "sqlite":
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        elif db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        db.engine.dispose()
    return cid, middle


def debate(proposal_id, first_user, size, now):
    """`size` comments on the proposal: two conversations in three are a comment alone, the
    third a comment with a reply."""
    from sqlalchemy import insert

    from consult.comments.models import Comment
    from consult.extensions import db
    from consult.proposals.models import Proposal

    def row(i, **kw):
        return {"proposal_id": proposal_id, "author_id": first_user + i % AUTHORS, "body": f"Commentaire {i + 1}",
                "language": "fr", "status": "published", "stance": ("for", "against", None)[i % 3],
                "created_at": now - timedelta(minutes=size - i), "published_at": now, "depth": 1, **kw}

    tops = [row(i) for i in range(size) if i % 3 != 2]
    if tops:
        db.session.execute(insert(Comment), tops)
    ids = db.session.scalars(db.select(Comment.id).where(Comment.proposal_id == proposal_id).order_by(Comment.id)).all()
    replies = [row(i, parent_id=ids[i // 3 * 2 + 1], root_id=ids[i // 3 * 2 + 1], depth=2)
               for i in range(size) if i % 3 == 2]
    if replies:
        db.session.execute(insert(Comment), replies)
    db.session.execute(db.update(Proposal).where(Proposal.id == proposal_id).values(comments_count=size))


def start_server(database_url, log, page_cache=False):
    """The app on `database_url` (gunicorn, 2 workers); returns (process, base URL)."""
    env = dict(os.environ, DATABASE_URL=database_url, RATELIMIT_ENABLED="false",
               MAIL_DELIVER_AFTER_REQUEST="false", CONSULT_ENV="development")
    if not page_cache:
        env["PUBLIC_CACHE_SECONDS"] = "0"
    return start_gunicorn("wsgi:app", env, log)


def _ms(value, unit):
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
    return float(value) * factor


def run_wrk(url, duration, threads, connections):
    # Check the page answers 200 first: a benchmark of error pages would be meaningless.
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": lat.get("50"), "p99": lat.get("99"), "errors": int(errors.group(1)) if errors else 0}


def pages(cid, proposal_id):
    return {
        "consultation page": f"/consultations/{cid}",
        "listing, page 1": f"/consultations/{cid}/proposals",
        "listing, deep page": f"/consultations/{cid}/proposals?page={DEEP_PAGE}",
        "listing, most supported": f"/consultations/{cid}/proposals?sort=supported",
        "proposal page": f"/proposals/{proposal_id}",
        "proposal page, last page of its debate": f"/proposals/{proposal_id}?page=999",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--database-url", help="a dedicated PostgreSQL database (emptied first)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page (default 5)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3,
                        help="measure each page this many times per size, keep the best run (default 3)")
    parser.add_argument("--with-page-cache", action="store_true",
                        help="keep the short cache of anonymous pages (off by default: it would hide the SQL work)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk")

    tmp = tempfile.mkdtemp(prefix="consult-bench-")
    servers, targets, results = [], {}, {}
    try:
        for n, size in enumerate(args.sizes):
            url = args.database_url or f"sqlite:///{tmp}/bench-{size}.db"
            started = time.perf_counter()
            cid, pid = fill(url, size, fresh=bool(args.database_url) and n == 0)
            print(f"{size:>7,} proposals inserted in {time.perf_counter() - started:.1f} s", flush=True)
            log = open(os.path.join(tmp, f"gunicorn-{size}.log"), "w")
            server, base = start_server(url, log, args.with_page_cache)
            servers.append((server, log))
            targets[size] = (base, pages(cid, pid))
        # One page at a time; each round measures every size in turn, and the best round of
        # each size is kept: the sizes are compared under the same machine load, and passing
        # interference from other processes is filtered out.
        for name in pages(0, 0):
            print(f"\n{name}")
            runs = {size: [] for size in args.sizes}
            for _round in range(args.rounds):
                for size in args.sizes:
                    base, paths = targets[size]
                    runs[size].append(run_wrk(base + paths[name], args.duration, args.threads, args.connections))
            for size in args.sizes:
                r = dict(max(runs[size], key=lambda run: run["rps"]))
                r["errors"] = sum(run["errors"] for run in runs[size])
                results[(size, name)] = r
                print(f"  {size:>7,} proposals {r['rps']:8.1f} req/s   p50 {r['p50']:7.1f} ms   "
                      f"p99 {r['p99']:7.1f} ms   non-2xx {r['errors']}", flush=True)
    finally:
        for server, log in servers:
            stop(server, timeout=30)
            log.close()
        shutil.rmtree(tmp, ignore_errors=True)
    small, large = min(args.sizes), max(args.sizes)
    if small != large:
        print(f"\nRatio {large:,} vs {small:,} proposals (target: within 1.5x)")
        worst = 0.0
        for name in pages(0, 0):
            a, b = results[(small, name)], results[(large, name)]
            latency = b["p50"] / a["p50"] if a["p50"] else float("inf")
            slower = a["rps"] / b["rps"] if b["rps"] else float("inf")
            worst = max(worst, latency, slower)
            print(f"  {name:<26} p50 latency x{latency:.2f}   req/s x{b['rps'] / a['rps']:.2f}")
        print("  within target" if worst <= 1.5 else f"  OVER target (worst x{worst:.2f})")
        if worst > 1.5:
            sys.exit(1)
    if any(r["errors"] for r in results.values()):
        print("Some responses were errors (non-2xx/3xx)")
        sys.exit(1)


if __name__ == "__main__":
    main()
