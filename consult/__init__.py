"""Consult: a participatory citizen-consultation platform for local authorities."""
import os

from . import database
from .config import Config, ConfigError, check_settings
from .core import health, proxies
from .core.application import Consult
from .extensions import babel, csrf, db, init_limiter, migrate


def create_app(config=None):
    app = Consult(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="static",
    )
    from .core.converters import IdConverter

    app.url_map.converters["int"] = IdConverter
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    os.makedirs(app.instance_path, exist_ok=True)  # the default database's folder, not in a fresh clone
    check_settings(app.config)
    proxies.init_app(app)
    try:
        os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    except OSError as error:
        raise ConfigError(f"UPLOAD_FOLDER is {app.config['UPLOAD_FOLDER']!r}: the folder cannot be made "
                          f"({error.strerror}); give a folder the platform may write to.") from None

    from . import pagecache
    from .core import errors, guards, headers, templating

    _init_extensions(app)
    guards.init_app(app)  # before the blueprints: the API's authentication (a hook of init_api) comes after it
    _register_blueprints(app)
    _register_cli(app)
    pagecache.init_app(app)  # after the guards: a refused request is never served from the cache
    errors.init_app(app)
    templating.init_app(app)
    headers.init_app(app)
    return app


def _init_extensions(app):
    from . import models  # noqa: F401  (every table known to the metadata)
    from .auth.loading import init_login
    from .i18n import install_template_gettext, select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "migrations")))
    health.init_app(app)
    csrf.init_app(app)
    init_limiter(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    init_login(app)
    database.init_app(app)


def _register_blueprints(app):
    from .account import bp as account_bp
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .comments import bp as comments_bp
    from .consultations import bp as consultations_bp
    from .consultations.admin_views import admin_bp as consultations_admin_bp
    from .core import bp as main_bp
    from .moderation import bp as moderation_bp
    from .moderation.me_views import bp as moderation_me_bp
    from .moderation.public_views import bp as moderation_public_bp
    from .notifications import bp as notifications_bp
    from .pages import bp as pages_bp
    from .proposals import bp as proposals_bp
    from .territories import bp as territories_bp
    from .votes import bp as votes_bp

    for bp in (main_bp, auth_bp, account_bp, territories_bp, consultations_bp, proposals_bp,
               comments_bp, votes_bp, moderation_bp, moderation_me_bp, moderation_public_bp, admin_bp,
               consultations_admin_bp, notifications_bp, pages_bp, api_bp):
        app.register_blueprint(bp)

    from .api import init_api
    from .api.tokens import tokens_bp

    app.register_blueprint(tokens_bp)
    init_api(app)


def _register_cli(app):
    from .cli import register

    register(app)
