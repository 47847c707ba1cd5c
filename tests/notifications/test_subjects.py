"""Mail subjects: a long title is shortened after a whole word, the sentence around it kept whole."""
import pytest
from flask_babel import force_locale

from consult.notifications.models import Notification
from consult.notifications.texts import SUBJECT_LENGTH, shorten, subject

LONG_TITLE = ("Réaménager entièrement la place de la Mairie avec des arbres, des bancs, une fontaine "
              "et un kiosque à musique pour les concerts de l'été")


def rejected(title):
    return Notification(kind="moderation_decision", payload={
        "action": "reject", "target_type": "proposal", "title": title, "rule": "off_topic",
        "explanation": "Hors sujet."})


def test_a_long_title_is_cut_after_a_word_and_the_sentence_stays_whole(app):
    with force_locale("en"):
        text = subject(rejected(LONG_TITLE))
    assert text.startswith("The moderators rejected your proposal “Réaménager entièrement la place")
    assert text.endswith("…”: it will not be published.")
    title = text[text.index("“") + 1:text.index("”")]
    assert LONG_TITLE.startswith(title[:-1]) and LONG_TITLE[len(title) - 1] == " "  # a whole word ends it
    assert len(text) <= SUBJECT_LENGTH


def test_a_short_title_and_the_explanation_are_left_as_they_are(app):
    with force_locale("en"):
        assert subject(rejected("Des bancs")) == (
            "The moderators rejected your proposal “Des bancs”: it will not be published.")


def test_a_consultation_title_is_shortened_in_the_reader_language(app):
    notice = Notification(kind="new_consultation", payload={
        "territory_name": "Villeneuve", "consultation_title": {"fr": LONG_TITLE, "en": "Summer"}})
    with force_locale("fr"):
        text = subject(notice)
    assert "Villeneuve" in text and "Réaménager entièrement la place" in text and "…" in text
    assert "kiosque" not in text and len(text) <= SUBJECT_LENGTH
    with force_locale("en"):
        assert "Summer" in subject(notice) and "…" not in subject(notice)


@pytest.mark.parametrize("title, length, expected", [
    ("Des pistes cyclables sécurisées", 40, "Des pistes cyclables sécurisées"),
    ("Des pistes cyclables sécurisées vers les écoles", 27, "Des pistes cyclables…"),
    ("Des pistes cyclables, sécurisées vers les écoles", 31, "Des pistes cyclables…"),
    ("Des pistes cyclables sécurisées vers les écoles", 22, "Des pistes cyclables…"),
    ("Anticonstitutionnellementissime et la suite", 20, "Anticonstitutionnel…"),
])
def test_shorten(title, length, expected):
    assert shorten(title, length) == expected
