"""Translated error pages (HTML) and JSON errors for the API."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db
from ..uploads import MAX_MB
from .ratelimits import retry_after_header, wait_minutes
from .urls import referrer_path


def is_api():
    """Whether the request is the API's: its errors are said to a program's author."""
    return request.path.startswith("/api/")


def messages():
    if is_api():  # said to a program's author, not to a person at a form
        return {**_messages(),
                401: _("Send a valid personal token (Authorization: Bearer …), created on the API tokens page "
                       "of your account."),
                413: _("What you sent is too large.")}
    return _messages()


def _messages():
    return {
        400: _("The request could not be understood. Please check what you sent and try again."),
        401: _("Please sign in to continue."),
        403: _("You are not allowed to do this."),
        404: _("This page does not exist, or is no longer available."),
        405: _("This action is not available here."),
        409: _("This conflicts with the current state. Please reload the page and try again."),
        413: _("What you sent is too large: an image or a document may weigh %(size)s MB at most. Go back to the "
               "form with your browser: what you typed is still there; choose a smaller file.", size=MAX_MB),
        422: _("Some fields are not valid. Please correct them and try again."),
        429: _("Too many attempts. Please wait a little before trying again."),
        500: _("Something went wrong on our side. Nothing was saved; please try again."),
    }


def titles():
    return {
        400: _("Bad request"), 401: _("Sign-in required"), 403: _("Access denied"),
        404: _("Page not found"), 405: _("Not available"), 409: _("Conflict"),
        413: _("File too large"), 422: _("Invalid data"), 429: _("Too many requests"),
        500: _("Server error"),
    }


def wants_json():
    return is_api() or request.accept_mimetypes.best == "application/json"


def field_errors(err):
    """Validation messages by field, from webargs/marshmallow ({"json": {"title": [...]}})."""
    data = getattr(err, "data", None) or {}
    found = {}
    for location in (data.get("messages") or {}).values():
        if isinstance(location, dict):
            found.update(location)
    return found


def form_status():
    """The status of a page with a form: 200 when it is first shown, 422 when a submitted form
    comes back with its errors."""
    return 422 if request.method == "POST" else 200


def render_error(code, message=None, fields=None, back=None, keep_text=True):
    """The error page (or the API's JSON error). The page leads `back` to where the person was:
    by default the page of this site they came from. A form refused (a phase closed while it was
    being written…) gives back the text written in it, to keep (`keep_text`)."""
    from ..pagecache.personal import stop_shared_render

    stop_shared_render()
    message = message or messages().get(code, messages()[500])
    if wants_json():
        return jsonify(error={"code": code, "message": message, "fields": fields or {}}), code
    title = titles().get(code, titles()[500])
    return render_template("errors/error.html", code=code, title=title, message=message,
                           back=back or _previous_page(), kept=written_text() if keep_text else []), code


KEPT_LENGTH = 20  # shorter values are choices and numbers, not text one would write again


def written_text():
    """The texts of the form this request sent (not its passwords, tokens or images)."""
    if request.method != "POST":
        return []
    try:
        fields = request.form.items(multi=True)
    except HTTPException:  # a form too large to be read (413): it is not given back
        return []
    return [value.strip() for name, value in fields
            if "password" not in name and name != "csrf_token" and not value.startswith("data:")
            and len(value.strip()) >= KEPT_LENGTH]


def _previous_page():
    """The page of this site the request came from, unless it is this one."""
    previous = referrer_path()
    return None if previous == request.full_path.rstrip("?") else previous


def wait_message(err):
    """How long to wait before trying again, said in minutes, when the limit tells it."""
    minutes = wait_minutes(err)
    if minutes is None:
        return None
    return ngettext("You did this too many times in a short while. You may try again in %(num)s minute.",
                    "You did this too many times in a short while. You may try again in %(num)s minutes.", minutes)


def _headers(err):
    """The headers the status asks for: when to try again, the methods allowed, how to sign in."""
    headers = {}
    if err.code == 429:
        headers.update(retry_after_header(err))
    if err.code == 405 and getattr(err, "valid_methods", None):
        headers["Allow"] = ", ".join(err.valid_methods)
    if err.code == 401 and is_api():
        headers["WWW-Authenticate"] = 'Bearer realm="Consult API"'
    return headers


def init_app(app):
    @app.errorhandler(CSRFError)
    def _csrf(err):
        # The text is not given back: the form may have been sent by another site.
        return render_error(400, _("Your form expired or was sent from elsewhere. Please reload the page and try again."),
                            keep_text=False)

    @app.errorhandler(HTTPException)
    def _http(err):
        description = getattr(err, "description", None)
        custom = description if isinstance(description, str) and getattr(err, "consult_message", False) else None
        if err.code == 429 and custom is None:
            custom = wait_message(err)
        body, code = render_error(err.code or 500, custom, field_errors(err))
        return body, code, _headers(err)

    @app.errorhandler(InternalServerError)
    def _server(err):
        db.session.rollback()
        return render_error(500)


def fail(code, message):
    """Stop the request with `code` and a translated `message`, shown on the error page or in
    the API's error body."""
    from werkzeug.exceptions import default_exceptions

    err = default_exceptions[code](description=str(message))
    err.consult_message = True
    raise err
