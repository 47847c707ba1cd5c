import pytest

from consult.api.auth import create_token
from consult.extensions import db


@pytest.fixture
def token_for():
    """token_for(user, scope='write') → headers with a fresh personal token."""
    def _make(user, scope="write"):
        _token, raw = create_token(user, "tests", scope)
        db.session.commit()
        return {"Authorization": f"Bearer {raw}"}
    return _make
