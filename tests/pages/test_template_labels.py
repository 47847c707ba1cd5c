"""Templates translate their labels with the catalogue of the language being written, found
once per request and language (i18n.template_translations)."""
from flask import render_template_string
from flask_babel import force_locale, refresh

LABELS = "{{ _('Debate') }} / {{ ngettext('%(num)s comment', '%(num)s comments', 2) }}"


def test_a_page_writes_its_labels_in_the_language_being_written(app):
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        assert render_template_string(LABELS) == "Débat / 2 commentaires"
        with force_locale("en"):  # a mail to someone who reads English, sent during a French request
            assert render_template_string(LABELS) == "Debate / 2 comments"
        assert render_template_string(LABELS) == "Débat / 2 commentaires"


def test_a_language_chosen_during_the_request_is_written_at_once(app):
    from flask_login import login_user

    from tests.factories import Factory

    person = Factory().user(locale="fr")
    with app.test_request_context("/"):
        login_user(person)
        assert render_template_string(LABELS) == "Débat / 2 commentaires"
        person.locale = "en"  # the language switch, for a signed-in person
        refresh()
        assert render_template_string(LABELS) == "Debate / 2 comments"


def test_outside_a_request_labels_are_in_the_default_language(app):
    with app.app_context():
        assert render_template_string("{{ _('Debate') }}") == "Débat"
