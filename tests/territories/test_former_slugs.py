"""A territory's address name changed: the links shared before (posters, mail, the API) still
lead to it, and no other territory can take the old name from them."""
import pytest

from consult.extensions import db
from consult.territories.models import FormerSlug, Territory

FORM = {"name": "Villeneuve-sur-Lot", "kind": "commune", "insee_code": "47323", "description": "",
        "accent_color": "#1d4ed8", "report_threshold": "3", "forbidden_words": ""}


@pytest.fixture
def admin(make, login):
    return login(make.user(platform_admin=True))


def rename(client, old, new):
    return client.post(f"/admin/territories/{old}/edit", data=dict(FORM, slug=new))


def former_slugs():
    db.session.expire_all()
    return {row.slug: row.territory_id for row in db.session.scalars(db.select(FormerSlug))}


def test_the_old_addresses_lead_to_the_new_ones(client, admin, make):
    territory = make.territory(slug="villeneuve", name="Villeneuve")
    assert rename(client, "villeneuve", "villeneuve-sur-lot").status_code == 302
    client.get("/")  # the flash of the change

    for old, new in [("/territories/villeneuve", "/territories/villeneuve-sur-lot"),
                     ("/territories/villeneuve?page=2&slug=x&_external=1",
                      "/territories/villeneuve-sur-lot?page=2&slug=x&_external=1"),
                     ("/territories/villeneuve/transparency", "/territories/villeneuve-sur-lot/transparency"),
                     ("/api/v1/territories/villeneuve", "/api/v1/territories/villeneuve-sur-lot"),
                     ("/admin/territories/villeneuve/members", "/admin/territories/villeneuve-sur-lot/members")]:
        response = client.get(old)
        assert (response.status_code, response.headers["Location"]) == (302, new), old
    assert "Villeneuve-sur-Lot" in client.get("/territories/villeneuve", follow_redirects=True).text
    assert former_slugs() == {"villeneuve": territory.id}


def test_a_form_sent_to_an_old_address_is_not_redirected(client, admin, make):
    make.territory(slug="villeneuve")
    rename(client, "villeneuve", "villeneuve-sur-lot")
    assert rename(client, "villeneuve", "autre-nom").status_code == 404
    assert db.session.scalar(db.select(Territory.slug)) == "villeneuve-sur-lot"


def test_an_address_no_territory_ever_had_is_not_found(client, make):
    make.territory(slug="villeneuve")
    assert client.get("/territories/nulle-part").status_code == 404
    assert client.get("/api/v1/territories/nulle-part").status_code == 404


def test_a_territory_may_take_back_its_old_name_and_keeps_every_old_link(client, admin, make):
    territory = make.territory(slug="villeneuve")
    rename(client, "villeneuve", "villeneuve-sur-lot")
    assert rename(client, "villeneuve-sur-lot", "villeneuve").status_code == 302
    assert former_slugs() == {"villeneuve-sur-lot": territory.id}
    assert client.get("/territories/villeneuve").status_code == 200
    assert client.get("/territories/villeneuve-sur-lot").headers["Location"] == "/territories/villeneuve"


def test_another_territory_cannot_take_an_old_name(client, admin, make):
    make.territory(slug="villeneuve")
    rename(client, "villeneuve", "villeneuve-sur-lot")
    make.territory(slug="agen", name="Agen")

    response = client.post("/admin/territories/agen/edit", data=dict(FORM, name="Agen", slug="villeneuve"))
    assert response.status_code == 422
    assert "This address name is taken: another territory has it, or had it before" in response.text
    created = client.post("/admin/territories/new", data=dict(FORM, name="Villeneuve", slug=""))
    assert created.status_code == 422  # the address name made from the name is the old one
    assert db.session.scalar(db.select(db.func.count(Territory.id))) == 2


def test_the_old_names_go_with_the_territory(client, admin, make):
    territory = make.territory(slug="villeneuve")
    rename(client, "villeneuve", "villeneuve-sur-lot")
    db.session.delete(db.session.get(Territory, territory.id))
    db.session.commit()
    assert former_slugs() == {}
    assert client.get("/territories/villeneuve").status_code == 404


def test_filters_and_forms_naming_the_old_name_find_the_territory(client, admin, make):
    territory = make.territory(slug="villeneuve")
    make.consultation(territory, title={"fr": "Budget participatif de Villeneuve"})
    rename(client, "villeneuve", "villeneuve-sur-lot")
    response = client.get("/consultations/?territory=villeneuve&q=budget&page=1")
    assert (response.status_code, response.location) == (302, "/consultations/?territory=villeneuve-sur-lot&q=budget&page=1")
    listing = client.get(response.location).text  # the list of territories shows the filter, sent again as it is
    assert "Budget participatif de Villeneuve" in listing
    assert '<option value="villeneuve-sur-lot" selected>' in listing
    listed = client.get("/api/v1/consultations?territory=villeneuve").json
    assert [c["title"] for c in listed["items"]] == ["Budget participatif de Villeneuve"]


def test_an_old_name_s_listing_link_with_any_other_parameter_leads_to_the_name_now(client, admin, make):
    """The query string is the link's, whatever it holds: not arguments of the address built."""
    make.territory(slug="villeneuve")
    rename(client, "villeneuve", "villeneuve-sur-lot")
    for query in ("endpoint=x", "_method=POST", "_external=1&_scheme=http", "utm=a&utm=b"):
        response = client.get(f"/consultations/?territory=villeneuve&{query}")
        assert (response.status_code, response.location) == (
            302, f"/consultations/?territory=villeneuve-sur-lot&{query}"), query
