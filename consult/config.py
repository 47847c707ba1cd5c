"""Settings read from the environment, with safe defaults for development."""
import os
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEV_SECRET = "dev-secret-change-me"
DEV_PUBLIC_URL = "http://127.0.0.1:5000"
ENVIRONMENTS = ("development", "production")  # "testing" is the test suite's (TestConfig) only


def _bool(name, default):
    """The variable as True or False; a value that is neither is kept as it is, for
    check_settings to refuse (a typo must not turn a safeguard off)."""
    value = os.environ.get(name)
    word = (value or "").strip().lower()
    if not word:  # unset, or left empty in .env: the default (an empty value must not turn a safeguard off)
        return default
    if word in {"1", "true", "yes", "on"}:
        return True
    return False if word in {"0", "false", "no", "off"} else value


def _int(name, default):
    """The variable as an integer; a value that is not one is kept as it is, for check_settings
    to refuse with the variable's name (not a traceback at import)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        return value


def database_url(value):
    """DATABASE_URL for SQLAlchemy: postgres:// (as some hosting services give it) and
    postgresql:// name the driver the project installs, psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    return value


class Config:
    """Base configuration: every value may be overridden by an environment variable."""

    ENV = os.environ.get("CONSULT_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET)
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'consult.db'}"))
    # No pool_pre_ping: on PostgreSQL it costs a round trip at every checkout. Connections
    # are renewed after POOL_RECYCLE seconds instead (a dropped one fails one request).
    # A failed query is logged without its values: they are addresses, texts, token hashes.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": _int("POOL_RECYCLE", 1800), "hide_parameters": True}
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE / "uploads"))
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 12 * 1024 * 1024)  # an image of 10 MB and its form
    # A form's text fields may be as large as the request: a proposal's preview sends its image
    # back as a data: URL (uploads/carry.py), and a photo's is over the 500 kB Flask allows.
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH
    API_MAX_JSON_BYTES = _int("API_MAX_JSON_BYTES", 256 * 1024)  # the largest body the API reads

    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = os.environ.get("TIMEZONE", "Europe/Paris")
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("fr", "en")

    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Cookies go over HTTPS only in production; SESSION_COOKIE_SECURE=false lets someone try
    # production mode over plain http (the remember cookie follows unless set on its own).
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", ENV == "production")
    REMEMBER_COOKIE_SECURE = _bool("REMEMBER_COOKIE_SECURE", SESSION_COOKIE_SECURE is True)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    # Behind a reverse proxy, the number of proxies whose X-Forwarded-For / -Proto headers are
    # believed (0: none, the client talks to the app directly): rate limits count per client.
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per 15 minutes")
    ACCOUNT_LOGIN_RATE_LIMIT = os.environ.get("ACCOUNT_LOGIN_RATE_LIMIT", "20 per hour")
    MAIL_PER_ADDRESS_RATE_LIMIT = os.environ.get("MAIL_PER_ADDRESS_RATE_LIMIT", "5 per hour")
    POST_RATE_LIMIT = os.environ.get("POST_RATE_LIMIT", "30 per minute")
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")
    API_RATE_LIMIT_PER_ADDRESS = os.environ.get("API_RATE_LIMIT_PER_ADDRESS", "1200 per minute")

    # The name people know the platform by (page titles, mail): a town's, e.g. "Villeneuve participe".
    PLATFORM_NAME = " ".join(os.environ.get("PLATFORM_NAME", "Consult").split())
    # The platform team's address, given to people who need a human (accessibility, a lost account).
    CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)  # STARTTLS (port 587)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)  # TLS from the first byte (port 465)
    # The certificate authority of a relay with a private one (a PEM file); else the system's.
    MAIL_CA_FILE = os.environ.get("MAIL_CA_FILE", "")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Consult <no-reply@consult.localhost>")
    # Deliver queued mail right after the request that queued it (in a thread).
    # Set to false when a worker or cron runs `flask send-mail`.
    MAIL_DELIVER_AFTER_REQUEST = _bool("MAIL_DELIVER_AFTER_REQUEST", True)
    # Mail done with (sent, or given up) is kept this many days, then forgotten by `send-mail`:
    # its text holds names and links, and is needed only to answer "did it go?".
    MAIL_RETENTION_DAYS = _int("MAIL_RETENTION_DAYS", 30)
    # The hour (local time) from which the daily digests go out, and the weekly ones on Mondays.
    DIGEST_HOUR = _int("DIGEST_HOUR", 8)

    # Base of absolute links in mail (scheme, host and optional path prefix).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", DEV_PUBLIC_URL)
    UNSUBSCRIBE_TOKEN_MAX_AGE = _int("UNSUBSCRIBE_TOKEN_MAX_AGE", 180 * 24 * 3600)
    CONFIRM_TOKEN_MAX_AGE = _int("CONFIRM_TOKEN_MAX_AGE", 3 * 24 * 3600)
    RESET_TOKEN_MAX_AGE = _int("RESET_TOKEN_MAX_AGE", 2 * 3600)
    PUBLIC_CACHE_SECONDS = _int("PUBLIC_CACHE_SECONDS", 5)
    # How long a listing's count of public proposals is kept per process: with the page cache,
    # the "N proposals" of a page is at most the sum of both old.
    PROPOSAL_COUNT_CACHE_SECONDS = _int("PROPOSAL_COUNT_CACHE_SECONDS", 2)


class TestConfig(Config):
    TESTING = True
    ENV = "testing"
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL", "sqlite://"))
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    MAIL_DELIVER_AFTER_REQUEST = False
    SERVER_NAME = "localhost"
    PUBLIC_CACHE_SECONDS = 0
    PROPOSAL_COUNT_CACHE_SECONDS = 0


class ConfigError(RuntimeError):
    """Settings the platform cannot start with; its message says which and how to set them, one
    sentence (one line) per problem."""


# Integer settings: (environment variable, lowest, highest or None, the accepted form).
INTEGERS = {
    "MAIL_PORT": ("MAIL_PORT", 1, 65535, "a port number from 1 to 65535, e.g. 587"),
    "MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", 1, None, "a number of bytes, e.g. 12582912 for 12 MiB"),
    "API_MAX_JSON_BYTES": ("API_MAX_JSON_BYTES", 1, None, "a number of bytes, e.g. 262144 for 256 KiB"),
    "TRUSTED_PROXIES": ("TRUSTED_PROXIES", 0, None, "a number of proxies, e.g. 1 behind one nginx (0: none)"),
    "MAIL_RETENTION_DAYS": ("MAIL_RETENTION_DAYS", 0, None, "a number of days, e.g. 30 (0 keeps mail for ever)"),
    "DIGEST_HOUR": ("DIGEST_HOUR", 0, 23, "an hour from 0 to 23"),
    "PUBLIC_CACHE_SECONDS": ("PUBLIC_CACHE_SECONDS", 0, None, "a number of seconds, e.g. 5 (0: off)"),
    "PROPOSAL_COUNT_CACHE_SECONDS": ("PROPOSAL_COUNT_CACHE_SECONDS", 0, None, "a number of seconds, e.g. 2 (0: off)"),
    **{name: (name, 1, None, "a number of seconds, e.g. 86400 for a day")
       for name in ("CONFIRM_TOKEN_MAX_AGE", "RESET_TOKEN_MAX_AGE", "UNSUBSCRIBE_TOKEN_MAX_AGE")},
}
BOOLEANS = ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE", "RATELIMIT_ENABLED", "MAIL_USE_TLS", "MAIL_USE_SSL",
            "MAIL_DELIVER_AFTER_REQUEST")
PLATFORM_NAME_LENGTH = 60
RATE_LIMITS = ("LOGIN_RATE_LIMIT", "ACCOUNT_LOGIN_RATE_LIMIT", "MAIL_PER_ADDRESS_RATE_LIMIT", "POST_RATE_LIMIT",
               "API_RATE_LIMIT", "API_RATE_LIMIT_PER_ADDRESS")


def check_settings(config):
    """Refuse to start with a value that cannot be read (a number, a rate limit, a time zone, the
    database's address…), an unknown CONSULT_ENV, or in production with the development secret,
    without the site's address or without a mail relay: a typo must not quietly turn the
    safeguards off, nor break every page later. Raises ConfigError naming every problem."""
    problems = [*_unreadable(config)]
    env = config.get("ENV")
    if env not in ENVIRONMENTS and not (env == "testing" and config.get("TESTING")):
        problems.append(f"CONSULT_ENV is {env!r}: it must be one of {', '.join(ENVIRONMENTS)}.")
    elif env == "production":
        problems += _production_problems(config)
    if problems:
        raise ConfigError("\n".join(problems))


def _unreadable(config):
    """One sentence for each setting whose value the platform cannot use."""
    for key, (variable, lowest, highest, form) in INTEGERS.items():
        value = config.get(key)
        if key in config and (type(value) is not int or value < lowest or (highest is not None and value > highest)):
            yield f"{variable} is {value!r}: it must be {form}."
    recycle = (config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}).get("pool_recycle", 1)
    if type(recycle) is not int or recycle < 1:
        yield f"POOL_RECYCLE is {recycle!r}: it must be a number of seconds, e.g. 1800."
    for key in BOOLEANS:
        if key in config and not isinstance(config[key], bool):
            yield f"{key} is {config[key]!r}: it must be true or false."
    yield from _unreadable_rate_limits(config)
    name = config.get("PLATFORM_NAME", "Consult")
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= PLATFORM_NAME_LENGTH:
        yield f"PLATFORM_NAME is {name!r}: it must be the name of the platform, 1 to {PLATFORM_NAME_LENGTH} " \
              "characters, e.g. Villeneuve participe."
    timezone = config.get("BABEL_DEFAULT_TIMEZONE")
    if not _known_timezone(timezone):
        yield f"TIMEZONE is {timezone!r}: it must be a time zone name such as Europe/Paris (or Indian/Reunion, " \
              "America/Cayenne)."
    storage = _rate_limit_storage_problem(config.get("RATELIMIT_STORAGE_URI", "memory://"))
    if storage:
        yield storage
    if not _usable_database(config.get("SQLALCHEMY_DATABASE_URI")):
        yield ("DATABASE_URL cannot be used: it must be of the form sqlite:///path/to/consult.db or "
               "postgresql://user:password@host/database.")
    elif missing := _missing_sqlite_folder(config.get("SQLALCHEMY_DATABASE_URI")):
        yield (f"DATABASE_URL names a SQLite file in a folder that does not exist ({missing}): create the folder, "
               "or give another path.")
    yield from _unreadable_mail(config)
    uploads = config.get("UPLOAD_FOLDER")
    if uploads and os.path.exists(uploads) and not os.path.isdir(uploads):
        yield f"UPLOAD_FOLDER is {uploads!r}: it must be a folder, not a file."


def _unreadable_mail(config):
    if config.get("MAIL_USE_TLS") is True and config.get("MAIL_USE_SSL") is True:
        yield ("MAIL_USE_TLS and MAIL_USE_SSL are both true: choose one, MAIL_USE_TLS for STARTTLS (port 587) "
               "or MAIL_USE_SSL for TLS from the first byte (port 465).")
    ca_file = config.get("MAIL_CA_FILE")
    if ca_file and not os.path.isfile(ca_file):
        yield f"MAIL_CA_FILE is {ca_file!r}: it must be the PEM file of the relay's certificate authority."
    sender = config.get("MAIL_DEFAULT_SENDER")
    if sender and "@" not in parseaddr(sender)[1]:  # a name alone: every relay refuses to send from it
        yield (f"MAIL_DEFAULT_SENDER is {sender!r}: it must be the address the mail comes from, "
               "e.g. Participation <participation@ville.fr>.")


def _unreadable_rate_limits(config):
    from limits import parse_many

    for key in RATE_LIMITS:
        try:
            parse_many(config[key])
        except KeyError:
            continue
        except (ValueError, TypeError):
            yield f"{key} is {config[key]!r}: it must be a rate limit such as '10 per 15 minutes' or '30 per minute'."


def _rate_limit_storage_problem(uri):
    """Where the rate limits are counted: memory:// (each process apart), or Redis (shared), whose
    client is an extra; the address is not repeated (it may hold a password)."""
    from limits.storage import SCHEMES

    scheme = str(uri).partition("://")[0]
    if scheme not in SCHEMES or scheme.startswith("async+"):
        return ("RATELIMIT_STORAGE_URI cannot be used: it must be memory:// or redis://host:port "
                "(e.g. redis://127.0.0.1:6379).")
    if scheme.startswith("redis") and not _installed("redis"):
        return ("RATELIMIT_STORAGE_URI is a Redis address, but the redis package is not installed: "
                ".venv/bin/pip install -e '.[redis]'.")
    return None


def _installed(module):
    from importlib.util import find_spec

    return find_spec(module) is not None


def _known_timezone(name):
    """A name both Flask-Babel (pytz) and the digests (zoneinfo) know."""
    import pytz
    from zoneinfo import ZoneInfo

    try:
        pytz.timezone(name)
        ZoneInfo(name)
    except (KeyError, ValueError, TypeError, AttributeError, OSError):  # zoneinfo's not found is a KeyError
        return False
    return True


def _missing_sqlite_folder(url):
    """The folder of a SQLite file, when it does not exist (a relative path is under the instance
    folder, as Flask-SQLAlchemy reads it: sqlite:///data/consult.db is instance/data/consult.db);
    else None."""
    from sqlalchemy.engine import make_url

    url = make_url(url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    folder = os.path.dirname(os.path.join(INSTANCE, url.database))  # an absolute path stays as it is
    return None if os.path.isdir(folder) else folder


def _usable_database(url):
    """A URL of a database the project has a driver for: SQLite, or PostgreSQL through psycopg 3."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(url)
    except (ArgumentError, TypeError, ValueError):
        return False
    return (url.get_backend_name(), url.get_driver_name()) in {("sqlite", "pysqlite"), ("postgresql", "psycopg")}


def _production_problems(config):
    secret = config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET or len(secret) < 32:
        yield ("SECRET_KEY must be set to a random value of at least 32 characters in production; "
               "one can be made with: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'")
    url = urlsplit((config.get("PUBLIC_URL") or "").rstrip("/"))
    if url.scheme not in ("http", "https") or not url.netloc or url.geturl() == DEV_PUBLIC_URL:
        yield ("PUBLIC_URL must be set in production to the site's address (e.g. https://participation.ville.fr): "
               "the links sent by mail are built from it.")
    server = (config.get("MAIL_SERVER") or "").strip()
    if not server:
        yield ("MAIL_SERVER must be set in production to the mail relay (e.g. smtp.ville.fr): without it, mail "
               "(confirmation and password links included) would be written to the log instead of being sent.")
    domain = parseaddr(config.get("MAIL_DEFAULT_SENDER") or "")[1].rpartition("@")[2].lower().rstrip(".")
    if not domain or domain == "localhost" or domain.endswith(".localhost"):
        yield ("MAIL_DEFAULT_SENDER must be set in production to the address the mail comes from "
               "(e.g. Participation <participation@ville.fr>): mail from a .localhost address is refused.")
    if "@" not in parseaddr(config.get("CONTACT_EMAIL") or "")[1]:
        yield ("CONTACT_EMAIL must be set in production to the platform team's address (e.g. numerique@ville.fr): "
               "the accessibility statement gives it, and so does the mail telling someone their address was "
               "changed, in case they did not do it.")
    loopback = server in ("localhost", "127.0.0.1", "::1")
    if config.get("MAIL_USERNAME") and not (config.get("MAIL_USE_TLS") or config.get("MAIL_USE_SSL") or loopback):
        yield ("MAIL_USERNAME is set without MAIL_USE_TLS or MAIL_USE_SSL: the relay's password would cross the "
               "network in clear.")
