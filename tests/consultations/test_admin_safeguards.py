"""The back office keeps what residents already did: votes lock the vote settings, archiving or
returning to draft is confirmed with what is at stake, renaming a category keeps its proposals."""
import html as htmllib
import re
from types import SimpleNamespace

import pytest

from consult.consultations import categories, services
from consult.consultations.figures import EditFacts
from consult.consultations.models import Consultation
from consult.database import utcnow
from consult.extensions import db
from consult.proposals.models import Proposal
from consult.votes.services import cast_vote

from .conftest import form_data, local


def edit_url(c):
    return f"/admin/consultations/{c.id}/edit"


def status_url(c):
    return f"/admin/consultations/{c.id}/status"


def fresh(c):
    db.session.expire_all()
    return db.session.get(Consultation, c.id)


def text(html):
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def voted(make, territory):
    """A consultation in its vote phase (for/against, 5 votes each) where one person used 3
    votes (one against) and another 1."""
    c = make.consultation(territory, phase="vote", vote_mode="for_against", max_votes=5)
    proposals = [make.proposal(c, title=f"Proposition {i}") for i in range(3)]
    first, second = make.user(), make.user()
    for proposal, value in zip(proposals, (1, -1, 0)):
        cast_vote(first, proposal, value, utcnow())
    cast_vote(second, proposals[0], 1, utcnow())
    db.session.commit()
    return c


def vote_data(**overrides):
    """The edit form of a consultation whose vote opened two days ago: its timeline kept."""
    timeline = dict(information_start=local(-30), information_end=local(-20), proposals_start=local(-20),
                    proposals_end=local(-2), vote_start=local(-2), vote_end=local(5), results_start=local(6),
                    results_end=local(30))
    return form_data(**{**timeline, **overrides})


# --- the vote settings once votes are cast ------------------------------------------------

def test_the_vote_mode_is_shown_locked_once_votes_are_cast(client, login, territory_admin, voted):
    login(territory_admin)
    html = client.get(edit_url(voted)).get_data(as_text=True)
    radios = re.findall(r'<input[^>]*name="vote_mode"[^>]*>', html)
    assert len(radios) == 2 and all("disabled" in r for r in radios)
    assert '<p class="hint" id="vote_mode-hint">4 votes are already cast: the vote mode can no longer change.</p>' in html
    assert ("0 means no limit. A person has already used 3 votes: the limit may not go below that.") in html


def test_changing_the_vote_mode_during_the_vote_is_refused(client, login, territory_admin, voted):
    login(territory_admin)
    response = client.post(edit_url(voted), data=vote_data(vote_mode="support", title_fr="Nouveau titre"))
    assert response.status_code == 422
    assert ('<p class="field-error" id="vote_mode-error">Votes are already cast: the vote mode can no longer '
            'change.</p>') in response.get_data(as_text=True)
    c = fresh(voted)
    assert c.vote_mode == "for_against" and c.title["fr"] == "Budget participatif"


def test_the_locked_vote_mode_is_kept_when_the_browser_does_not_send_it(client, login, territory_admin, voted):
    login(territory_admin)
    data = vote_data(title_fr="Nouveau titre")
    del data["vote_mode"]  # a disabled field is not sent
    assert client.post(edit_url(voted), data=data).status_code == 302
    c = fresh(voted)
    assert c.vote_mode == "for_against" and c.title["fr"] == "Nouveau titre"
    assert client.post(edit_url(voted), data=vote_data(vote_mode="for_against")).status_code == 302


@pytest.mark.parametrize("limit, accepted", [("2", False), ("1", False), ("3", True), ("8", True), ("0", True)])
def test_the_vote_limit_may_not_go_below_the_votes_a_person_used(client, login, territory_admin, voted,
                                                                  limit, accepted):
    login(territory_admin)
    response = client.post(edit_url(voted), data=vote_data(vote_mode="for_against", max_votes=limit))
    if accepted:
        assert response.status_code == 302
        assert fresh(voted).max_votes == int(limit)
    else:
        assert response.status_code == 422
        assert ('<p class="field-error" id="max_votes-error">A person has already used 3 votes: give at least 3, '
                'or 0 for no limit.</p>') in response.get_data(as_text=True)
        assert fresh(voted).max_votes == 5


def test_the_vote_phase_may_not_be_removed_once_votes_are_cast(client, login, territory_admin, voted):
    login(territory_admin)
    response = client.post(edit_url(voted), data=vote_data(vote_mode="for_against", vote_start="", vote_end=""))
    assert response.status_code == 422
    assert "Votes are already cast: the vote phase can no longer be removed." in response.get_data(as_text=True)
    assert "vote" in [phase.kind for phase in fresh(voted).phases]


def test_the_vote_may_not_be_moved_after_the_votes_cast(client, login, territory_admin, voted):
    """Moved two days on, the vote would be "to come" with 4 votes counted; moved one day
    earlier, it still holds them."""
    login(territory_admin)
    later = client.post(edit_url(voted), data=vote_data(vote_mode="for_against", vote_start=local(2), vote_end=local(5)))
    assert later.status_code == 422
    assert "The first vote was cast on " in later.get_data(as_text=True)
    assert "this phase must start on that date or earlier." in later.get_data(as_text=True)
    assert fresh(voted).phases[2].starts_at < utcnow()
    earlier = client.post(edit_url(voted), data=vote_data(vote_mode="for_against", proposals_end=local(-3),
                                                            vote_start=local(-3)))
    assert earlier.status_code == 302


def test_the_vote_may_not_end_before_the_last_vote(client, login, territory_admin, voted):
    """Ended yesterday, it would count four votes cast after its close; ended tomorrow, early,
    it holds them."""
    login(territory_admin)
    before = client.post(edit_url(voted), data=vote_data(vote_mode="for_against", vote_end=local(-1),
                                                           results_start=local(-1)))
    assert before.status_code == 422
    page = text(before.get_data(as_text=True))
    assert "The last vote was cast on " in page and "this phase must end on that date or later." in page
    assert fresh(voted).phases[2].ends_at > utcnow()
    sooner = client.post(edit_url(voted), data=vote_data(vote_mode="for_against", vote_end=local(1), results_start=local(1)))
    assert sooner.status_code == 302


def test_supports_cast_during_the_proposals_phase_keep_it_open_to_them(client, login, make, territory,
                                                                        territory_admin):
    c = make.consultation(territory, phase="proposals", supports_during_proposals=True, max_votes=5)
    cast_vote(make.user(), make.proposal(c), 1, utcnow())
    db.session.commit()
    login(territory_admin)
    timeline = dict(information_start=local(-30), information_end=local(-20), proposals_start=local(-20),
                    proposals_end=local(5), vote_start=local(5), vote_end=local(10))
    response = client.post(edit_url(c), data=form_data(vote_mode="support", max_votes="5", **timeline))
    assert response.status_code == 422
    assert ("Supports were cast during the proposals phase: they can no longer be closed in it."
            in text(response.get_data(as_text=True)))
    assert fresh(c).supports_during_proposals is True


def test_supports_cast_during_the_proposals_phase_keep_the_phase(app, make, territory):
    """Removed, the supports counted would have been cast in no phase: the results would say the
    vote is to come, with supports counted."""
    c = make.consultation(territory, phase="proposals", supports_during_proposals=True, max_votes=5)
    cast_vote(make.user(), make.proposal(c), 1, utcnow())
    db.session.commit()
    phases = [{"kind": p.kind, "starts_at": p.starts_at, "ends_at": p.ends_at} for p in c.phases]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(services.InvalidValues) as refused:
            services.update_consultation(c, {"phases": [p for p in phases if p["kind"] != "proposals"]})
        assert refused.value.errors == {("phases", "proposals", "starts_at"): (
            "Supports were cast during the proposals phase: it can no longer be removed.")}
        services.update_consultation(c, {"phases": [p for p in phases if p["kind"] != "information"]})
    assert [p.kind for p in fresh(c).phases] == ["proposals", "vote", "results"]


def test_without_votes_the_vote_settings_may_change(client, login, make, territory, territory_admin):
    c = make.consultation(territory, phase="vote", vote_mode="for_against", max_votes=5)
    make.proposal(c)
    login(territory_admin)
    html = client.get(edit_url(c)).get_data(as_text=True)
    assert not any("disabled" in r for r in re.findall(r'<input[^>]*name="vote_mode"[^>]*>', html))
    assert client.post(edit_url(c), data=form_data(vote_mode="support", max_votes="1")).status_code == 302
    assert (fresh(c).vote_mode, fresh(c).max_votes) == ("support", 1)


def test_the_services_refuse_it_too_for_the_api(app, voted):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(services.InvalidValues) as refused:
            services.update_consultation(voted, {"vote_mode": "support", "max_votes": 2, "title": {"fr": "Autre"}})
    assert set(refused.value.errors) == {("vote_mode",), ("max_votes",)}
    assert fresh(voted).title["fr"] == "Budget participatif"


def test_edit_facts(voted):
    facts = EditFacts(voted.id)
    assert (facts.votes, facts.most_votes_used) == (4, 3)


# --- archiving and returning to draft, confirmed --------------------------------------------

@pytest.fixture
def live(make, territory):
    """A published consultation with 2 published proposals (and one pending), 3 votes, 2 published
    comments (and a hidden one)."""
    c = make.consultation(territory, phase="vote")
    first, second = make.proposal(c, title="Première"), make.proposal(c, title="Seconde")
    make.proposal(c, title="En attente", status="pending")
    voters = [make.user() for _ in range(2)]
    cast_vote(voters[0], first, 1, utcnow())
    cast_vote(voters[0], second, 1, utcnow())
    cast_vote(voters[1], first, 1, utcnow())
    db.session.commit()
    make.comment(first)
    make.comment(second)
    make.comment(second, status="hidden")
    return c


def test_back_to_draft_asks_for_confirmation_with_what_is_at_stake(client, login, territory_admin, live):
    login(territory_admin)
    response = client.post(status_url(live), data={"action": "draft", "back": "list"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text(html)
    assert "Put the consultation back to draft?" in page and "Participatory budget" in page
    assert "Residents who open them get “page not found”" in page
    assert "2 published proposals" in page and "3 votes" in page and "2 published comments" in page
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert '<input type="hidden" name="action" value="draft">' in html
    assert '<input type="hidden" name="back" value="list">' in html
    assert 'name="csrf_token"' in html
    assert '<a class="button button-secondary" href="/admin/territories/villeneuve/consultations">Cancel</a>' in html
    assert fresh(live).status == "published"  # nothing changed yet

    confirmed = client.post(status_url(live), data={"action": "draft", "back": "list", "confirm": "1"})
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"].endswith("/admin/territories/villeneuve/consultations")
    assert fresh(live).status == "draft"


def test_archiving_asks_for_confirmation_too(client, login, territory_admin, live):
    login(territory_admin)
    response = client.post(status_url(live), data={"action": "archive"})
    assert response.status_code == 200
    page = text(response.get_data(as_text=True))
    assert "Archive the consultation?" in page and "nobody can propose, comment or vote in it any more" in page
    assert "2 published proposals" in page
    assert f'href="{edit_url(live)}">Cancel</a>' in response.get_data(as_text=True)
    assert fresh(live).status == "published"
    assert client.post(status_url(live), data={"action": "archive", "confirm": "1"}).status_code == 303
    assert fresh(live).status == "archived"
    # archived → draft hides it again: confirmed too; publishing again is not
    assert client.post(status_url(live), data={"action": "draft"}).status_code == 200
    assert fresh(live).status == "archived"
    assert client.post(status_url(live), data={"action": "publish"}).status_code == 303
    assert fresh(live).status == "published"


def test_the_confirmation_page_posts_with_its_csrf_token(app, client, login, make, territory, territory_admin):
    app.config["WTF_CSRF_ENABLED"] = True
    c = make.consultation(territory)
    login(territory_admin)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(edit_url(c)).get_data(as_text=True))[1]
    page = client.post(status_url(c), data={"action": "archive", "csrf_token": token}).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    assert client.post(status_url(c), data={"action": "archive", "confirm": "1"}).status_code == 400
    assert fresh(c).status == "published"
    response = client.post(status_url(c), data={"action": "archive", "confirm": "1", "csrf_token": token})
    assert response.status_code == 303 and fresh(c).status == "archived"


# --- categories -------------------------------------------------------------------------------

@pytest.fixture
def categorised(make, territory):
    c = make.consultation(territory)
    lanes, parks = make.category(c, fr="Pistes", en="Lanes"), make.category(c, fr="Parcs", en="Parks")
    parks.position = 1
    for i in range(2):
        make.proposal(c, title=f"Piste {i}", category=lanes)
    db.session.commit()
    return c, lanes, parks


def proposal_categories(c):
    db.session.expire_all()
    return sorted(db.session.scalars(db.select(Proposal.category_id).where(Proposal.consultation_id == c.id)),
                  key=lambda i: i or 0)


def test_renaming_a_category_in_place_keeps_its_proposals(client, login, territory_admin, categorised):
    c, lanes, parks = categorised
    login(territory_admin)
    page = client.get(edit_url(c)).get_data(as_text=True)
    assert "To rename a category, change the text of its line without moving, adding or removing lines" in page
    response = client.post(edit_url(c), data=form_data(categories="Aménagements | Facilities\nParcs | Parks"))
    assert response.status_code == 302
    c = fresh(c)
    assert [(cat.id, cat.name) for cat in c.categories] == [
        (lanes.id, {"fr": "Aménagements", "en": "Facilities"}), (parks.id, {"fr": "Parcs", "en": "Parks"})]
    assert proposal_categories(c) == [lanes.id, lanes.id]


def test_moving_lines_keeps_every_category(client, login, territory_admin, categorised):
    c, lanes, parks = categorised
    login(territory_admin)
    assert client.post(edit_url(c), data=form_data(categories="Parcs | Parks\npistes | Lanes")).status_code == 302
    assert [cat.id for cat in fresh(c).categories] == [parks.id, lanes.id]
    assert proposal_categories(c) == [lanes.id, lanes.id]


@pytest.mark.parametrize("lines", [
    "Parcs | Parks",  # removed
    "Parcs | Parks\nVoies | Ways",  # moved and renamed at once: not taken for a rename
    "Voies | Ways\nParcs | Parks\nJardins",  # renamed while a line is added
])
def test_removing_a_category_that_proposals_use_is_refused_until_confirmed(client, login, territory_admin,
                                                                           categorised, lines):
    c, lanes, parks = categorised
    login(territory_admin)
    response = client.post(edit_url(c), data=form_data(categories=lines))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ('These categories would be removed, and their proposals would lose their category: “Pistes” '
            '(2 proposals).') in htmllib.unescape(html)
    assert 'id="categories-error"' in html
    assert 'name="remove_used_categories"' in html
    assert [cat.name["fr"] for cat in fresh(c).categories] == ["Pistes", "Parcs"]
    assert proposal_categories(c) == [lanes.id, lanes.id]

    confirmed = client.post(edit_url(c), data=form_data(categories=lines, remove_used_categories="y"))
    assert confirmed.status_code == 302
    assert lanes.id not in [cat.id for cat in fresh(c).categories]
    assert proposal_categories(c) == [None, None]


def test_the_removal_box_is_offered_only_when_needed(client, login, territory_admin, categorised):
    c, _lanes, _parks = categorised
    login(territory_admin)
    assert 'name="remove_used_categories"' not in client.get(edit_url(c)).get_data(as_text=True)
    response = client.post(edit_url(c), data=form_data(categories="Pistes\npistes"))
    assert response.status_code == 422
    assert 'name="remove_used_categories"' not in response.get_data(as_text=True)


def named(*names):
    return [SimpleNamespace(name={"fr": n}) for n in names]


@pytest.mark.parametrize("existing, lines, kept, removed", [
    ("AB", "AB", "AB", ""),
    ("AB", "BA", "BA", ""),  # moved
    ("AB", "XB", "AB", ""),  # A renamed X, in place
    ("AB", "XY", "AB", ""),  # both renamed in place
    ("AB", "BX", "B-", "A"),  # moved and renamed: A is not taken for X
    ("AB", "XBC", "-B-", "A"),  # a line added: no rename
    ("AB", "A", "A", "B"),
    ("", "XY", "--", ""),
])
def test_which_category_each_line_keeps(existing, lines, kept, removed):
    categories_ = named(*existing)
    by_name = {c.name["fr"]: c for c in categories_}
    result, gone = categories.match(categories_, [{"fr": line, "en": ""} for line in lines])
    assert "".join(c.name["fr"] if c else "-" for c in result) == kept
    assert gone == [by_name[n] for n in removed]


# --- the form's layout, cover image and dates ----------------------------------------------------

NEW = "/admin/territories/villeneuve/consultations/new"


def test_the_required_note_is_said_once_above_the_two_columns(client, login, territory_admin):
    login(territory_admin)
    html = client.get(NEW).get_data(as_text=True)
    assert html.count('class="required-note"') == 1
    assert html.index('class="required-note"') < html.index('class="two-columns"') < html.index('id="title_fr"')


def test_the_cover_hint_speaks_of_the_current_image_only_when_there_is_one(client, login, make, territory,
                                                                          territory_admin):
    login(territory_admin)
    new = client.get(NEW).get_data(as_text=True)
    assert "JPEG, PNG, GIF or WebP, 10 MB at most." in new and "Leave empty to keep the current image" not in new
    assert "Remove the cover image" not in new
    c = make.consultation(territory, cover_path="covers/cover.png")
    html = client.get(edit_url(c)).get_data(as_text=True)
    assert "JPEG, PNG, GIF or WebP, 10 MB at most. Leave empty to keep the current image." in html
    assert html.index('<label for="cover">') < html.index('<label for="remove_cover">')


@pytest.mark.parametrize("language", ["fr", "en"])
def test_phase_dates_are_accepted_as_day_month_year(client, login, make, territory, territory_admin, language):
    c = make.consultation(territory)
    login(territory_admin)
    dates = {"information_start": "", "information_end": "", "proposals_start": "31/03/2030 18:00",
             "proposals_end": "15/04/2030 18:00", "results_start": "2030-05-01 09:00",
             "results_end": "2030-06-01T09:00"}
    response = client.post(edit_url(c), data=form_data(**dates), headers={"Accept-Language": language})
    assert response.status_code == 302
    html = client.get(edit_url(c)).get_data(as_text=True)
    for name, value in (("proposals_start", "2030-03-31T18:00"), ("proposals_end", "2030-04-15T18:00"),
                        ("results_start", "2030-05-01T09:00"), ("results_end", "2030-06-01T09:00")):
        assert re.search(rf'id="{name}"[^>]*value="{value}"', html) or re.search(
            rf'value="{value}"[^>]*id="{name}"', html), name


def test_a_month_day_year_date_is_refused(client, login, make, territory, territory_admin):
    c = make.consultation(territory)
    login(territory_admin)
    response = client.post(edit_url(c), data=form_data(proposals_start="03/31/2030 18:00"))
    assert response.status_code == 422
    assert 'id="proposals_start-error"' in response.get_data(as_text=True)



def only_proposals(c, starts_at, ends_at):
    """The consultation with its proposals phase only, from `starts_at` to `ends_at` (UTC)."""
    for phase in list(c.phases):
        if phase.kind == "proposals":
            phase.starts_at, phase.ends_at = starts_at, ends_at
        else:
            c.phases.remove(phase)
            db.session.delete(phase)
    db.session.commit()
    return c

def test_a_time_in_the_hour_the_clocks_go_back_is_kept_when_saved_unchanged(client, login, make, territory,
                                                                          territory_admin):
    """00:30 UTC on 25 October 2026 is the first 02:30 in Paris (summer time); 01:30 UTC the
    second. The form shows 02:30: sent back as it is, the phase does not move an hour on."""
    from datetime import datetime

    first_half_past_two = datetime(2026, 10, 25, 0, 30)
    c = only_proposals(make.consultation(territory, phase=None), datetime(2026, 10, 1), first_half_past_two)
    login(territory_admin)
    page = client.get(edit_url(c)).get_data(as_text=True)
    assert re.search(r'id="proposals_end"[^>]*value="2026-10-25T02:30"|value="2026-10-25T02:30"[^>]*id="proposals_end"', page)
    dates = {"information_start": "", "information_end": "", "proposals_start": "2026-10-01T02:00",
             "proposals_end": "2026-10-25T02:30"}
    assert client.post(edit_url(c), data=form_data(**dates)).status_code == 302
    assert fresh(c).phases[0].ends_at == first_half_past_two
    dates["proposals_end"] = "2026-10-25T02:45"  # a time typed anew is read as usual
    assert client.post(edit_url(c), data=form_data(**dates)).status_code == 302
    assert fresh(c).phases[0].ends_at == datetime(2026, 10, 25, 1, 45)


def test_dates_set_to_the_second_stay_when_the_form_sends_them_back(client, login, make, territory, territory_admin):
    """The form shows minutes: a phase the API ended at 21:59:59 UTC came back ending at 21:59:00,
    a minute short, at each save of an unrelated change."""
    from datetime import datetime

    c = only_proposals(make.consultation(territory, phase=None), datetime(2027, 6, 1), datetime(2027, 6, 30, 21, 59, 59))
    login(territory_admin)
    page = client.get(edit_url(c)).get_data(as_text=True)
    assert re.search(r'id="proposals_end"[^>]*value="2027-06-30T23:59"', page) or re.search(
        r'value="2027-06-30T23:59"[^>]*id="proposals_end"', page)
    dates = {"information_start": "", "information_end": "", "proposals_start": "2027-06-01T02:00",
             "proposals_end": "2027-06-30T23:59", "results_start": "", "results_end": ""}
    assert client.post(edit_url(c), data=form_data(summary_fr="Un résumé corrigé", **dates)).status_code == 302
    c = fresh(c)
    assert (c.summary, c.phases[0].ends_at) == ({"fr": "Un résumé corrigé"}, datetime(2027, 6, 30, 21, 59, 59))
    dates["proposals_end"] = "2027-06-30T23:58"  # a time typed anew is read as usual
    assert client.post(edit_url(c), data=form_data(**dates)).status_code == 302
    assert fresh(c).phases[0].ends_at == datetime(2027, 6, 30, 21, 58)
