"""A results phase without an end: a town leaves its results on show, the consultation open in
its results phase until it is archived."""
from datetime import timedelta

import pytest
from icalendar import Calendar

from consult.consultations.models import Consultation
from consult.database import utcnow
from consult.extensions import db
from consult.phases import current_phase, phase_state

from .conftest import form_data, local

NEW = "/admin/territories/villeneuve/consultations/new"


def results_that_stay(make, phase="results", **kw):
    """A consultation whose results phase has no end (`phase`: the one open now)."""
    consultation = make.consultation(make.territory(), phase=phase, **kw)
    results = next(p for p in consultation.phases if p.kind == "results")
    results.ends_at = None
    db.session.commit()
    return consultation


def test_the_back_office_leaves_the_results_without_an_end(client, login, territory_admin):
    login(territory_admin)
    form = client.get(NEW).text
    assert 'id="results_end-hint">Leave it empty to keep the results on show.</p>' in form
    response = client.post(NEW, data=form_data(results_end=""))
    assert response.status_code == 302
    consultation = db.session.scalar(db.select(Consultation))
    results = next(p for p in consultation.phases if p.kind == "results")
    assert results.starts_at is not None and results.ends_at is None
    edit = client.get(response.headers["Location"]).text
    assert 'name="results_end" type="datetime-local" value=""' in edit


@pytest.mark.parametrize("dates, field, message", [
    ({"results_start": "", "results_end": local(70)}, "results_start", "Give a start, with or without an end."),
    ({"proposals_end": ""}, "proposals_end", "Give both a start and an end, or neither."),
])
def test_only_the_results_go_without_an_end(client, login, territory_admin, dates, field, message):
    login(territory_admin)
    response = client.post(NEW, data=form_data(**dates))
    assert response.status_code == 422
    assert f'<p class="field-error" id="{field}-error">{message}</p>' in response.text
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


def test_results_that_stay_keep_the_consultation_open(client, make):
    consultation = results_that_stay(make)
    far = utcnow() + timedelta(days=365 * 50)
    assert current_phase(consultation, far).kind == "results" and phase_state(consultation, far) == "open"
    french = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "fr"}).text
    assert "À partir du " in french and ", sans date de fin" in french
    assert "Résultats publiés" in french and "jour restant" not in french
    english = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "en"}).text
    assert ", with no end" in english
    ids = {c["id"] for c in client.get("/api/v1/consultations?phase=open").get_json()["items"]}
    assert consultation.id in ids
    assert not client.get("/api/v1/consultations?phase=closed").get_json()["items"]
    listing = client.get("/consultations/?phase=closed", headers={"Accept-Language": "en"}).text
    assert "Participatory budget" not in listing


def test_archiving_closes_results_that_stay(client, make):
    consultation = results_that_stay(make, status="archived")
    consultation.archived_at = utcnow()
    db.session.commit()
    assert phase_state(consultation, utcnow()) == "closed"
    closed = client.get("/api/v1/consultations?phase=closed").get_json()["items"]
    assert [c["id"] for c in closed] == [consultation.id]
    page = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "en"}).text
    assert "Stopped: the consultation is archived" in page


def test_results_that_stay_are_an_event_of_their_start_in_calendars(client, make):
    consultation = results_that_stay(make, phase="vote")
    events = Calendar.from_ical(client.get(f"/consultations/{consultation.id}/calendar.ics").data).walk("VEVENT")
    assert [("dtend" in e) for e in events] == [True, True, True, False]
    results = next(p for p in consultation.phases if p.kind == "results")
    assert events[3].decoded("dtstart").replace(tzinfo=None) == results.starts_at.replace(microsecond=0)


def test_the_api_reads_and_writes_results_without_an_end(client, make, token_for):
    consultation = make.consultation(make.territory(), phase="vote")
    admin = make.member(make.user(), consultation.territory, "admin")
    phases = [{"kind": p.kind, "starts_at": p.starts_at.isoformat(), "ends_at": p.ends_at.isoformat()}
              for p in consultation.phases]
    phases[3]["ends_at"] = None
    response = client.patch(f"/api/v1/consultations/{consultation.id}", json={"phases": phases},
                            headers=token_for(admin))
    assert response.status_code == 200 and response.get_json()["phases"][3]["ends_at"] is None
    assert client.get(f"/api/v1/consultations/{consultation.id}").get_json()["phases"][3]["ends_at"] is None
    del phases[2]["ends_at"]
    refused = client.patch(f"/api/v1/consultations/{consultation.id}", json={"phases": phases},
                           headers=token_for(admin))
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {
        "phases": {"2": {"ends_at": ["Give both a start and an end, or neither."]}}}
    assert next(p for p in consultation.phases if p.kind == "vote").ends_at is not None
