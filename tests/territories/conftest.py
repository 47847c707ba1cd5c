import pytest


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch):
    """Nobody signs in with a password in these tests: hash them cheaply to keep the suite fast."""
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr("consult.auth.models.generate_password_hash",
                        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"))
