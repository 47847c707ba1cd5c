"""What the moderators, the author and the reporters write on several lines (a statement of
reasons, an appeal and its outcome, a report's details) is shown on those lines, wherever it is
shown, and in the HTML part of the mails: not as one run-on paragraph."""
import re

from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction
from consult.notifications.models import OutgoingMail

from .test_bad_input import hide, send_appeal

DETAILS = "Il insulte un voisin.\nIl donne son adresse."
EXPLANATION = "Premier point : une insulte.\nSecond point : une adresse."
MESSAGE = "Je conteste.\nVoici pourquoi."
DECISION_TEXT = "Vu votre recours.\nLa décision est annulée."


# Text, and the spans marking a title's language inside it.
INLINE = r'(?:[^<]|<span lang="\w+">|</span>)*'


def as_written(html):
    """The texts of the elements that keep their line breaks (the class as-written)."""
    return [text for _tag, text in re.findall(r'<(\w+) class="[^"]*\bas-written\b[^"]*">(' + INLINE + r')</\1>', html)]


def shown_as_written(html, text):
    return any(text in shown for shown in as_written(html))


def mails_to(user):
    return db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == user.email)
                              .order_by(OutgoingMail.id)).all()


def kept_in_mail(mail, text):
    """The HTML part shows `text` on its lines (the element holding it keeps them), as the text part does."""
    return text in mail.text_body and re.search(
        r'<p style="[^"]*white-space:pre-line[^"]*">' + INLINE + re.escape(text), mail.html_body) is not None


def test_the_lines_written_are_kept_wherever_they_are_shown(world, as_user, client):
    p = world.proposal
    as_user(world.residents[0])
    client.post(f"/moderation/report/proposal/{p.id}", data={"reason": "harassment", "details": DETAILS})
    as_user(world.moderator)
    assert shown_as_written(client.get("/moderation/").get_data(as_text=True), DETAILS)
    assert shown_as_written(client.get(f"/moderation/item/proposal/{p.id}").get_data(as_text=True), DETAILS)
    assert hide(client, p, explanation=EXPLANATION).status_code == 302
    assert shown_as_written(client.get(f"/moderation/item/proposal/{p.id}").get_data(as_text=True), EXPLANATION)
    decision = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "hide"))

    # The author reads the statement of reasons on its lines, on the site and in the mail.
    as_user(world.alice)
    assert shown_as_written(client.get("/me/moderation").get_data(as_text=True), EXPLANATION)
    assert shown_as_written(client.get(f"/me/moderation/{decision.id}/appeal").get_data(as_text=True), EXPLANATION)
    assert shown_as_written(client.get("/me/notifications").get_data(as_text=True), EXPLANATION)
    assert kept_in_mail(mails_to(world.alice)[-1], EXPLANATION)
    assert send_appeal(client, decision, MESSAGE).status_code == 302

    # The territory admin reads the appeal, and the author the outcome, on their lines.
    as_user(world.admin)
    appeal = db.session.scalar(db.select(Appeal))
    assert shown_as_written(client.get("/moderation/appeals").get_data(as_text=True), MESSAGE)
    page = client.get(f"/moderation/appeals/{appeal.id}").get_data(as_text=True)
    assert shown_as_written(page, EXPLANATION) and shown_as_written(page, MESSAGE)
    assert client.post(f"/moderation/appeals/{appeal.id}",
                       data={"decision": "reversed", "decision_text": DECISION_TEXT}).status_code == 302
    assert shown_as_written(client.get(f"/moderation/appeals/{appeal.id}").get_data(as_text=True), DECISION_TEXT)
    assert shown_as_written(client.get("/moderation/log").get_data(as_text=True), EXPLANATION)
    as_user(world.alice)
    assert shown_as_written(client.get("/me/moderation").get_data(as_text=True), DECISION_TEXT)
    assert kept_in_mail(mails_to(world.alice)[-1], DECISION_TEXT)


def test_the_class_keeps_the_lines(client):
    response = client.get("/static/css/consult.css")
    stylesheet = response.text
    response.close()
    assert re.search(r"\.as-written \{ white-space: pre-line; overflow-wrap: anywhere; \}", stylesheet)
