"""Numbers as pages write them, in the reader's language, however long."""
from flask_babel import force_locale

from consult.core.templating import number


def test_a_number_is_written_whole_in_each_language(app):
    with app.test_request_context("/"):
        with force_locale("fr"):
            assert number(12345) == "12\u202f345"
            assert number(10**30) == "1" + "\u202f000" * 10  # past the 28 digits of the decimal context
        with force_locale("en"):
            assert number(-(10**30)) == "-1" + ",000" * 10
            assert number(999) == "999"
