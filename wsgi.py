"""WSGI entry point: `gunicorn wsgi:app`.

Settings come from the environment and from a `.env` file in the current directory, read here
as the `flask` commands read it, so that the site and the commands use the same settings."""
import sys

from dotenv import find_dotenv, load_dotenv

load_dotenv(find_dotenv(usecwd=True))

from consult import create_app  # noqa: E402
from consult.config import ConfigError  # noqa: E402

# gunicorn stops (instead of starting the worker again, for ever) when one exits with this code.
WORKER_BOOT_ERROR = 3

try:
    app = create_app()
except ConfigError as error:  # a clear sentence per problem, not a traceback, for whoever starts the site
    for problem in str(error).splitlines():
        print(f"Consult cannot start: {problem}", file=sys.stderr)
    sys.stderr.flush()
    raise SystemExit(WORKER_BOOT_ERROR) from None
