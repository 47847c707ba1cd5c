"""Input no database can store: a NUL character anywhere in the request is a 400, answered
before any view runs (PostgreSQL refuses it in text, SQLite would store a cut string)."""
from flask import abort, request

NUL = "\x00"


def _contains_nul(value):
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


def reject_nul_bytes():
    if NUL in request.path or any(NUL in k or NUL in v for k, v in request.args.items(multi=True)):
        abort(400)
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.is_json:
        if _contains_nul(request.get_json(silent=True)):
            abort(400)
    elif any(NUL in k or NUL in v for k, v in request.form.items(multi=True)):
        abort(400)


def init_app(app):
    app.before_request(reject_nul_bytes)
