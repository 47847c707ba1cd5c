"""A real server process for the concurrency tests, and signed sessions to talk to it."""
import hashlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request

from itsdangerous import URLSafeTimedSerializer

from ..helpers import listening_socket, start_app_server

SECRET = "concurrency-test-secret-0123456789abcdef"


def start_server(database_url, log_path, workers=2, threads=4):
    """The app on `database_url` in a server process (gunicorn); returns (process, base URL)."""
    env = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY=SECRET, RATELIMIT_ENABLED="false",
               MAIL_DELIVER_AFTER_REQUEST="false", PUBLIC_CACHE_SECONDS="0", CONSULT_ENV="development")
    return start_app_server(env, listening_socket(), log_path, workers, threads)


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


def put_json(url, token, body, timeout=60):
    """PUT a JSON body with an API token; returns the status code."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="PUT",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
