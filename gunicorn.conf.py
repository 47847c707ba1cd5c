"""gunicorn's settings for Consult, read by gunicorn from the directory it is started in.

The site's settings are checked once, in gunicorn's master process, before any worker starts:
a refused setting stops gunicorn at once with exit code 3 and one sentence per problem.
(Left to the workers, each fails on its own, and two failing together can make gunicorn end
with code 1 after a traceback.)"""


def on_starting(server):
    import wsgi  # noqa: F401  (reads .env and builds the app: exits with code 3 when a setting is refused)
