"""Flask extensions, created once and bound to the app in create_app."""
import ipaddress

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect, FlaskForm
from sqlalchemy import MetaData

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate(compare_type=True, render_as_batch=True)
login = LoginManager()
babel = Babel()
csrf = CSRFProtect()


def client_address():
    """Whom the rate limits count: the client's IPv4 address, or its IPv6 /64 network (one
    household or server is given a whole /64, and could take a new address for each request)."""
    address = get_remote_address()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return address
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network((ip, 64), strict=False))


limiter = Limiter(key_func=client_address, default_limits=[])


def init_limiter(app):
    """Bind the limiter. Its headers (RATELIMIT_HEADERS_ENABLED) say each answer's limit and what
    remains of it, and it writes Retry-After on every one of them: kept on the answers that ask to
    wait (429, 503) only, where a client reads it as "try again in so many seconds"."""
    @app.after_request  # registered before the limiter's own hook, so that it runs after it
    def _retry_after_on_refusals_only(response):
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        return response

    limiter.init_app(app)


def is_write_request():
    return request.method not in ("GET", "HEAD", "OPTIONS")


def _render_without_csrf_id(render_field):
    """Pages often hold several forms: their CSRF fields must not all carry id="csrf_token"
    (duplicate ids are invalid HTML). The field needs no id: no label points to it."""
    def render(meta, field, render_kw):
        if field.type == "CSRFTokenField" and "id" not in render_kw:
            render_kw = {**render_kw, "id": False}
        return render_field(meta, field, render_kw)
    return render


FlaskForm.Meta.render_field = _render_without_csrf_id(FlaskForm.Meta.render_field)
