"""Public JSON API v1, documented by an OpenAPI 3 document generated from the code.

flask-smorest builds the document from the marshmallow schemas that also validate input.
One `Api` is made per application; the resource blueprints are listed in `init_api`, which
also makes every request to them authenticate its caller (see auth.authenticate).
"""
import re

from apispec import BasePlugin
from flask import Blueprint, request
from flask_smorest import Api

from .common import ApiError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import views  # noqa: E402,F401  (the documentation page)

# What the document says of the platform, which it names as its pages do (PLATFORM_NAME).
DESCRIPTION = ("Consultations, proposals, votes, comments and moderation of {platform}. "
               "Public data is readable anonymously; writes need a personal token "
               "(`Authorization: Bearer …`) created on /me/tokens. Data published under "
               "the Licence Ouverte / Etalab 2.0.")

API_CONFIG = {
    "API_VERSION": "1.0",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "license": {"name": "Licence Ouverte / Etalab 2.0",
                        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence"},
        },
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    },
}


class OperationIds(BasePlugin):
    """An operationId for every operation, from its method and path ("get_proposals_proposal_id_comments"):
    stable names for the clients generated from the document. (Tags are the resource blueprints'
    names, written for people: "Proposals", "Votes"; the site's own blueprints are lower case.)"""

    def operation_helper(self, path=None, operations=None, **kwargs):
        words = re.sub(r"[{}]", "", path.removeprefix(API_CONFIG["OPENAPI_URL_PREFIX"])).strip("/").replace("/", "_")
        for method, operation in (operations or {}).items():
            operation.setdefault("operationId", f"{method}_{words}".replace("-", "_"))


class ConsultApi(Api):
    """Documents our error body, {"error": {"code", "message", "fields"}}, for every operation."""

    ERROR_SCHEMA = ApiError


def _cacheable(response):
    """Public answers may be kept a minute and revalidated with their ETag (304 when unchanged);
    an answer to a token is the person's own: never stored."""
    if "Authorization" in request.headers:
        response.headers["Cache-Control"] = "private, no-store"
        return response
    response.headers["Cache-Control"] = "public, max-age=60"
    response.add_etag()
    return response.make_conditional(request)


def _named(config, platform):
    """The settings of the document, titled and described with the platform's name."""
    spec = config["API_SPEC_OPTIONS"]
    info = dict(spec["info"], description=DESCRIPTION.format(platform=platform))
    return dict(config, API_TITLE=f"{platform} API", API_SPEC_OPTIONS=dict(spec, info=info))


def init_api(app):
    from .comments import blp as comments_blp
    from .consultations import blp as consultations_blp
    from .consultations_write import blp as consultations_write_blp
    from .me import blp as me_blp
    from .moderation import blp as moderation_blp
    from .proposals import blp as proposals_blp
    from ..core.errors import is_api
    from ..core.guards import accept_json, check_json_body
    from ..extensions import csrf, is_write_request
    from .auth import authenticate, require_write
    from .ratelimits import limit_blueprint
    from .results import blp as results_blp
    from .territories import blp as territories_blp
    from .votes import blp as votes_blp

    for key, value in _named(API_CONFIG, app.config["PLATFORM_NAME"]).items():
        app.config.setdefault(key, value)
    api = ConsultApi(app, spec_kwargs={"extra_plugins": [OperationIds()]})
    resources = (territories_blp, consultations_blp, consultations_write_blp, proposals_blp, votes_blp, comments_blp,
                 moderation_blp, results_blp, me_blp)
    for blp in resources:
        limit_blueprint(blp)
        csrf.exempt(blp)  # the API reads no session cookie: tokens only
        api.register_blueprint(blp)
    names = {blp.name for blp in resources}
    accept_json(app, names)  # their JSON bodies, and theirs only, are read (core.guards)

    @app.before_request
    def _authenticate():
        if request.blueprint in names:
            authenticate()
            if is_write_request():
                require_write()  # who may write is said before what was written is checked
                check_json_body()

    @app.after_request
    def _api_headers(response):
        if request.blueprint in names or is_api():
            # the answer depends on the language asked for and on the token
            response.vary.update(("Accept-Language", "Authorization"))
            if request.method in ("GET", "HEAD"):
                # open data, readable from another site's pages (the API reads no cookie:
                # nothing personal can be read this way without the person's token)
                response.headers["Access-Control-Allow-Origin"] = "*"
                # the documentation's page is a page of the site (with the person's menu), not data
                if response.status_code == 200 and response.mimetype != "text/html":
                    return _cacheable(response)
        return response

    app.extensions["consult_api"] = api
    return api
