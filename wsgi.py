"""WSGI entry point: `gunicorn wsgi:app`.

Settings come from the environment and from a `.env` file in the current directory, read here
as the `flask` commands read it, so that the site and the commands use the same settings."""
from dotenv import find_dotenv, load_dotenv

load_dotenv(find_dotenv(usecwd=True))

from consult import create_app  # noqa: E402
from consult.config import ConfigError  # noqa: E402

try:
    app = create_app()
except ConfigError as error:  # a clear sentence, not a traceback, for whoever starts the site
    raise SystemExit(f"Consult cannot start: {error}") from None
