def test_home_page_is_french_by_default(client, make):
    make.territory(name="Villeneuve")
    response = client.get("/", headers={"Accept-Language": ""})
    assert response.status_code == 200
    assert '<html lang="fr">' in response.get_data(as_text=True)
    assert "Villeneuve" in response.get_data(as_text=True)


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "schema": "unversioned"}  # made by create_all
