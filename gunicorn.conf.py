"""gunicorn's settings for Consult, read by gunicorn from the directory it is started in.

The site's settings are checked once, before any worker starts, in a separate process (the
master must not import the app: its workers would share it, and a reload would not read new
code or settings): a refused setting stops gunicorn at once with exit code 3 and one sentence
per problem. Left to the workers, each fails on its own, and two failing together can make
gunicorn end with code 1 after a traceback.

The access log leaves out the secret of the links sent by mail, and gunicorn opens no control
socket (the site does not use it: gunicorn would make it in the account's home, and say an
error at every start when the account has none)."""
import re
import subprocess
import sys

from gunicorn.glogging import Logger

# The links sent by mail end with a token that acts for the account (confirming it, choosing its
# password, its new address, its mail settings, an invitation to a territory's team): whoever
# reads it in a log could use it.
MAILED_LINK = re.compile(r"(/(?:auth/confirm|auth/reset|auth/invitation|me/email/confirm|unsubscribe)/)[^/?#\s\"]+")

control_socket_disable = True  # gunicorn 25.1 and later; earlier ones ignore it


class AccessLog(Logger):
    """gunicorn's log, whose access lines show a mailed link's token as "…", in the request line,
    the path and the Referer (the pages a link opens send it with their images and styles)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: MAILED_LINK.sub(r"\1…", value) if isinstance(value, str) else value
                for name, value in atoms.items()}


logger_class = AccessLog


def on_starting(server):
    check = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=server.cfg.chdir, check=False)
    if check.returncode:
        raise SystemExit(check.returncode)
