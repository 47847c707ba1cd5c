"""Input no database can store: a NUL character anywhere in the request is a 400, answered
before any view runs (PostgreSQL refuses it in text, SQLite would store a cut string). So is a
JSON body nested deeper than the parser goes."""
from flask import abort, request

NUL = "\x00"


def _contains_nul(value):
    """Whether a string of the JSON document, or a key, holds a NUL (walked with a list, not
    recursion: however deep the document, the stack does not overflow)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _json_body():
    """The JSON body (None when it is not JSON); 400 when it is nested too deep to be read."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        abort(400)


def reject_nul_bytes():
    if NUL in request.path or any(NUL in k or NUL in v for k, v in request.args.items(multi=True)):
        abort(400)
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.is_json:
        if _contains_nul(_json_body()):
            abort(400)
    elif any(NUL in k or NUL in v for k, v in request.form.items(multi=True)):
        abort(400)


def init_app(app):
    app.before_request(reject_nul_bytes)
