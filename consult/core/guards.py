"""Input no database can store, and bodies nobody should read, answered before any view runs.

A NUL character anywhere in the request is a 400 (PostgreSQL refuses it in text, SQLite would
store a cut string), and so is a lone UTF-16 surrogate, which only a JSON escape can carry (a
client cutting "\\ud83d\\ude00" in two): no text holding one can be encoded, stored or shown.

A JSON body is read only where JSON is expected, the API's routes (named by `accept_json`):
there it weighs API_MAX_JSON_BYTES at most (413 unread beyond, as for any body sent to the API;
a body sent in chunks, without a length, is read one byte past the limit to know it is over it).
The rest waits until the API knows who writes (a write without a token is 401, with a read-only
token 403, before its body is looked at): then `check_json_body` answers 415 to a body of another
type (the API would read it as no data at all), 400 to a document nested deeper than the parser
goes, and to unstorable text. A JSON body sent to a page of the site is a 400, unread (Flask-WTF
would read it into the page's form). A body sent where no route is (404, 405) is left unread.
"""
import re

from flask import abort, current_app, request
from flask_babel import gettext as _

from ..extensions import is_write_request
from .errors import fail

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
JSON_ROUTES = "consult_json_blueprints"


def accept_json(app, blueprint_names):
    """Let the routes of these blueprints read (small) JSON bodies."""
    app.extensions[JSON_ROUTES] = frozenset(blueprint_names)


def _unstorable(text):
    return UNSTORABLE.search(text) is not None


def _contains_unstorable(value):
    """Whether a string of the JSON document, or a key, holds a NUL or a lone surrogate (walked
    with a list, not recursion: however deep the document, the stack does not overflow)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _unstorable(item):
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


def _refuse():
    fail(400, _("What you sent holds a character that cannot be stored (a null character, or half "
                "of an emoji). Please check what you sent and try again."))


def _limit_json_body():
    """413 for a body over API_MAX_JSON_BYTES: by its Content-Length, unread; without one (sent
    in chunks), once one byte more than the limit has arrived. (Cut at the limit, as Werkzeug
    would cut it, the document would be read as another one, or a bad one: a 400.) What was
    read is kept by get_data for the JSON parser."""
    limit = current_app.config["API_MAX_JSON_BYTES"]
    if request.content_length is not None:
        request.max_content_length = limit
        if request.content_length > limit:
            abort(413)
        return
    request.max_content_length = limit + 1
    if len(request.get_data()) > limit:
        abort(413)


def reject_unstorable_text():
    if _unstorable(request.path) or any(_unstorable(k + v) for k, v in request.args.items(multi=True)):
        _refuse()
    if not is_write_request() or request.url_rule is None:
        return  # no body, or no route (404, 405) to read it
    if request.blueprint in current_app.extensions.get(JSON_ROUTES, ()):
        _limit_json_body()  # the API reads nothing but small JSON documents: larger bodies stay unread
        return  # the rest once the API knows who writes (check_json_body)
    if request.is_json:
        abort(400)
    if any(_unstorable(k + v) for k, v in request.form.items(multi=True)):
        _refuse()


def check_json_body():
    """A body written to the API: JSON (415 otherwise), holding no text that cannot be stored."""
    if not request.is_json and (request.content_length or request.headers.get("Transfer-Encoding")):
        fail(415, _("The API reads JSON only: send the body with the header Content-Type: application/json."))
    if request.is_json and _contains_unstorable(_json_body()):
        _refuse()


def init_app(app):
    app.before_request(reject_unstorable_text)
