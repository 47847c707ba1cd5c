"""Settings read from the environment, with safe defaults for development."""
import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEV_SECRET = "dev-secret-change-me"
DEV_PUBLIC_URL = "http://127.0.0.1:5000"
ENVIRONMENTS = ("development", "production")  # "testing" is the test suite's (TestConfig) only


def _bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Config:
    """Base configuration: every value may be overridden by an environment variable."""

    ENV = os.environ.get("CONSULT_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE / 'consult.db'}"
    )
    # No pool_pre_ping: on PostgreSQL it costs a round trip at every checkout. Connections
    # are renewed after POOL_RECYCLE seconds instead (a dropped one fails one request).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": _int("POOL_RECYCLE", 1800)}
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
    REMEMBER_COOKIE_SECURE = _bool("REMEMBER_COOKIE_SECURE", SESSION_COOKIE_SECURE)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    # Behind a reverse proxy, the number of proxies whose X-Forwarded-For / -Proto headers are
    # believed (0: none, the client talks to the app directly): rate limits count per client.
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per 15 minutes")
    POST_RATE_LIMIT = os.environ.get("POST_RATE_LIMIT", "30 per minute")
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")
    API_RATE_LIMIT_PER_ADDRESS = os.environ.get("API_RATE_LIMIT_PER_ADDRESS", "1200 per minute")

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


class TestConfig(Config):
    TESTING = True
    ENV = "testing"
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    MAIL_DELIVER_AFTER_REQUEST = False
    SERVER_NAME = "localhost"
    PUBLIC_CACHE_SECONDS = 0


class ConfigError(RuntimeError):
    """A setting the platform cannot start with; its message says which and how to set it."""


def check_settings(config):
    """Refuse to start with an unknown CONSULT_ENV or an impossible DIGEST_HOUR, or in production
    with the development secret or without the site's address: a typo must not quietly turn
    the safeguards off."""
    env = config.get("ENV")
    if env not in ENVIRONMENTS and not (env == "testing" and config.get("TESTING")):
        raise ConfigError(f"CONSULT_ENV is {env!r}: it must be one of {', '.join(ENVIRONMENTS)}.")
    if not 0 <= config.get("DIGEST_HOUR", 8) <= 23:
        raise ConfigError(f"DIGEST_HOUR is {config['DIGEST_HOUR']}: it must be an hour from 0 to 23.")
    if env != "production":
        return
    secret = config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET or len(secret) < 32:
        raise ConfigError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production; "
            "one can be made with: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    url = urlsplit((config.get("PUBLIC_URL") or "").rstrip("/"))
    if url.scheme not in ("http", "https") or not url.netloc or url.geturl() == DEV_PUBLIC_URL:
        raise ConfigError(
            "PUBLIC_URL must be set in production to the site's address (e.g. https://participation.ville.fr): "
            "the links sent by mail are built from it."
        )
    loopback = (config.get("MAIL_SERVER") or "") in ("localhost", "127.0.0.1", "::1")
    if config.get("MAIL_USERNAME") and not (config.get("MAIL_USE_TLS") or config.get("MAIL_USE_SSL") or loopback):
        raise ConfigError(
            "MAIL_USERNAME is set without MAIL_USE_TLS or MAIL_USE_SSL: the relay's password would cross the "
            "network in clear."
        )
