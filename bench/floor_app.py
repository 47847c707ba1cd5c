"""The floor of the vote scenario: the application itself, with one more view that does
nothing but what every signed-in POST does (read the session cookie, check the CSRF token,
load the account). No vote, however written, can be served faster than this view while it
goes through the application's sign-in and CSRF checks."""
from flask_login import current_user

from wsgi import app


def floor():
    if not current_user.is_authenticated:  # an error, which the benchmark reports
        return "not signed in", 401
    return str(current_user.id)


app.add_url_rule("/bench/floor", "bench_floor", floor, methods=["POST"])
