"""A report sent after the moderator opened an item is never closed unread: a decision taken from a
page that did not show it is refused, the page shows the item again with the new report pointed
out, and the moderator decides again knowingly. Nobody who reported is told "no breach" by a
moderator who never read their report."""
import re

from consult.extensions import db
from consult.moderation.models import ModerationAction, Report
from consult.notifications.models import Notification

from .test_team_notices import report

THREAT = "Il menace mon voisin dans les commentaires."
NEW = "New since you opened the page"


def stamps(html, action=None):
    """What a decision form of the page says it showed (the quick decision `action`'s on the queue)."""
    if action is not None:
        html = html.split(f'name="action" value="{action}"', 1)[1]
    return {name: re.search(rf'name="{name}"[^>]*value="(\d+)"', html).group(1) for name in ("seen", "seen_report")}


def decide(client, world, action, shown, headers=None, **data):
    form = {"target_type": "proposal", "target_id": world.proposal.id, "action": action, **shown, **data}
    return client.post("/moderation/act", data=form, headers=headers or {})


def reported_twice_meanwhile(world, as_user, client, page="item"):
    """Ana reports the proposal as spam; the moderator opens its `page` (the item's, or the queue);
    then Ben reports it for harassment. Returns the page's html."""
    ana, ben = world.residents[:2]
    as_user(ana)
    assert report(client, "proposal", world.proposal.id).status_code == 302
    as_user(world.moderator)
    html = client.get(f"/moderation/item/proposal/{world.proposal.id}" if page == "item" else "/moderation/").text
    as_user(ben)
    assert report(client, "proposal", world.proposal.id, reason="harassment", details=THREAT).status_code == 302
    as_user(world.moderator)
    return html


def open_reports(world):
    return db.session.scalars(db.select(Report.reason).where(Report.target_id == world.proposal.id,
                                                             Report.status == "open").order_by(Report.id)).all()


def told(person):
    return db.session.scalars(db.select(Notification).where(Notification.user_id == person.id,
                                                            Notification.kind == "report_outcome")).all()


def new_reports(html):
    """The reports the page points out as sent since, as the moderator reads them."""
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split())
            for item in re.findall(r'<li class="report-new">(.*?)</li>', html, re.S)]


def test_a_dismissal_from_a_page_that_did_not_show_a_new_report_is_refused_then_taken_knowingly(world, as_user,
                                                                                                  client):
    shown = stamps(reported_twice_meanwhile(world, as_user, client))
    refused = decide(client, world, "dismiss", shown)
    assert refused.status_code == 409
    assert ("A new report was sent on this item after you opened it (Insult or harassment). Your decision was not "
            "recorded: read the report, then decide again if needed.") in refused.text
    [pointed_out] = new_reports(refused.text)
    assert pointed_out.startswith(f"{NEW} Insult or harassment — {THREAT}")
    assert refused.text.count(NEW) == 1  # the spam report, which she had read, is not pointed out
    assert open_reports(world) == ["spam", "harassment"]
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0
    assert told(world.residents[0]) == [] and told(world.residents[1]) == []

    # she read it, and still finds no breach: decided from the page that showed it
    assert decide(client, world, "dismiss", stamps(refused.text)).status_code == 302
    assert open_reports(world) == []
    assert len(told(world.residents[0])) == 1 and len(told(world.residents[1])) == 1


def test_what_the_moderator_wrote_is_kept_when_a_report_came_meanwhile(world, as_user, client):
    shown = stamps(reported_twice_meanwhile(world, as_user, client))
    refused = decide(client, world, "warn", shown, explanation="Merci de modérer vos propos.")
    assert refused.status_code == 409
    assert "Merci de modérer vos propos.</textarea>" in refused.text
    assert new_reports(refused.text)[0].startswith(f"{NEW} Insult or harassment")
    hidden = decide(client, world, "hide", stamps(refused.text), rule="harassment", explanation="Menaces.")
    assert hidden.status_code == 302
    assert open_reports(world) == []


def test_a_dismissal_from_a_queue_read_before_a_new_report_is_refused(world, as_user, client):
    queue = reported_twice_meanwhile(world, as_user, client, page="queue")
    refused = decide(client, world, "dismiss", stamps(queue, "dismiss"), next="/moderation/")
    assert refused.status_code == 409
    assert "A new report was sent on this item after you opened it (Insult or harassment)." in refused.text
    assert new_reports(refused.text)[0].startswith(f"{NEW} Insult or harassment — {THREAT}")
    assert 'href="/moderation/">Back to the queue</a>' in refused.text
    assert open_reports(world) == ["spam", "harassment"]


def test_two_new_reports_are_counted_and_a_page_that_showed_them_all_decides(world, as_user, client):
    world.territory.report_threshold = 5  # three reports do not hide it
    db.session.commit()
    shown = stamps(reported_twice_meanwhile(world, as_user, client))
    as_user(world.residents[2])
    assert report(client, "proposal", world.proposal.id, reason="harassment").status_code == 302
    as_user(world.moderator)
    refused = decide(client, world, "dismiss", shown)
    assert ("2 new reports were sent on this item after you opened it (Insult or harassment). Your decision was not "
            "recorded: read the reports, then decide again if needed.") in refused.text
    assert len(new_reports(refused.text)) == 2
    queue = client.get("/moderation/").text  # the queue shows all three: its decisions have seen them
    assert decide(client, world, "dismiss", stamps(queue, "dismiss")).status_code == 302


def test_the_refusal_is_in_french_on_the_french_page(world, as_user, client):
    shown = stamps(reported_twice_meanwhile(world, as_user, client))
    refused = decide(client, world, "dismiss", shown, headers={"Accept-Language": "fr"})
    assert refused.status_code == 409
    text = refused.text.replace("&nbsp;", "\u00a0")
    assert ("Un nouveau signalement a été envoyé sur cet élément après que vous l’avez ouvert (Insulte ou "
            "harcèlement). Votre décision n’a pas été enregistrée\u00a0: lisez ce signalement, puis décidez à "
            "nouveau si besoin.") in text
    assert "Nouveau depuis que vous avez ouvert la page" in text
    assert NEW not in text and "A new report was sent" not in text


def test_a_decision_that_does_not_say_which_reports_its_page_showed_is_taken_as_one_that_showed_none(
        world, as_user, client):
    """A form that names no report (one edited, or sent by a script) closes none unread: the page
    shows the item with its open reports pointed out, and the moderator decides knowingly."""
    ana = world.residents[0]
    as_user(ana)
    assert report(client, "proposal", world.proposal.id, details=THREAT).status_code == 302
    as_user(world.moderator)
    refused = decide(client, world, "dismiss", {"seen": "0"})
    assert refused.status_code == 409
    assert ("A new report was sent on this item after you opened it (Spam). Your decision was not recorded: read "
            "the report, then decide again if needed.") in refused.text
    [pointed_out] = new_reports(refused.text)
    assert pointed_out.startswith(f"{NEW} Spam — {THREAT}")
    assert open_reports(world) == ["spam"] and told(ana) == []
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0

    assert decide(client, world, "dismiss", stamps(refused.text)).status_code == 302
    assert open_reports(world) == [] and len(told(ana)) == 1
