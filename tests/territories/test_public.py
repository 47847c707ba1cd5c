"""Public pages of the territories, and the accent colours they are shown with."""
import re
from datetime import timedelta

import pytest

from consult.core.colors import accent_style, contrast, text_on
from consult.database import utcnow
from consult.extensions import db
from consult.territories.models import Territory

from ..helpers import count_queries


def test_index_lists_territories_as_cards_with_their_accent(client, make):
    make.territory(name="Villeneuve", slug="villeneuve", accent_color="#ffff00", kind="commune")
    lyon = make.territory(name="Métropole de Lyon", slug="lyon", kind="intercommunalite")
    make.consultation(lyon)
    make.consultation(lyon, status="archived")
    make.consultation(lyon, status="draft")
    html = client.get("/territories/").get_data(as_text=True)
    assert html.count("<h1") == 1
    assert 'href="/territories/villeneuve"' in html and "Métropole de Lyon" in html
    assert "--accent: #ffff00; --on-accent: #000000" in html
    assert "Intercommunality" in html and "Commune" in html
    assert "2 consultations" in html and "0 consultations" in html


def test_index_is_paginated(client, make):
    for n in range(14):
        make.territory(name=f"Commune {n:02d}", slug=f"commune-{n:02d}")
    first = client.get("/territories/").get_data(as_text=True)
    second = client.get("/territories/?page=2").get_data(as_text=True)
    assert first.count('class="card territory-card"') == 12
    assert second.count('class="card territory-card"') == 2
    assert 'href="/territories/?page=2"' in first
    assert "Commune 13" in second and "Commune 13" not in first
    assert client.get("/territories/?page=99").status_code == 200


def test_a_page_past_the_last_says_so_and_leads_back(client, make):
    """An old or edited link (?page=9) shows no list, without saying there is nothing at all:
    the count stays, and a link leads back to the last page."""
    villeneuve = make.territory(name="Villeneuve", slug="villeneuve")
    for _ in range(3):
        make.consultation(villeneuve)
    for path, count, last in [("/territories/?page=9", None, "/territories/?page=1"),
                              ("/territories/villeneuve?page=9", "3 consultations", "/territories/villeneuve?page=1"),
                              ("/consultations/?page=9", "3 consultations", "/consultations/?page=1")]:
        html = client.get(path, headers={"Accept-Language": "en"}).text
        assert "No territory yet." not in html and "no published consultation yet" not in html, path
        assert "No consultation" not in html, path
        assert count is None or count in html, path
        assert f'<a href="{last}" rel="prev">Back to the last page</a>' in html, path
    assert "Back to the last page" not in client.get("/territories/villeneuve").text


def test_index_runs_a_bounded_number_of_queries(client, make):
    def queries():
        with count_queries() as counter:
            assert client.get("/territories/").status_code == 200
        return counter.selects
    for _ in range(2):
        make.consultation(make.territory())
    few = queries()
    for _ in range(6):
        make.consultation(make.territory())
    assert queries() == few


def test_show_page(client, make):
    t = make.territory(name="Villeneuve", slug="villeneuve", kind="departement", insee_code="2A004",
                       description="Une commune **verte**.", accent_color="#1d4ed8")
    html = client.get("/territories/villeneuve").get_data(as_text=True)
    assert "<h1>Villeneuve</h1>" in html
    assert "Département" in html and "2A004" in html
    assert "<strong>verte</strong>" in html
    assert 'style="--accent: #1d4ed8; --on-accent: #ffffff;' in html
    assert "This territory has no published consultation yet." in html
    assert t.id


def test_show_lists_public_consultations_newest_first(client, make):
    t = make.territory(slug="villeneuve")
    now = utcnow()
    old = make.consultation(t, title={"fr": "Ancienne", "en": "Old one"}, status="archived",
                            published_at=now - timedelta(days=60))
    new = make.consultation(t, title={"fr": "Récente", "en": "Recent one"}, published_at=now - timedelta(days=1))
    make.consultation(t, title={"fr": "Brouillon secret"}, status="draft")
    make.consultation(make.territory(), title={"fr": "Ailleurs"})
    html = client.get("/territories/villeneuve", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Brouillon secret" not in html and "Ailleurs" not in html
    assert html.index("Récente") < html.index("Ancienne")
    assert f'href="/consultations/{new.id}"' in html and f'href="/consultations/{old.id}"' in html
    assert "2 consultations" in html
    english = client.get("/territories/villeneuve", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "Recent one" in english and "Old one" in english


def test_show_paginates_consultations(client, make):
    t = make.territory(slug="villeneuve")
    for n in range(12):
        make.consultation(t, title={"fr": f"Consultation {n:02d}"}, published_at=utcnow() - timedelta(days=n))
    first = client.get("/territories/villeneuve").get_data(as_text=True)
    second = client.get("/territories/villeneuve?page=2").get_data(as_text=True)
    assert len(re.findall(r'href="/consultations/\d+"', first)) == 10
    assert len(re.findall(r'href="/consultations/\d+"', second)) == 2
    assert 'href="/territories/villeneuve?page=2"' in first


def test_unknown_territory_is_404(client):
    assert client.get("/territories/nowhere").status_code == 404


def test_staff_see_their_back_office_links(client, make, login):
    t = make.territory(slug="villeneuve")
    login(make.member(make.user(), t, "admin"))
    html = client.get("/territories/villeneuve").get_data(as_text=True)
    assert 'href="/admin/territories/villeneuve/members"' in html
    assert 'href="/admin/territories/villeneuve/consultations"' in html
    assert "/admin/territories/villeneuve/edit" not in html


def test_visitors_see_no_back_office_links(client, make):
    make.territory(slug="villeneuve")
    assert "/admin/" not in client.get("/territories/villeneuve").get_data(as_text=True)


# --- accent colours: text on the accent always keeps AA contrast ---------------------------

def test_text_on_light_and_dark_accents():
    assert text_on("#ffff00") == "#000000"
    assert text_on("#1d4ed8") == "#ffffff"


@pytest.mark.parametrize("accent", ["#ffff00", "#1d4ed8", "#0b6e4f", "#c2410c", "#777777", "#ff0000",
                                    "#00ff00", "#000000", "#ffffff", "#808080", "#e11d48", "#7c3aed"])
def test_text_on_any_accent_reaches_aa_contrast(accent):
    assert contrast(accent, text_on(accent)) >= 4.5


def test_contrast_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffff00", "#000000") >= 4.5
    assert contrast("#1d4ed8", "#ffffff") >= 4.5


@pytest.mark.parametrize("accent", ["#ffff00", "#00ff00", "#c2410c", "#ffffff", "#10b981", "#e11d48"])
def test_accent_ink_reads_on_white_and_on_the_grey_of_panels(accent):
    """Links in the accent's ink sit on white pages and on the light grey of panels and cards."""
    ink = re.search(r"--accent-ink: (#[0-9a-f]{6})", str(accent_style(accent))).group(1)
    assert contrast(ink, "#ffffff") >= 4.5 and contrast(ink, "#f4f6f8") >= 4.5


def test_invalid_accent_falls_back_to_the_default():
    assert "--accent: #1d4ed8" in str(accent_style('red" onload="x'))


# As a reader expects them: neither accents nor lower case send a name to the end.
IN_ORDER = ["Agen", "Évry-Courcouronnes", "le Pian-Médoc", "Villeneuve-sur-Lot"]


def test_territories_are_listed_by_name_whatever_their_accents_and_case(client, make, login):
    moderator = make.user()
    for name in ("Villeneuve-sur-Lot", "le Pian-Médoc", "Évry-Courcouronnes", "Agen"):
        make.member(moderator, make.territory(name=name), "admin")
    for territory in db.session.scalars(db.select(Territory)):  # the consultations' filter offers those with one
        make.consultation(territory, status="archived")
    listed = lambda page: sorted(IN_ORDER, key=client.get(page).text.index)  # noqa: E731
    assert [t["name"] for t in client.get("/api/v1/territories").get_json()["items"]] == IN_ORDER
    assert listed("/territories/") == listed("/") == listed("/consultations/") == IN_ORDER
    login(moderator)
    assert listed("/admin/") == listed("/moderation/") == IN_ORDER
    login(make.user(platform_admin=True))
    assert listed("/admin/") == IN_ORDER
