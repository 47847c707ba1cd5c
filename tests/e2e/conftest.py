"""Browser tests: the real app as a separate server process, driven by Debian's Chromium.

Each xdist worker starts its own server on a free loopback port with a fresh SQLite
database and the demo data; mail goes to a local SMTP sink that the tests read.
"""
import json
import re
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from ..helpers import free_port, html_part, listening_socket, start_app_server, stop_process, wait_until_answers

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = None
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"browser tests skipped: Chromium not found at {CHROMIUM}")
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            if skip:
                item.add_marker(skip)


def pytest_report_header(config):
    if not Path(CHROMIUM).exists():
        return f"browser tests: SKIPPED (no Chromium at {CHROMIUM}; install the Debian package 'chromium')"
    return f"browser tests: Chromium at {CHROMIUM}"


class MailSink:
    """A real SMTP server on loopback that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wait_for(self, recipient, timeout=15, containing=None):
        """The newest message to `recipient` (whose HTML part holds `containing`, when given)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for msg in reversed(self.messages):
                if recipient in msg["To"] and (containing is None or containing in html_part(msg)):
                    return msg
            time.sleep(0.1)
        raise AssertionError(f"no mail to {recipient} within {timeout}s")


@pytest.fixture(scope="session")
def mail_sink():
    sink = MailSink()
    sink.controller.start()
    yield sink
    sink.controller.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, mail_sink):
    """The app served by gunicorn on a free port, with a fresh database and demo data."""
    folder = tmp_path_factory.mktemp("server")
    listener = listening_socket()
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "FLASK_APP": "wsgi.py",
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.db'}",
        "UPLOAD_FOLDER": str(folder / "uploads"),
        "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(mail_sink.port),
        "RATELIMIT_ENABLED": "false",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    env.pop("TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    server, base = start_app_server(env, listener, folder / "server.log")
    try:
        yield base
    finally:
        stop_process(server)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(autouse=True)
def _short_timeouts(request):
    """Fail in seconds, not half a minute, when something a journey waits for never comes."""
    if "page" in request.fixturenames:
        from playwright.sync_api import expect

        expect.set_options(timeout=15_000)
        request.getfixturevalue("page").set_default_timeout(15_000)


@pytest.fixture(autouse=True)
def _no_csp_violation(request):
    """Every browser test fails when the Content-Security-Policy refused anything the page
    wanted (Chromium reports each refusal on the console)."""
    if "page" not in request.fixturenames:
        yield
        return
    refused = []
    request.getfixturevalue("page").on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.fixture(scope="session")
def base_url(html_checker, live_server):
    # html_checker first: its JVM boots while the server is being prepared.
    return live_server


INVISIBLE_TEXT = """() => [...document.querySelectorAll('a, button, label, summary, .badge')]
  .filter(e => e.offsetParent !== null && e.textContent.trim())
  .filter(e => { const s = getComputedStyle(e); return s.backgroundColor === s.color; })
  .slice(0, 3).map(e => e.outerHTML.slice(0, 120))"""


class Auditor:
    """Checks every page a journey visits: axe-core (WCAG 2.1 A/AA) and the Nu HTML Checker."""

    def __init__(self, name, scripts=True):
        self.name = name
        self.pages = []
        self.axe_failures = []
        self.titles = {}  # each page's title: the main headings of the pages that bear it
        # Without JavaScript, axe cannot run in the page (its promise never settles): the HTML is
        # still validated, and the same pages are audited by the journeys with JavaScript.
        self.scripts = scripts

    def check(self, page, label):
        page.wait_for_load_state("load")
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{self.name}-{len(self.pages):02d}-{label}.png"), full_page=True)
        html = page.content()
        self.pages.append((label, page.url, html))
        h1 = page.locator("h1")
        if h1.count() == 1:
            self.titles.setdefault(page.title(), set()).add(h1.inner_text().strip())
        if not self.scripts:
            return
        if AXE.exists():
            page.evaluate(AXE.read_text())  # not an inline <script>: the page's CSP would refuse it
            result = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            )
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in v["nodes"][:3]]
                    self.axe_failures.append(f"{label} {page.url}: {v['id']} ({v['impact']}) {targets}")
        # axe leaves some contrast cases "to review"; catch at least text drawn in its own
        # background colour (e.g. a white button whose text a more specific rule turned white).
        invisible = page.evaluate(INVISIBLE_TEXT)
        if invisible:
            self.axe_failures.append(f"{label} {page.url}: text in the colour of its background {invisible}")

    def shared_titles(self):
        """Titles borne by pages with different main headings (WCAG 2.4.2: a title says which page it is)."""
        return [f"«{title}»: {sorted(headings)}" for title, headings in self.titles.items() if len(headings) > 1]

    def validate_html(self, checker):
        if not self.pages or checker is None:
            return []
        errors = []
        for label, url, html in self.pages:
            for m in checker.check(html):
                if m.get("type") == "error":
                    errors.append(f"{label} {url}: {m.get('message')} «{m.get('extract', '')}»")
        return errors


class HtmlChecker:
    """The Nu HTML Checker as one local web service for the whole session (one JVM start)."""

    def __init__(self):
        self.port = free_port()
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.log = open(ARTIFACTS / f"vnu-{worker}.log", "w")
        self.process = subprocess.Popen(
            ["java", "-Xss1024k", "-cp", str(VNU), "-Dnu.validator.servlet.bind-address=127.0.0.1",
             "nu.validator.servlet.Main", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.ready = False

    def _wait(self):
        if not self.ready:
            wait_until_answers(f"http://127.0.0.1:{self.port}/", self.process, self.log.name, timeout=120)
            self.ready = True

    def check(self, html):
        self._wait()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json", data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.load(r)["messages"]

    def stop(self):
        stop_process(self.process)
        self.log.close()


@pytest.fixture(scope="session")
def html_checker():
    """Started with the session (it boots while the server is prepared); None without vnu.jar or Java."""
    if not VNU.exists() or not shutil.which("java"):
        yield None
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    checker = HtmlChecker()
    yield checker
    checker.stop()


@pytest.fixture
def audit(request, html_checker):
    """audit.check(page, 'label') after each step; the test fails on any serious violation."""
    context = request.node.get_closest_marker("browser_context_args")
    scripts = (context.kwargs if context else {}).get("java_script_enabled", True)
    auditor = Auditor(re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-"), scripts=scripts)
    yield auditor
    errors = auditor.validate_html(html_checker)
    assert not auditor.axe_failures, "axe-core violations:\n" + "\n".join(auditor.axe_failures)
    assert not auditor.shared_titles(), "one title for different pages:\n" + "\n".join(auditor.shared_titles())
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)
