"""Property-based run over the OpenAPI document: no 5xx, no response contradicting the spec.

Every operation of /api/v1/openapi.json is exercised with generated requests (with a
resident's write token) against the application in-process. Business rules beyond the
schema (a category of this consultation, both coordinates or none, the phase...) may refuse
schema-valid data with a documented 4xx, so the "positive data acceptance" check is left out.
"""
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from consult.api.auth import create_token
from consult.extensions import db

SETTINGS = settings(max_examples=25, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _seed(make):
    territory = make.territory(slug="demo")
    consultation = make.consultation(territory, phase="proposals")
    make.category(consultation)
    proposal = make.proposal(consultation)
    make.comment(proposal)
    make.member(make.user(), territory, "moderator")
    _token, raw = create_token(make.user(), "schemathesis", "write")
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_api_never_fails_and_follows_its_spec(app, make):
    headers = _seed(make)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:
        @given(case=operation.as_strategy())
        @SETTINGS
        def check(case):
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
            db.session.rollback()

        check()
