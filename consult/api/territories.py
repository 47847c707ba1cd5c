"""GET /territories, GET /territories/{slug}."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from ..extensions import db
from ..territories.access import territory_at
from ..territories.models import Territory
from .common import PageArgs, page_of, paginate
from .schema import Schema

blp = Blueprint("Territories", __name__, url_prefix="/api/v1/territories",
                description="Territories: communes, intercommunalités, départements, régions.")


class TerritorySchema(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    insee_code = fields.String(allow_none=True)
    description = fields.String(metadata={"description": "In French (Markdown)."})
    description_en = fields.String(metadata={"description": "In English (Markdown); empty when there is none."})
    accent_color = fields.String()


TerritoryPage = page_of(TerritorySchema, "TerritoryPage")


def serialize(t):
    return {"slug": t.slug, "name": t.name, "kind": t.kind, "insee_code": t.insee_code,
            "description": t.description or "", "description_en": t.description_en or "",
            "accent_color": t.accent_color}


@blp.route("")
class Territories(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, TerritoryPage)
    def get(self, args):
        """List the territories, by name."""
        return paginate(db.select(Territory).order_by(Territory.folded_name, Territory.id), args, serialize)


@blp.route("/<slug>")
class TerritoryItem(MethodView):
    @blp.response(200, TerritorySchema)
    def get(self, slug):
        """One territory."""
        return serialize(territory_at(slug))
