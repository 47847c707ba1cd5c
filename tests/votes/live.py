"""A real server process for the concurrency tests, and signed sessions to talk to it."""
import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer

ROOT = Path(__file__).resolve().parents[2]
SECRET = "concurrency-test-secret-0123456789abcdef"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url, log_path, workers=2, threads=4):
    """gunicorn from the virtualenv (falls back to `flask run --with-threads`)."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY=SECRET, RATELIMIT_ENABLED="false",
               MAIL_DELIVER_AFTER_REQUEST="false", PUBLIC_CACHE_SECONDS="0", CONSULT_ENV="testing")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if gunicorn.exists():
        cmd = [str(gunicorn), "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{port}",
               "--timeout", "60", "wsgi:app"]
    else:  # pragma: no cover
        cmd = [sys.executable, "-m", "flask", "--app", "wsgi:app", "run", "--with-threads",
               "--host", "127.0.0.1", "--port", str(port)]
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {Path(log_path).read_text(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return process, base
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError("server did not start within 30 s")


def stop_server(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def signed_session(app, user):
    """A session cookie for `user` and the matching CSRF form token, as Flask-WTF makes them."""
    raw = hashlib.sha1(os.urandom(64)).hexdigest()
    form_token = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(raw)
    cookie = app.session_interface.get_signing_serializer(app).dumps(
        {"_user_id": user.get_id(), "_fresh": True, "csrf_token": raw})
    return f"{app.config.get('SESSION_COOKIE_NAME', 'session')}={cookie}", form_token


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def post(url, cookie, data, timeout=60):
    """POST a form; returns the status code (redirects are not followed)."""
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
