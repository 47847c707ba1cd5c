"""A consultation's phases in residents' calendars (iCalendar)."""
from icalendar import Calendar

from consult.extensions import db


def test_the_phases_go_in_a_calendar(client, make):
    consultation = make.consultation(make.territory(), phase="vote",
                                     title={"fr": "Budget, participatif; 2027", "en": "Participatory budget"})
    page = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "fr"}).text
    assert f'<a href="/consultations/{consultation.id}/calendar.ics">Ajouter ces dates à mon agenda</a>' in page
    response = client.get(f"/consultations/{consultation.id}/calendar.ics", headers={"Accept-Language": "fr"})
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"  # as its METHOD
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert b"\r\n" in response.data  # the lines RFC 5545 asks for
    calendar = Calendar.from_ical(response.data)
    assert b"X-WR-CALNAME:Budget\\, participatif\\; 2027\r\n" in response.data  # a text, escaped as RFC 5545 says
    events = calendar.walk("VEVENT")
    phases = sorted(consultation.phases, key=lambda p: p.starts_at)
    assert [str(e["summary"]) for e in events] == [
        f"{label} — Budget, participatif; 2027" for label in ("Information", "Propositions", "Vote", "Résultats")]
    vote = events[2]
    assert vote.decoded("dtstart").replace(tzinfo=None) == phases[2].starts_at.replace(microsecond=0)
    assert vote.decoded("dtend").replace(tzinfo=None) == phases[2].ends_at.replace(microsecond=0)
    assert str(vote["url"]).endswith(f"/consultations/{consultation.id}")
    assert len({str(e["uid"]) for e in events}) == 4  # a change of dates updates the same events
    english = Calendar.from_ical(client.get(f"/consultations/{consultation.id}/calendar.ics",
                                            headers={"Accept-Language": "en"}).data)
    assert str(english.walk("VEVENT")[2]["summary"]) == "Vote — Participatory budget"


def test_a_phase_an_archived_consultation_did_not_hold_is_cancelled(client, make):
    consultation = make.consultation(make.territory(), phase="proposals", status="archived")
    events = Calendar.from_ical(client.get(f"/consultations/{consultation.id}/calendar.ics").data).walk("VEVENT")
    assert [str(e.get("status", "")) for e in events] == ["", "", "CANCELLED", "CANCELLED"]


def test_what_archiving_stopped_stays_so_once_the_dates_have_passed(client, login, make, monkeypatch):
    from datetime import timedelta

    from consult.consultations import listing
    from consult.database import utcnow

    territory = make.territory()
    consultation = make.consultation(territory, phase="proposals")
    login(make.member(make.user(), territory, "admin"))
    assert client.post(f"/admin/consultations/{consultation.id}/status",
                       data={"action": "archive", "confirm": "1"}).status_code == 303
    db.session.refresh(consultation)
    archived_at = consultation.archived_at
    assert archived_at is not None
    later = utcnow() + timedelta(days=90)  # every phase's dates have passed
    steps = listing.timeline(consultation, later)
    assert [step["cut_short"] for step in steps] == [False, "stopped", "not_held", "not_held"]
    monkeypatch.setattr("consult.consultations.views.utcnow", lambda: later)
    events = Calendar.from_ical(client.get(f"/consultations/{consultation.id}/calendar.ics").data).walk("VEVENT")
    assert [str(e.get("status", "")) for e in events] == ["", "", "CANCELLED", "CANCELLED"]
    assert events[1].decoded("dtend").replace(tzinfo=None) == archived_at.replace(microsecond=0)  # stopped then
    assert client.post(f"/admin/consultations/{consultation.id}/status", data={"action": "publish"}).status_code == 303
    db.session.refresh(consultation)
    assert consultation.archived_at is None


def test_a_consultation_without_dates_has_no_calendar(client, make):
    consultation = make.consultation(make.territory(), phase=None)
    for phase in list(consultation.phases):
        db.session.delete(phase)
    db.session.commit()
    assert client.get(f"/consultations/{consultation.id}/calendar.ics").status_code == 404


def test_a_draft_has_no_calendar(client, make):
    draft = make.consultation(make.territory(), status="draft")
    db.session.commit()
    assert client.get(f"/consultations/{draft.id}/calendar.ics").status_code == 404
