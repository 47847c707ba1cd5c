"""Shared API pieces: pagination arguments and envelopes, and the error schema."""
from marshmallow import fields, validate

from ..core.pagination import page_count
from ..database import count_rows
from ..extensions import db
from .schema import Schema


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


def page_of(item_schema, name):
    """The list envelope: {"items": [...], "page", "per_page", "total", "pages"}."""
    return type(name, (Schema,), {
        "items": fields.List(fields.Nested(item_schema), required=True),
        "page": fields.Integer(required=True),
        "per_page": fields.Integer(required=True),
        "total": fields.Integer(required=True),
        "pages": fields.Integer(required=True, metadata={"description": "number of pages (at least 1)"}),
    })


def envelope(items, args, total):
    """One page of a list, with what a client needs to walk the others."""
    per_page = args["per_page"]
    return {"items": items, "page": args["page"], "per_page": per_page, "total": total,
            "pages": page_count(total, per_page)}


def paginate(stmt, args, serialize):
    page, per_page = args["page"], args["per_page"]
    total = count_rows(stmt)
    rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return envelope([serialize(r) for r in rows], args, total)


class ApiErrorBody(Schema):
    code = fields.Integer(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(data_key="fields", required=True)


class ApiError(Schema):
    """Every error: {"error": {"code", "message", "fields"}}, message in the request's language."""

    error = fields.Nested(ApiErrorBody, required=True)


def iso(dt):
    return dt.isoformat() + "Z" if dt else None


def _messages(value):
    if isinstance(value, dict):
        return {key: _messages(inner) for key, inner in value.items()}
    return [str(m) for m in (value if isinstance(value, list) else [value])]


def invalid(fields, message=None):
    """422 with messages by field (nested like the request: {"title": {"en": [...]}}), in the
    same shape as schema validation errors."""
    from werkzeug.exceptions import UnprocessableEntity

    err = UnprocessableEntity(description=str(message) if message else None)
    err.data = {"messages": {"json": _messages(fields)}}
    err.consult_message = bool(message)
    raise err
