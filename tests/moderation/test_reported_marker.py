"""Who is offered to report a proposal or a comment, and the reporter sees that they did."""
import html
import re

import pytest

from consult.extensions import db
from consult.moderation.models import Report


def _report(reporter, target_type, target, territory_id):
    db.session.add(Report(territory_id=territory_id, reporter_id=reporter.id, target_type=target_type,
                          target_id=target.id, reason="spam"))
    db.session.commit()


def test_proposal_page_says_you_reported_this(client, make, login):
    proposal = make.proposal(make.consultation(make.territory(report_threshold=5)))
    reporter = login(make.user())
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert f"/moderation/report/proposal/{proposal.id}" in page
    _report(reporter, "proposal", proposal, proposal.consultation.territory_id)
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "You reported this" in page
    assert f"/moderation/report/proposal/{proposal.id}" not in page


def test_a_comment_reported_says_so_in_the_thread(client, make, login):
    proposal = make.proposal(make.consultation(make.territory(report_threshold=5)))
    first, second = make.comment(proposal), make.comment(proposal)
    reporter = login(make.user())
    _report(reporter, "comment", first, proposal.consultation.territory_id)
    page = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("You reported this") == 1
    assert f"/moderation/report/comment/{first.id}" not in page
    assert f'/moderation/report/comment/{second.id}?next=/proposals/{proposal.id}%23comment-{second.id}"' in page


@pytest.mark.parametrize("viewer, offered", [
    ("visitor", False), ("author", False), ("unconfirmed", False), ("blocked", False), ("resident", True)])
def test_who_is_offered_the_report_links(client, make, login, viewer, offered):
    author = make.user()
    proposal = make.proposal(author=author)
    comment = make.comment(proposal, author=author)
    people = {"author": author, "resident": make.user(), "unconfirmed": make.user(confirmed=False),
              "blocked": make.user(blocked_for_good=True)}
    if viewer in people:
        login(people[viewer])
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert (f"/moderation/report/proposal/{proposal.id}" in page) is offered
    assert (f"/moderation/report/comment/{comment.id}" in page) is offered


def test_a_withdrawn_proposal_may_still_be_reported_but_not_a_comment_awaiting_moderation(client, make, login):
    proposal = make.proposal(status="withdrawn")
    pending = make.comment(make.proposal(proposal.consultation), status="pending", body="Texte en attente")
    login(make.member(make.user(), proposal.consultation.territory, "moderator"))
    assert f"/moderation/report/proposal/{proposal.id}" in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    page = client.get(f"/proposals/{pending.proposal_id}").get_data(as_text=True)
    assert "Texte en attente" in page  # the moderators see it, to review it
    assert f"/moderation/report/comment/{pending.id}" not in page


def test_a_proposals_author_may_be_reported_from_its_page(client, make, login):
    author = make.user(name="Nom Injurieux")
    proposal = make.proposal(author=author)
    territory = proposal.consultation.territory
    link = f"/moderation/report/user/{author.id}?territory={territory.slug}"
    assert link not in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)  # a visitor
    login(author)
    assert link not in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)  # oneself
    reporter = login(make.user())
    page = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Report the author of this proposal" in page and link in page
    form = client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Report this person" in form and "Nom Injurieux" in form
    response = client.post(link, data={"reason": "harassment", "next": f"/proposals/{proposal.id}"})
    assert response.status_code == 302
    report = db.session.scalar(db.select(Report).where(Report.reporter_id == reporter.id))
    assert (report.target_type, report.target_id, report.territory_id) == ("user", author.id, territory.id)


def test_a_deleted_account_is_neither_offered_nor_taken_for_a_report(client, make, login):
    from consult.account.erasure import delete_account
    from consult.database import utcnow

    author = make.user()
    proposal = make.proposal(author=author)
    delete_account(author, utcnow())
    db.session.commit()
    login(make.user())
    link = f"/moderation/report/user/{author.id}?territory={proposal.consultation.territory.slug}"
    assert link not in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert client.get(link).status_code == 404
    assert client.post(link, data={"reason": "harassment"}).status_code == 404


def test_a_comments_author_may_be_reported_from_the_comments_report_page(client, make, login):
    author = make.user(name="Pseudo Injurieux")
    proposal = make.proposal()
    comment = make.comment(proposal, author=author)
    territory = proposal.consultation.territory
    link = f"/moderation/report/user/{author.id}?territory={territory.slug}"
    reporter = login(make.user())
    page = client.get(f"/moderation/report/comment/{comment.id}?next=/proposals/{proposal.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Is it the person rather than this comment?" in page
    assert "Report the author of this comment" in page and link in page
    form = client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Report this person" in form and "Pseudo Injurieux" in form
    assert client.post(link, data={"reason": "harassment"}).status_code == 302
    report = db.session.scalar(db.select(Report).where(Report.reporter_id == reporter.id))
    assert (report.target_type, report.target_id, report.territory_id) == ("user", author.id, territory.id)


def test_after_reporting_a_comment_the_reporter_lands_at_it_and_reads_the_confirmation_there(client, make, login):
    """Not at the top of the proposal's page, far above the comment, with the message out of sight."""
    proposal = make.proposal(make.consultation(make.territory(name="Villeneuve", report_threshold=5)))
    comments = [make.comment(proposal) for _ in range(3)]
    login(make.user())
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    link = re.search(rf'href="(/moderation/report/comment/{comments[1].id}[^"]*)"', page).group(1)
    form = client.get(html.unescape(link)).get_data(as_text=True)
    back = html.unescape(re.search(r'name="next" value="([^"]*)"', form).group(1))
    response = client.post(html.unescape(link), data={"reason": "spam", "next": back})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/proposals/{proposal.id}#comment-{comments[1].id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    confirmation = "Your report was sent to the moderators of Villeneuve"
    assert page.count(confirmation) == 1
    at_comment = page.index(f'id="comment-{comments[1].id}"')
    assert at_comment < page.index(confirmation) < page.index(f'id="comment-{comments[2].id}"')


def test_a_comment_reported_with_no_page_to_come_back_to_is_found_in_its_debate(client, make, login):
    proposal = make.proposal(make.consultation(make.territory(report_threshold=5)))
    comment = make.comment(proposal)
    login(make.user())
    response = client.post(f"/moderation/report/comment/{comment.id}", data={"reason": "spam"})
    assert response.headers["Location"] == f"/comments/{comment.id}#comment-{comment.id}"
    landing = client.get(response.headers["Location"])
    assert landing.headers["Location"] == f"/proposals/{proposal.id}#comment-{comment.id}"
    page = client.get(landing.headers["Location"]).get_data(as_text=True)
    assert page.index(f'id="comment-{comment.id}"') < page.index("Your report was sent")
