"""An archived consultation is over: no page announces a current or upcoming phase of it."""
import pytest


LIST = "/admin/territories/villeneuve/consultations"


@pytest.fixture
def archived(make, territory):
    """Archived while still to come, and archived in its proposals phase."""
    return (make.consultation(territory, status="archived", phase=None, title={"fr": "À venir", "en": "To come"}),
            make.consultation(territory, status="archived", phase="proposals",
                              title={"fr": "En cours", "en": "Under way"}))


def test_the_public_page_says_it_is_archived_instead_of_a_phase(client, archived):
    to_come, under_way = archived
    html = client.get(f"/consultations/{to_come.id}").get_data(as_text=True)
    assert "Participation is over." in html and "Archived" in html
    assert "Next:" not in html and "Starts in" not in html and 'aria-current="step"' not in html
    assert html.count("Not held: the consultation is archived") == 4
    html = client.get(f"/consultations/{under_way.id}").get_data(as_text=True)
    assert "days left" not in html and 'aria-current="step"' not in html
    assert html.count("Finished") == 1  # information
    assert html.count("Stopped: the consultation is archived") == 1  # proposals
    assert html.count("Not held: the consultation is archived") == 2  # vote, results


def test_the_listings_say_it_is_archived(client, login, territory_admin, archived):
    html = client.get("/consultations/").get_data(as_text=True)
    assert html.count("Participation is over.") == 2 and "Next:" not in html and "days left" not in html
    login(territory_admin)
    html = client.get(LIST).get_data(as_text=True)
    assert html.count("Participation is over.") == 2 and "Next:" not in html and "days left" not in html


def test_the_phase_filters_count_it_as_closed(client, archived):
    def titles(phase):
        html = client.get(f"/consultations/?phase={phase}").get_data(as_text=True)
        return sorted(t for t in ("To come", "Under way") if f">{t}</a></h2>" in html)
    assert titles("open") == [] and titles("upcoming") == []
    assert titles("closed") == ["To come", "Under way"]
