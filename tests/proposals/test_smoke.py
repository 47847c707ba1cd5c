def test_listing_page(client, make, open_consultation):
    make.proposal(open_consultation)
    r = client.get(f"/consultations/{open_consultation.id}/proposals")
    assert r.status_code == 200, r.text
    assert "Des pistes cyclables" in r.text
