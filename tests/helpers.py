"""Helpers shared by the test packages: free ports, the app in a server process of its own,
counts of the SQL statements a piece of work runs and their plans, the files in the uploads
folder, a field's hint and languages, requests sent at the same moment, or in between the
statements of a command, the HTML part of a mail."""
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from http.client import HTTPException
from pathlib import Path

from sqlalchemy import event

from consult.extensions import db
from consult.moderation.models import Report

ROOT = Path(__file__).resolve().parents[1]


def stored_files(app):
    """The files in the app's uploads folder, relative to it, sorted."""
    root = app.config["UPLOAD_FOLDER"]
    return sorted(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
                  for folder, _, names in os.walk(root) for name in names)


def field_hint(html, field_id):
    """The hint said under a form's field (the macro's <p id="<field>-hint">), as HTML."""
    start = html.index(f'id="{field_id}-hint"')
    return html[start:html.index("</p>", start)]


class _Languages(HTMLParser):
    """The language in force (the nearest lang attribute) at the label and the input of a field."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, field_id):
        super().__init__()
        self.field_id, self.open, self.found = field_id, [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self.open[-1][1] if self.open else None)
        if tag == "label" and attrs.get("for") == self.field_id:
            self.found.setdefault("label", lang)
        elif attrs.get("id") == self.field_id:
            self.found.setdefault("input", lang)
        if tag not in self.VOID:
            self.open.append((tag, lang))

    def handle_endtag(self, tag):
        if any(name == tag for name, _ in self.open):  # closes the elements left open inside it too
            while self.open.pop()[0] != tag:
                pass


def field_languages(html, field_id):
    """The languages screen readers read a form field's label and its input in, as (label, input)."""
    parser = _Languages(field_id)
    parser.feed(html)
    return parser.found.get("label"), parser.found.get("input")


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on, for a server the test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(process, timeout=10):
    """Stop a server process: terminate it, and kill it if it has not exited after `timeout` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answers(url, process, log_path, timeout=30):
    """Wait until `url` answers with a success. If `process` exits first, or `timeout` seconds
    pass, stop it and raise RuntimeError with the end of its log."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (OSError, HTTPException):
            pass
        exited = process.poll() is not None
        if exited or time.monotonic() > deadline:
            stop_process(process)
            log = Path(log_path).read_text(errors="replace")[-2000:]
            problem = "exited" if exited else f"did not answer {url} within {timeout} s"
            raise RuntimeError(f"the server {problem}; the end of {log_path}:\n{log}")
        time.sleep(0.2)


def listening_socket():
    """A socket listening on a free port of 127.0.0.1, for a server process to take over: no
    other test can take the port in between (its number: `.getsockname()[1]`)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    return listener


def start_app_server(env, listener, log_path, workers=2, threads=4):
    """The app (wsgi:app) served by gunicorn on the `listener` socket with the environment `env`,
    its output written to `log_path`; returns (process, base URL) once /healthz answers."""
    fd = listener.fileno()
    cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
           "-b", f"fd://{fd}", "--timeout", "60", "wsgi:app"]
    with open(log_path, "wb") as log:  # the child keeps its own copies of the descriptors
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, pass_fds=(fd,))
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()
    wait_until_answers(f"{base}/healthz", process, log_path)
    return process, base


def pagination_links(html, label="Pages"):
    """The pagination nav of a page named `label` (its aria-label), as HTML."""
    nav = html[html.index(f'<nav aria-label="{label}">'):]
    return nav[:nav.index("</nav>")]


def current_page(number):
    """How the pagination nav marks the page being shown."""
    return f'<span aria-current="page"><span class="visually-hidden">Page </span>{number}</span>'


class QueryCounter:
    """The SQL statements run on the app's engine while the counter is active, transaction
    control (BEGIN, COMMIT, SAVEPOINT, PRAGMA…) left out. See count_queries()."""

    CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA")

    def __init__(self):
        self.statements = []

    def __call__(self, conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(self.CONTROL):
            self.statements.append(statement)

    @property
    def count(self):
        return len(self.statements)

    @property
    def selects(self):
        return sum(s.lstrip().upper().startswith("SELECT") for s in self.statements)

    def __enter__(self):
        from consult.pages.services import footer_pages

        footer_pages()  # read by a process every few seconds, not by each page counted
        event.listen(db.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self)


def count_queries():
    """`with count_queries() as counter: ...`; then counter.count is the number of SQL
    statements run, counter.selects the number of SELECTs, counter.statements their text."""
    return QueryCounter()


def count_page_queries(client, url):
    """The number of SQL statements a GET of `url` runs; the page must answer 200."""
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return counter.count


def html_part(message):
    """The HTML part of an email message, decoded."""
    return message.get_body(preferencelist=("html",)).get_content()


def page_query_plans(client, url):
    """SQLite's plan (EXPLAIN QUERY PLAN) of each SELECT a GET of `url` runs, as the list of its
    steps (e.g. "SEARCH report USING INDEX ix_report_open (status=?)"); the page must answer 200."""
    run = []

    def remember(conn, cursor, statement, parameters, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            run.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    connection = db.session.connection()
    return [[row.detail for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            for statement, parameters in run]


def share_session_with(client, host):
    """Send the test client's session cookie to `host` as well, for a request made with a
    foreign Host header by somebody signed in."""
    session = client.get_cookie("session", domain="localhost")
    client.set_cookie("session", session.value, domain=host)


def fresh_config(monkeypatch, unset=(), **environ):
    """consult/config.py's Config as a fresh process would read it from the environment, with
    the variables `unset` removed and `environ` set."""
    from consult import config

    for name in unset:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("consult_config_under_test", config.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Config


def at_once(app, send, times=5):
    """The status codes of `times` requests sent together, each from its own client:
    send(client, i) for i in range(times)."""
    barrier, codes = threading.Barrier(times), []

    def one(i):
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            codes.append(send(client, i))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(codes)


@contextmanager
def between_statements(app, work, times=20, wait=0.5):
    """While the block runs, after each of its first `times` SQL statements (transaction control
    left out): work() in a write request of its own, in another thread, on another connection
    (the site, busy meanwhile), committed. Each is waited for up to `wait` seconds only, as it may
    wait for a row the block holds; all of them, at the end. PostgreSQL only: the tests' SQLite
    database is one connection shared by the threads."""
    block, started = threading.current_thread(), []

    def request():
        with app.test_request_context("/", method="POST"):
            work()
            db.session.commit()

    def meanwhile(conn, cursor, statement, *args):
        if (threading.current_thread() is block and len(started) < times
                and not statement.lstrip().upper().startswith(QueryCounter.CONTROL)):
            started.append(threading.Thread(target=request))
            started[-1].start()
            started[-1].join(wait)

    event.listen(db.engine, "after_cursor_execute", meanwhile)
    try:
        yield
    finally:
        event.remove(db.engine, "after_cursor_execute", meanwhile)
        for thread in started:
            thread.join(30)


def reports_shown(target_type, target_id):
    """The `seen_report` an item's moderation page sends with a decision: the number of the newest
    report on the item (0: none), since the page shows them all."""
    return db.session.scalar(db.select(db.func.max(Report.id)).where(
        Report.target_type == target_type, Report.target_id == target_id)) or 0
