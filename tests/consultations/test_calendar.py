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


def test_a_draft_has_no_calendar(client, make):
    draft = make.consultation(make.territory(), status="draft")
    db.session.commit()
    assert client.get(f"/consultations/{draft.id}/calendar.ics").status_code == 404
