"""Verified residents: a territory admin verifies people by email; consultations open to
verified residents only then let them, and only them, take part."""
import pytest

from consult.extensions import db
from consult.territories.models import ResidentVerification

URL = "/admin/territories/villeneuve/residents"


@pytest.fixture
def consultation(make, territory):
    return make.consultation(territory, phase="vote", participation="verified")


def vote(client, login, person, proposal):
    login(person)
    return client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}, headers={"X-Requested-With": "fetch"})


def test_a_verified_resident_takes_part_and_the_others_are_told_how_to_be_verified(
        client, make, login, territory, territory_admin, consultation):
    proposal = make.proposal(consultation)
    camille = make.user(email="camille@example.org", name="Camille")
    response = vote(client, login, camille, proposal)
    assert response.status_code == 403
    assert "This consultation is open to verified residents only: ask the staff of the territory" in response.text
    page = client.get(f"/consultations/{consultation.id}").text
    assert "Your account is not verified for Villeneuve yet" in page
    debate = client.get(f"/proposals/{proposal.id}").text
    assert "This consultation is open to verified residents only" in debate and 'class="comment-form"' not in debate
    french = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "fr"}).text
    assert "Votre compte n’est pas encore vérifié pour Villeneuve" in french

    login(territory_admin)
    response = client.post(URL, data={"email": " Camille@Example.org "})
    assert response.status_code == 302
    listing = client.get(URL).text
    assert "Camille is now a verified resident of Villeneuve" in listing
    assert "<td>camille@example.org</td>" in listing and "1 verified resident" in listing

    assert vote(client, login, camille, proposal).status_code == 200
    assert 'class="comment-form"' in client.get(f"/proposals/{proposal.id}").text
    assert "Your account is verified for Villeneuve." in client.get(f"/consultations/{consultation.id}").text
    db.session.expire_all()
    assert proposal.votes_for == 1


def test_a_verification_counts_in_its_own_territory_only(client, make, login, territory, consultation):
    elsewhere = make.consultation(make.territory(), phase="vote", participation="verified")
    camille = make.user()
    db.session.add(ResidentVerification(territory_id=territory.id, user_id=camille.id))
    db.session.commit()
    assert vote(client, login, camille, make.proposal(consultation)).status_code == 200
    assert vote(client, login, camille, make.proposal(elsewhere)).status_code == 403


@pytest.mark.parametrize("email, confirmed, error", [
    ("nobody@example.org", True, "No account uses this email address."),
    ("camille@example.org", False, "Camille has not confirmed their email address yet"),
    ("not an address", True, "Please give a valid email address."),
])
def test_refused_verifications_say_why(client, make, login, territory_admin, email, confirmed, error):
    make.user(email="camille@example.org", name="Camille", confirmed=confirmed)
    login(territory_admin)
    response = client.post(URL, data={"email": email})
    assert response.status_code == 422 and error in response.text
    assert db.session.scalar(db.select(db.func.count(ResidentVerification.id))) == 0


def test_verifying_twice_is_refused_and_a_verification_can_be_withdrawn(
        client, make, login, territory_admin, consultation):
    camille = make.user(email="camille@example.org", name="Camille")
    login(territory_admin)
    assert client.post(URL, data={"email": "camille@example.org"}).status_code == 302
    response = client.post(URL, data={"email": "camille@example.org"})
    assert response.status_code == 422 and "Camille is already a verified resident of this territory." in response.text
    verification = db.session.scalar(db.select(ResidentVerification))
    assert verification.verified_by_id == territory_admin.id
    response = client.post(f"{URL}/{verification.id}/remove", follow_redirects=True)
    assert "Camille is no longer a verified resident of Villeneuve." in response.text
    assert "Nobody is verified yet." in response.text
    assert vote(client, login, camille, make.proposal(consultation)).status_code == 403


def test_a_verification_of_another_territory_cannot_be_withdrawn_from_here(client, make, login, territory_admin):
    other = make.territory()
    verification = ResidentVerification(territory_id=other.id, user_id=make.user().id)
    db.session.add(verification)
    db.session.commit()
    login(territory_admin)
    assert client.post(f"{URL}/{verification.id}/remove").status_code == 404


def test_residents_and_staff_are_listed_by_name_whatever_their_accents_and_case(
        client, make, login, territory, territory_admin):
    names = ["Zoé Martin", "élise Durand", "Émile Roux", "Bruno Petit"]
    for name in names:
        person = make.member(make.user(name=name), territory, "moderator")
        db.session.add(ResidentVerification(territory_id=territory.id, user_id=person.id,
                                            verified_by_id=territory_admin.id))
    db.session.commit()
    login(territory_admin)
    listed = lambda page: sorted(names, key=client.get(page).text.index)  # noqa: E731
    in_order = ["Bruno Petit", "élise Durand", "Émile Roux", "Zoé Martin"]
    assert listed(URL) == listed("/admin/territories/villeneuve/members") == in_order
