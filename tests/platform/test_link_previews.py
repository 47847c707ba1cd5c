"""What a link to the platform shows when it is shared (a social network, the town's
newsletter), and what search engines are asked to leave alone."""
import re

from consult.extensions import db


def _meta(html):
    found = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', html))
    return {k: v for k, v in found.items() if k == "description" or k.startswith("og:")}


def test_a_proposal_shows_its_title_text_and_photo(client, make):
    consultation = make.consultation()
    proposal = make.proposal(consultation, title="Des bancs & de l'ombre", body="Dix bancs " * 40,
                             image_path="proposals/abc.jpg")
    db.session.commit()
    meta = _meta(client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text)
    assert meta["og:title"] == "Des bancs &amp; de l&#39;ombre"
    assert meta["description"] == meta["og:description"]
    assert meta["description"].startswith("Dix bancs Dix") and meta["description"].endswith("...")
    assert len(meta["description"]) <= 200  # a summary, not the whole text
    assert meta["og:url"] == f"http://127.0.0.1:5000/proposals/{proposal.id}"
    assert meta["og:image"].startswith("http://127.0.0.1:5000/") and "abc.jpg" in meta["og:image"]
    assert meta["og:site_name"] == "Consult"


def test_a_consultation_shows_its_summary_and_other_pages_the_platform(client, make):
    consultation = make.consultation()
    meta = _meta(client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "en"}).text)
    assert meta["og:description"] == "Résumé"  # its summary (in French, the only language it has)
    assert "og:image" not in meta  # no cover
    home = _meta(client.get("/", headers={"Accept-Language": "fr"}).text)
    assert home["description"] == "Consult — les consultations participatives de vos collectivités."


def test_robots_leave_personal_and_staff_pages_alone(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/auth/", "/me", "/admin/", "/moderation/", "/api/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /consultations/" not in lines and "Disallow: /" not in lines
