"""The account pages are checked in English (French is the default: see the lang tests)."""
import pytest


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
