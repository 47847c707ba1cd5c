"""Input no database can store, and bodies nobody should read, answered before any view runs.

A NUL character anywhere in the request is a 400 (PostgreSQL refuses it in text, SQLite would
store a cut string). A JSON body is read only where JSON is expected, the API's routes (named by
`accept_json`): there it weighs API_MAX_JSON_BYTES at most (413 unread beyond, as for any body
sent to the API) and is a 400 when nested deeper than the parser goes; sent to a page of the
site it is a 400, unread (Flask-WTF would read it into the page's form). A body sent where no
route is (404, 405) is left unread.
"""
from flask import abort, current_app, request

from ..extensions import is_write_request

NUL = "\x00"
JSON_ROUTES = "consult_json_blueprints"


def accept_json(app, blueprint_names):
    """Let the routes of these blueprints read (small) JSON bodies."""
    app.extensions[JSON_ROUTES] = frozenset(blueprint_names)


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
    if not is_write_request() or request.url_rule is None:
        return  # no body, or no route (404, 405) to read it
    reads_json = request.blueprint in current_app.extensions.get(JSON_ROUTES, ())
    if reads_json:  # the API reads nothing but small JSON documents: larger bodies stay unread
        request.max_content_length = current_app.config["API_MAX_JSON_BYTES"]
    if request.is_json:
        if not reads_json or _contains_nul(_json_body()):
            abort(400)
    elif any(NUL in k or NUL in v for k, v in request.form.items(multi=True)):
        abort(400)


def init_app(app):
    app.before_request(reject_nul_bytes)
