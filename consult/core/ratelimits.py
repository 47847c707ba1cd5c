"""The limit on posting what others read (POST_RATE_LIMIT), counted twice:

- per address and page, by `@limit_posts` under a route of the site;
- per account, over the site and the API together, by `@counts_as_post` (which `limit_posts`
  includes, and the API's posting views carry): a person's browser and all of their API tokens
  share one quota, and nobody else's is touched.

Over the limit, a page of the site does not lose what was written: its form (a PostingForm)
is shown again, filled in, with the wait said at its top, and the answer is 429.
"""
import math
import time
from datetime import timedelta
from functools import wraps

from flask import current_app, g
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from limits import parse
from werkzeug.exceptions import TooManyRequests

from ..extensions import db, is_write_request, limiter

SCOPE = "posts"

# The same post sent again within this time (a double click, a form sent again after a slow
# answer, an API call repeated when its answer was lost) is answered with what the first one
# made, not made twice: proposals.services.repeated_proposal, comments.services.post_comment.
REPEAT_WINDOW = timedelta(minutes=2)


def _post_limit():
    return current_app.config["POST_RATE_LIMIT"]


def _count_post():
    """Count a post of the signed-in account (anonymous requests are the address limits' and the
    sign-in's); 429 with Retry-After once the account's quota is spent."""
    if not limiter.enabled or not current_user.is_authenticated:
        return
    item, key = parse(_post_limit()), (f"account:{current_user.id}", SCOPE)
    if not limiter.limiter.hit(item, *key):
        raise TooManyRequests(retry_after=seconds_left(item, *key))


def seconds_left(item, *key):
    """Seconds until the limit `item` counted under `key` lets a request through again."""
    return max(1, math.ceil(limiter.limiter.get_window_stats(item, *key).reset_time - time.time()))


def counts_as_post(view):
    """The view's writes count against the account's POST_RATE_LIMIT (reading is never limited).
    Checked when the view is called: after the API has read the token."""
    @wraps(view)
    def counted(*args, **kwargs):
        if is_write_request():
            _count_post()
        return view(*args, **kwargs)
    return counted


def limit_posts(view):
    """Rate-limit the view's POST requests, per address and per account. Over the limit, the
    view is called all the same, to show its form again: its PostingForm is then invalid, and
    the page says how long to wait."""
    limited = limiter.limit(_post_limit, methods=["POST"])(counts_as_post(view))

    @wraps(view)
    def keeping_the_text(*args, **kwargs):
        try:
            return limited(*args, **kwargs)
        except TooManyRequests as refusal:
            return _form_again(view, args, kwargs, refusal)
    return keeping_the_text


def wait_minutes(refusal):
    """The minutes to wait before the limit lets this request through, when it tells them."""
    seconds = getattr(refusal, "retry_after", None)
    if not seconds:
        breached = [limit.reset_at for limit in limiter.current_limits if limit.breached]
        seconds = math.ceil(max(breached) - time.time()) if breached else None
    if not seconds or seconds <= 0:
        return None
    return max(1, round(seconds / 60))


def retry_after_header(refusal):
    """{"Retry-After": seconds} when the refusal tells them, else {}."""
    seconds = getattr(refusal, "retry_after", None)
    return {"Retry-After": str(seconds)} if seconds else {}


def _kept_message(refusal):
    minutes = wait_minutes(refusal)
    if minutes is None:
        return _("You have sent a lot in a short while. What you wrote is kept below: please wait a little "
                 "before sending it.")
    return ngettext("You have sent a lot in a short while. What you wrote is kept below: you may send it in "
                    "%(num)s minute.",
                    "You have sent a lot in a short while. What you wrote is kept below: you may send it in "
                    "%(num)s minutes.", minutes)


def _form_again(view, args, kwargs, refusal):
    g.posting_refused = refusal
    response = current_app.make_response(view(*args, **kwargs))
    if g.get("posting_form_refused"):  # the form, shown again with what was written
        response.status_code = 429
        response.headers.update(retry_after_header(refusal))
        return response
    if response.status_code < 400:
        db.session.rollback()  # nothing is saved over the limit, whatever the view did
        if response.status_code >= 300:  # not a page of its own (a redirect to sign in…)
            raise refusal
    return response  # the view's own refusal (403, 404), or a page that sends nothing


def posting_refused():
    """Whether this request is over the posting limit (its view is shown again, nothing saved):
    an upload is then not even read."""
    return g.get("posting_refused") is not None


class PostingForm(FlaskForm):
    """A form whose view is under `limit_posts`: never valid over the limit, so that its view
    shows it again, filled in, with the wait as the form's error instead of saving it."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not posting_refused():
            return valid
        self.form_errors.append(_kept_message(g.posting_refused))
        g.posting_form_refused = True
        return False
