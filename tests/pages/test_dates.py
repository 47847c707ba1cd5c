"""Dates as pages write them: in the reader's language and the platform's time zone, each
written once per process (kept by date, language and time zone)."""
from datetime import datetime

from flask_babel import force_locale

from consult import create_app

from consult.i18n import datetime_text

WHEN = datetime(2026, 12, 1, 15, 40)  # stored in UTC


def test_the_same_date_is_written_in_each_language_and_time_zone(app):
    with app.test_request_context("/"):
        with force_locale("fr"):
            assert datetime_text(WHEN) == "1er déc. 2026 à 16:40"
        with force_locale("en"):
            assert datetime_text(WHEN) == "Dec 1, 2026 at 4:40\u202fPM"
        with force_locale("fr"):
            assert datetime_text(WHEN) == "1er déc. 2026 à 16:40"
    reunion = create_app({**app.config, "BABEL_DEFAULT_TIMEZONE": "Indian/Reunion"})
    with reunion.test_request_context("/"), force_locale("fr"):
        assert datetime_text(WHEN) == "1er déc. 2026 à 19:40"
