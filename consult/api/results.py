"""GET /consultations/{id}/results: the open-data document of a consultation's results."""
import hashlib
import json

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from ..votes import opendata
from .consultations import get_visible
from .schema import Schema

blp = Blueprint("Results", __name__, url_prefix="/api/v1/consultations",
                description="Results and open data (Licence Ouverte / Etalab 2.0).")


class ResultsSchema(Schema):
    licence = fields.String(required=True)
    licence_url = fields.String(required=True)
    generated_at = fields.String(required=True)
    consultation = fields.Dict(required=True)
    totals = fields.Dict(required=True)
    dictionary = fields.Dict(required=True, metadata={"description": "meaning of each proposal field"})
    proposals = fields.List(fields.Dict(), required=True,
                            metadata={"description": "ranked; authors by display name only"})


@blp.route("/<int:consultation_id>/results")
class Results(MethodView):
    @blp.response(200, ResultsSchema)
    def get(self, consultation_id):
        """Ranking, vote totals and official answers, without personal data."""
        document = opendata.document(get_visible(consultation_id))
        return document, 200, {"ETag": _etag(document)}


def _etag(document):
    """Of the results themselves, not of the moment they were read: a client revalidating them
    gets 304 for as long as they do not change."""
    results = {key: value for key, value in document.items() if key != "generated_at"}
    return '"%s"' % hashlib.sha256(json.dumps(results, sort_keys=True, default=str).encode()).hexdigest()[:32]
