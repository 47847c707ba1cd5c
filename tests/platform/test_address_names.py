"""The address names of the platform pages and of the territories follow one set of rules
(consult.core.slugs): each kind has its own longest length, reserved words and owner."""
import pytest
from flask_babel import force_locale

from consult.pages.services import ADDRESS_NAMES as PAGES
from consult.territories.forms import ADDRESS_NAMES as TERRITORIES


@pytest.mark.parametrize("names, longest", [(PAGES, 40), (TERRITORIES, 80)])
@pytest.mark.parametrize("slug, fault", [
    ("x", "length"), ("", "length"), ("Legal", "shape"), ("a--b", "shape"), ("-a", "shape"), ("légal", "shape"),
    ("new", "reserved"), ("ok", None), ("legal-notice-2", None),
])
def test_the_same_rules_for_pages_and_territories(app, names, longest, slug, fault):
    assert names.malformed(slug) == fault
    assert names.malformed("a" * longest) is None and names.malformed("a" * (longest + 1)) == "length"


def test_each_kind_has_its_own_reserved_words(app):
    assert TERRITORIES.malformed("admin") == "reserved" and PAGES.malformed("admin") is None


def test_an_address_name_in_use_is_taken_except_for_its_owner(app, make):
    make.territory(slug="lyon")
    assert TERRITORIES.problem("lyon") == "taken"
    assert TERRITORIES.problem("lyon", own="lyon") is None
    assert TERRITORIES.problem("paris", own="lyon") is None
    assert PAGES.problem("lyon") is None


def test_messages_say_each_kind_s_longest_length(app):
    with app.test_request_context(), force_locale("en"):
        assert str(TERRITORIES.message("length")) == "The address name must have 2 to 80 characters."
        assert str(PAGES.message("length")) == "The address name must have 2 to 40 characters."
        assert str(PAGES.message("taken")).startswith("A page already uses this address name")
