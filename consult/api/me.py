"""GET /me: the token's owner."""
from flask import abort, g
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields

from .. import permissions
from ..extensions import db
from ..territories.models import Membership, Territory
from .common import iso
from .schema import Schema

blp = Blueprint("Me", __name__, url_prefix="/api/v1/me", description="The person the token belongs to.")


class RoleSchema(Schema):
    territory = fields.String(required=True)
    role = fields.String(required=True)


class MeSchema(Schema):
    id = fields.Integer(required=True)
    display_name = fields.String(required=True)
    email = fields.String(required=True)
    locale = fields.String(allow_none=True)
    confirmed = fields.Boolean(required=True)
    platform_admin = fields.Boolean(required=True, metadata={"description": "false while the account is blocked"})
    roles = fields.List(fields.Nested(RoleSchema), metadata={
        "description": "staff roles in territories; none while the account is blocked (a block suspends them)"})
    token_scope = fields.String()
    created_at = fields.String()


@blp.route("")
class Me(MethodView):
    @blp.response(200, MeSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self):
        """Who am I? Needs a token."""
        user = current_user
        if not permissions.is_signed_in(user):
            abort(401)
        # The roles that act now, as the site sees them: a block suspends every one.
        roles = db.session.execute(
            db.select(Territory.slug, Membership.role).join(Membership.territory)
            .where(Membership.user_id == user.id).order_by(Territory.slug, Membership.role)
        ) if permissions.holds_roles(user) else ()
        return {"id": user.id, "display_name": user.display_name, "email": user.email, "locale": user.locale,
                "confirmed": user.is_confirmed, "platform_admin": permissions.is_platform_admin(user),
                "roles": [{"territory": slug, "role": role} for slug, role in roles],
                "token_scope": g.api_token.scope, "created_at": iso(user.created_at)}
