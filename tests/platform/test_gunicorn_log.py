"""gunicorn as the README runs it (gunicorn.conf.py, --access-logfile): its log keeps the
requests, not the secrets of the links sent by mail, and says no error at a normal start."""
import os
import runpy
import subprocess
import sys
import urllib.error
import urllib.request

from ..helpers import ROOT, free_port, stop_process, wait_until_answers

MAILED_LINK = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["MAILED_LINK"]
TOKEN = "eyJpZCI6MiwidiI6MCwiZSI6IjEifQ.aw6NRA.H3blK9F8V1u40b1z3pNuqCZN83Y"


def test_every_link_sent_with_a_token_is_kept_out_of_the_access_log(app):
    """A new page taking a token in its address is caught too (the log's pattern names them)."""
    paths = [rule.rule.replace("<token>", TOKEN) for rule in app.url_map.iter_rules() if "token" in rule.arguments]
    # confirming an account, a new password, a new address, the mail settings, an invitation to a team
    assert len(paths) == 5, paths
    assert [path for path in paths if TOKEN in MAILED_LINK.sub(r"\1…", path)] == []


def fetch(url, **headers):
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10).close()
    except urllib.error.HTTPError:
        pass


def test_the_access_log_shows_a_mailed_link_without_its_token(tmp_path):
    home = tmp_path / "no-home"
    home.write_text("")  # an account without a home folder, as a system account may be
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "HOME": str(home), "CONSULT_ENV": "development",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'site.db'}", "UPLOAD_FOLDER": str(tmp_path / "uploads")}
    port, log_path = free_port(), tmp_path / "gunicorn.log"
    cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "-w", "1",
           "-b", f"127.0.0.1:{port}", "--access-logfile", "-", "wsgi:app"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/healthz", process, log_path)
        fetch(f"{base}/auth/reset/{TOKEN}")  # 400: this one was never sent, but a real one is logged alike
        fetch(f"{base}/static/css/consult.css", Referer=f"https://participation.example.org/auth/reset/{TOKEN}")
    finally:
        stop_process(process)
    logged = log_path.read_text()
    assert '"GET /auth/reset/… HTTP/1.1" 400' in logged
    assert '"GET /static/css/consult.css HTTP/1.1" 200' in logged and '"https://participation.example.org/auth/reset/…"' in logged
    assert TOKEN.split(".")[0] not in logged
    assert "[ERROR]" not in logged, logged  # no control socket to make in a home folder there is none of
