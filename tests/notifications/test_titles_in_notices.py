"""A notice quoting a title written in another language than the reader's marks it with its
language, in the notification centre and in the HTML of its mail: screen readers read the title
with its own voice, the sentence around it with the reader's."""
from datetime import timedelta

from consult.database import utcnow
from consult.extensions import db
from consult.mail.delivery import deliver_pending
from consult.moderation.models import ModerationAction
from consult.notifications import events
from consult.notifications.digests import send_digests
from consult.notifications.models import Notification
from consult.notifications.services import follow, set_preference

from ..helpers import html_part
from .conftest import text_part

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
FRENCH = '<span lang="fr">Des pistes cyclables sécurisées</span>'


def _reply(make, reader, title="Des pistes cyclables sécurisées", language="fr", replier=None):
    """A reply to `reader`'s comment on a proposal written in `language`: the reader is told."""
    proposal = make.proposal(title=title, language=language)
    parent = make.comment(proposal, reader)
    events.comment_posted(make.comment(proposal, replier or make.user(name="Camille"), parent=parent))
    db.session.commit()
    return proposal


def test_the_centre_names_a_french_proposal_in_french_on_the_english_page(client, make, login):
    reader = login(make.user())
    _reply(make, reader)
    page = client.get("/me/notifications", headers=EN).text
    assert f'<p class="notification-text as-written">Camille replied to your comment on “{FRENCH}”.</p>' in page
    assert f'<span class="visually-hidden">: Camille replied to your comment on “{FRENCH}”.</span>' in page
    french = client.get("/me/notifications", headers=FR).text
    assert "a répondu à votre commentaire sur" in french and "<span lang" not in french


def test_the_centre_marks_an_english_title_on_the_french_page(client, make, login):
    reader = login(make.user())
    _reply(make, reader, title="Safe cycle lanes to the schools", language="en")
    page = client.get("/me/notifications", headers=FR).text
    assert '«\u00a0<span lang="en">Safe cycle lanes to the schools</span>\u00a0»' in page


def test_a_consultation_without_english_title_is_marked_french_in_the_centre(client, make, login):
    reader = login(make.user())
    territory = make.territory(name="Villeneuve")
    follow(reader.id, "territory", territory.id)
    events.consultation_published(make.consultation(territory, title={"fr": "Budget participatif"}))
    db.session.commit()
    assert 'New consultation in Villeneuve: “<span lang="fr">Budget participatif</span>”.' in client.get(
        "/me/notifications", headers=EN).text


def test_a_notice_made_before_it_kept_the_language_reads_it_from_its_proposal(client, make, login):
    reader = login(make.user())
    proposal = _reply(make, reader)
    notice = db.session.scalar(db.select(Notification).where(Notification.user_id == reader.id))
    notice.payload = {key: value for key, value in notice.payload.items() if key != "title_language"}
    db.session.commit()
    assert proposal.language == "fr"
    assert f"on “{FRENCH}”." in client.get("/me/notifications", headers=EN).text


def test_the_sentence_around_the_title_stays_escaped(client, make, login):
    reader = login(make.user())
    _reply(make, reader, replier=make.user(name="<b>Camille</b>"))
    page = client.get("/me/notifications", headers=EN).text
    assert f"&lt;b&gt;Camille&lt;/b&gt; replied to your comment on “{FRENCH}”." in page


def test_the_html_of_a_mail_marks_the_title_its_text_and_subject_do_not(app, make, smtp):
    reader = make.user(email="reader@example.org", locale="en")
    _reply(make, reader)
    deliver_pending()
    [message] = smtp.to("reader@example.org")
    assert "Camille replied to your comment on “Des pistes cyclables sécurisées”" in message["Subject"]
    assert "Camille replied to your comment on “Des pistes cyclables sécurisées”." in text_part(message)
    html = html_part(message)
    assert f"Camille replied to your comment on “{FRENCH}”.</p>" in html
    assert "<title>Camille replied to your comment on “Des pistes cyclables sécurisées”.</title>" in html


def test_the_html_of_a_digest_marks_the_titles(app, make, smtp):
    reader = make.user(email="daily@example.org", locale="en")
    set_preference(reader, "comment_reply", "daily")
    _reply(make, reader)
    assert send_digests(now=utcnow() + timedelta(days=1)) == 1
    deliver_pending()
    [message] = smtp.to("daily@example.org")
    assert f"Camille replied to your comment on “{FRENCH}”.<br>" in html_part(message)
    assert "<span lang" not in text_part(message)


def test_a_moderation_notice_names_the_proposal_in_its_language(client, make, login):
    author = login(make.user())
    proposal = make.proposal(author=author)
    action = ModerationAction(territory_id=proposal.consultation.territory_id, moderator_id=make.user().id,
                              target_type="proposal", target_id=proposal.id, subject_user_id=author.id,
                              action="warn", explanation="Restez courtois.")
    db.session.add(action)
    db.session.flush()
    events.moderation_decision(action)
    db.session.commit()
    page = client.get("/me/notifications", headers=EN).text
    assert f"The moderators sent you a warning about your proposal “{FRENCH}”." in page
