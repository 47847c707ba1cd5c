"""gunicorn's settings for Consult, read by gunicorn from the directory it is started in.

The site's settings are checked once, before any worker starts, in a separate process (the
master must not import the app: its workers would share it, and a reload would not read new
code or settings): a refused setting stops gunicorn at once with exit code 3 and one sentence
per problem. Left to the workers, each fails on its own, and two failing together can make
gunicorn end with code 1 after a traceback."""
import subprocess
import sys


def on_starting(server):
    check = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=server.cfg.chdir, check=False)
    if check.returncode:
        raise SystemExit(check.returncode)
