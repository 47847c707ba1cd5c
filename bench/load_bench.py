"""Load benchmark of the proposal listing and the vote endpoint, with wrk against gunicorn.

Usage:
    .venv/bin/python bench/load_bench.py                    # temporary SQLite file
    .venv/bin/python bench/load_bench.py --database-url postgresql+psycopg://…/consult_bench

The PostgreSQL database should be a dedicated, empty one: tables are created if missing and
a benchmark consultation is added to it. Each scenario runs wrk against gunicorn (2 workers)
on 127.0.0.1, and the same wrk run against a bare Flask "hello" view served the same way, so
that each figure is also a ratio. Needs wrk (`apt-get install -y wrk`).
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import start_gunicorn, stop  # noqa: E402

SECRET = "load-benchmark-secret-0123456789abcdef0123"
USER_AGENT = "consult-load-bench"
TARGETS = {"anonymous listing": 0.40, "signed-in listing": 0.15, "vote": 0.20}
FLOOR = "signed-in POST floor"  # no target: the ceiling of any vote (floor_app.py)


def seed(database_url, users, proposals):
    """A consultation in its vote phase, proposals, and people with signed sessions."""
    from datetime import timedelta

    from consult import create_app
    from consult.auth.models import SignIn, User
    from consult.consultations.models import Consultation, Phase
    from consult.database import utcnow
    from consult.extensions import db
    from consult.proposals.listing import RANDOM_ORDERS
    from consult.proposals.models import Proposal
    from consult.territories.models import Territory

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET,
                      "RATELIMIT_ENABLED": False, "MAIL_DELIVER_AFTER_REQUEST": False})
    stamp = str(int(time.time()))
    with app.app_context():
        db.create_all()
        now = utcnow()
        territory = Territory(slug=f"bench-{stamp}", name="Commune du banc d'essai", kind="commune")
        consultation = Consultation(territory=territory, title={"fr": "Budget participatif", "en": "Budget"},
                                    summary={"fr": "Résumé"}, description={"fr": "Description"},
                                    status="published", vote_mode="support", max_votes=10)
        for i, kind in enumerate(("proposals", "vote")):
            start = now + timedelta(days=10 * (i - 1)) - timedelta(days=5)
            consultation.phases.append(Phase(kind=kind, starts_at=start, ends_at=start + timedelta(days=10)))
        people = [User(email=f"bench{stamp}-{i}@example.org", display_name=f"Habitant {i}",
                       password_hash="!", confirmed_at=now, terms_accepted_at=now) for i in range(users)]
        db.session.add_all([territory, consultation, *people])
        db.session.flush()
        for person in people:  # each person's browser is signed in (auth/sign_ins.py)
            person.sign_in_key = hashlib.sha1(os.urandom(32)).hexdigest()[:32]
            db.session.add(SignIn(key=person.sign_in_key, user_id=person.id))
        items = [Proposal(consultation=consultation, author=people[i % users], title=f"Proposition n° {i + 1}",
                          body="Des arbres et des bancs le long de la rue. " * 5, search_text="arbres bancs",
                          random_key=(i * 7919) % 100003) for i in range(proposals)]
        db.session.add_all(items)
        db.session.commit()
        serializer = app.session_interface.get_signing_serializer(app)
        csrf = URLSafeTimedSerializer(SECRET, salt="wtf-csrf-token")
        # The session a browser holds after signing in and a first visit of the listing:
        # Flask-Login's identifier of this client, the CSRF token, the listing's order seed.
        identifier = hashlib.sha512(f"{b'127.0.0.1'}|{USER_AGENT.encode()}".encode()).hexdigest()
        sessions = []
        for i, person in enumerate(people):
            raw = hashlib.sha1(os.urandom(32)).hexdigest()
            cookie = serializer.dumps({"_user_id": person.get_id(), "_fresh": True, "_id": identifier,
                                       "csrf_token": raw, "proposals_seed": i % RANDOM_ORDERS})
            sessions.append((f"session={cookie}", csrf.dumps(raw)))
        return consultation.id, [p.id for p in items], sessions


def lua_table(sessions):
    rows = ",\n".join(f'  {{"{c}", "{t}"}}' for c, t in sessions)
    return "local people = {\n" + rows + "\n}\n"


LISTING_LUA = """
local i = 0
request = function()
  i = i + 1
  local p = people[(i %% #people) + 1]
  return wrk.format("GET", nil, {["Cookie"] = p[1], ["User-Agent"] = "%s"})
end
"""

# Each wrk thread walks through its own slice of the people: vote, then (a round later)
# withdraw, so that nobody ever reaches the limit and the same person is never in flight twice.
VOTE_LUA = """
local counter = 0
local offset = 0
local span = 1
local proposals = {%(proposals)s}
setup = function(thread)
  thread:set("tid", %(next_tid)s)
end
init = function(args)
  local threads = tonumber(args[1])
  span = math.floor(#people / threads)
  offset = tid * span
end
local started = false
request = function()
  -- wrk may build a thread's first request without sending it: make it one that changes
  -- nothing, so that each person's withdrawal always follows a vote that was sent.
  if not started then
    started = true
    return wrk.format("GET", "/healthz")
  end
  local k = counter %% span
  local round = math.floor(counter / span)
  counter = counter + 1
  local n = offset + k
  local p = people[n + 1]
  local proposal = proposals[(n %% #proposals) + 1]
  local path = "/proposals/" .. proposal .. "/vote"
  local body = "value=1&csrf_token=" .. p[2]
  if round %% 2 == 1 then
    path = path .. "/delete"
    body = "csrf_token=" .. p[2]
  end
  return wrk.format("POST", path, {["Cookie"] = p[1], ["X-Requested-With"] = "fetch", ["User-Agent"] = "%(ua)s",
    ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
"""
FLOOR_LUA = """
local i = 0
request = function()
  i = i + 1
  local p = people[(i %% #people) + 1]
  return wrk.format("POST", "/bench/floor", {["Cookie"] = p[1], ["User-Agent"] = "%s",
    ["Content-Type"] = "application/x-www-form-urlencoded"}, "csrf_token=" .. p[2])
end
"""
TID_COUNTER = """
local thread_count = 0
"""


def start(app_spec, env, log, args):
    """gunicorn as the README serves the app (sync workers unless --worker-threads says otherwise)."""
    return start_gunicorn(app_spec, env, log, args.workers, args.worker_threads, timeout=120, probe="/")


def cpu_seconds(process):
    """CPU time used so far by a server process and its children (the workers)."""
    total = 0.0
    pids = [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def measured(process, run):
    """Run one wrk scenario; add the server's CPU time per request (ms) to its figures."""
    before = cpu_seconds(process)
    result = run()
    result["cpu"] = (cpu_seconds(process) - before) * 1000 / max(result["requests"], 1)
    return result


def wrk(url, args, script=None, script_args=()):
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    if script_args:
        cmd += ["--", *script_args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse(out)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    def latency(key):
        m = re.match(r"([\d.]+)(us|ms|s|m)", lat.get(key, "0ms"))
        return _ms(*m.groups())
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "requests": total,
            "bad": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-threads", type=int, default=1,
                        help="threads per gunicorn worker (1: sync workers, as the README serves the app)")
    # Enough people that one person's vote is answered before their withdrawal is sent, even
    # when a response takes a second or two (each thread cycles over users / threads people).
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--proposals", type=int, default=40)
    parser.add_argument("--only", choices=sorted([*TARGETS, FLOOR]), action="append",
                        help="run only this scenario (and hello); may be repeated")
    parser.add_argument("--cache-seconds", type=int, default=5, help="PUBLIC_CACHE_SECONDS (0: no cache)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    tmp = Path(tempfile.mkdtemp(prefix="consult-bench-"))
    database_url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    consultation_id, proposal_ids, sessions = seed(database_url, args.users, args.proposals)
    listing = f"/consultations/{consultation_id}/proposals"

    (tmp / "listing.lua").write_text(lua_table(sessions[:50]) + LISTING_LUA % USER_AGENT)
    (tmp / "floor.lua").write_text(lua_table(sessions[:50]) + FLOOR_LUA % USER_AGENT)
    vote_lua = VOTE_LUA % {"proposals": ", ".join(map(str, proposal_ids)), "next_tid": "thread_count",
                           "ua": USER_AGENT}
    (tmp / "vote.lua").write_text(lua_table(sessions) + TID_COUNTER + vote_lua.replace(
        'thread:set("tid", thread_count)', 'thread:set("tid", thread_count); thread_count = thread_count + 1'))

    env = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY=SECRET, RATELIMIT_ENABLED="false",
               MAIL_DELIVER_AFTER_REQUEST="false", PUBLIC_CACHE_SECONDS=str(args.cache_seconds))
    results = {}
    with open(tmp / "gunicorn.log", "wb") as log:
        hello, hello_url = start("bench.hello_app:app", env, log, args)
        try:
            results["hello"] = measured(hello, lambda: wrk(hello_url + "/", args))
        finally:
            stop(hello)
        if not args.only or set(args.only) & set(TARGETS):
            app, url = start("wsgi:app", env, log, args)
            try:
                urllib.request.urlopen(url + listing).read()  # warm up
                scenarios = {
                    "anonymous listing": lambda: wrk(url + listing, args),
                    "signed-in listing": lambda: wrk(url + listing, args, str(tmp / "listing.lua")),
                    "vote": lambda: wrk(url + "/", args, str(tmp / "vote.lua"), [str(args.threads)]),
                }
                for name, run in scenarios.items():
                    if not args.only or name in args.only:
                        results[name] = measured(app, run)
            finally:
                stop(app)
        if not args.only or FLOOR in args.only:
            floor, floor_url = start("bench.floor_app:app", env, log, args)
            try:
                results[FLOOR] = measured(floor, lambda: wrk(floor_url + "/", args, str(tmp / "floor.lua")))
            finally:
                stop(floor)

    engine = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    print(f"\nConsult load benchmark — {engine}, gunicorn -w {args.workers} --threads {args.worker_threads}, "
          f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
    print(f"{'scenario':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU ms':>8}{'ratio':>9}{'target':>9}"
          f"{'non-2xx/3xx':>13}")
    base = results["hello"]["rps"]
    failed = False
    for name, r in results.items():
        ratio = r["rps"] / base if base else 0
        target = TARGETS.get(name)
        ok = target is None or ratio >= target
        failed |= not ok or r["bad"] > 0 or r["socket_errors"] > 0
        print(f"{name:<22}{r['rps']:>10.0f}{r['p50']:>10.1f}{r['p99']:>10.1f}{r['cpu']:>8.2f}{ratio:>8.0%} "
              f"{(f'{target:.0%}' if target else '—'):>8}{r['bad'] + r['socket_errors']:>13}")
    if failed:
        print(f"Below target or errors: the server log is kept in {tmp / 'gunicorn.log'}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
