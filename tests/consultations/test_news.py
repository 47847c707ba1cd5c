"""The news of a consultation: written by its territory's admins, read by everyone, told to its
followers."""
import re

import pytest

from consult.consultations.models import ConsultationNews
from consult.extensions import db
from consult.notifications.models import Notification
from consult.notifications.services import follow

NEWS = {"title_fr": "Réunion publique le 12 mars", "body_fr": "Rendez-vous **salle des fêtes** à 18 h.",
        "title_en": "", "body_en": ""}


def write(client, consultation, **over):
    return client.post(f"/admin/consultations/{consultation.id}/news", data={**NEWS, **over},
                       headers={"Accept-Language": "fr"})


def all_news():
    db.session.expire_all()
    return db.session.scalars(db.select(ConsultationNews).order_by(ConsultationNews.id)).all()


@pytest.fixture
def consultation(make, territory):
    return make.consultation(territory, title={"fr": "Budget participatif", "en": "Participatory budget"})


def test_the_admins_write_news_that_everyone_reads_in_their_language(client, login, make, territory_admin,
                                                                      consultation):
    login(territory_admin)
    response = write(client, consultation, title_en="Public meeting on 12 March",
                     body_en="Come to the **village hall** at 6 pm.")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/admin/consultations/{consultation.id}/news")
    [news] = all_news()
    assert news.title == {"fr": "Réunion publique le 12 mars", "en": "Public meeting on 12 March"}
    assert news.author_id == territory_admin.id

    with client.session_transaction() as session:
        session.clear()  # a visitor now
    french = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "fr"}).text
    assert "Actualités" in french and "Réunion publique le 12 mars" in french
    assert "<strong>salle des fêtes</strong>" in french
    english = client.get(f"/consultations/{consultation.id}/news", headers={"Accept-Language": "en"}).text
    assert "Public meeting on 12 March" in english and f'id="news-{news.id}"' in english


def test_each_piece_of_news_has_its_own_address(client, login, make, territory, territory_admin, consultation):
    login(territory_admin)
    write(client, consultation, body_fr="Rendez-vous **salle des fêtes** à 18 h, avec les élus.")
    [news] = all_news()
    with client.session_transaction() as session:
        session.clear()
    page = client.get(f"/consultations/{consultation.id}/news/{news.id}", headers={"Accept-Language": "fr"}).text
    assert "<h1>Réunion publique le 12 mars</h1>" in page
    assert "<title>Réunion publique le 12 mars — Budget participatif" in page
    assert '<meta name="description" content="Rendez-vous salle des fêtes à 18 h, avec les élus.' in page
    other = make.consultation(territory)
    assert client.get(f"/consultations/{other.id}/news/{news.id}").status_code == 404
    assert client.get(f"/consultations/{consultation.id}/news/999").status_code == 404


def test_english_readers_read_the_french_text_marked_so(client, territory_admin, login, consultation):
    login(territory_admin)
    write(client, consultation, title_en="Public meeting", body_fr="# Ordre du jour\n\nLe budget.")
    [news] = all_news()
    page = client.get(f"/consultations/{consultation.id}/news", headers={"Accept-Language": "en"}).text
    link = f'<a href="/consultations/{consultation.id}/news/{news.id}">Public meeting</a>'
    assert f"<h2>{link}</h2>" in page  # in English: no mark
    assert '<div class="markdown" lang="fr"><h3>Ordre du jour</h3>' in page  # under the title
    home = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "en"}).text
    assert f"<h3>{link}</h3>" in home and "<h4>Ordre du jour</h4>" in home
    french = client.get(f"/consultations/{consultation.id}/news", headers={"Accept-Language": "fr"}).text
    assert 'lang="fr"><h3>' not in french and '<h2 lang="fr">' not in french  # the page's own language


def test_a_refused_form_says_why_in_french_and_keeps_the_text(client, login, territory_admin, consultation):
    login(territory_admin)
    response = write(client, consultation, title_fr="", body_fr="Un texte qui ne doit pas se perdre.",
                     title_en="x" * 151)
    assert response.status_code == 422
    assert "Le texte en français est obligatoire." in response.text
    assert "Un texte qui ne doit pas se perdre." in response.text
    assert all_news() == []


def test_markdown_is_sanitised(client, login, territory_admin, consultation):
    login(territory_admin)
    write(client, consultation, body_fr='<script>alert(1)</script><a href="javascript:alert(2)">lien</a> '
                                        '[piège](javascript:alert(3)) [ok](https://example.org)')
    page = client.get(f"/consultations/{consultation.id}/news").text
    assert "<script>alert" not in page and not re.search(r'<a [^>]*href="javascript', page)  # left as text
    assert 'href="https://example.org"' in page


def test_edit_and_delete(client, login, territory_admin, consultation):
    login(territory_admin)
    write(client, consultation)
    [news] = all_news()
    form = client.get(f"/admin/news/{news.id}/edit").text
    assert 'value="Réunion publique le 12 mars"' in form
    assert client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "title_fr": "Réunion reportée au 19 mars"}
                       ).status_code == 303
    [news] = all_news()
    assert news.title["fr"] == "Réunion reportée au 19 mars" and news.edited_at is not None
    assert "modifiée le" in client.get(f"/consultations/{consultation.id}/news",
                                      headers={"Accept-Language": "fr"}).text
    assert client.post(f"/admin/news/{news.id}/delete").status_code == 303
    assert all_news() == []


def test_the_page_shows_the_latest_three_and_links_to_all(client, login, territory_admin, consultation):
    login(territory_admin)
    for n in range(1, 5):
        write(client, consultation, title_fr=f"Nouvelle numéro {n}")
    page = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "fr"}).text
    assert "Nouvelle numéro 4" in page and "Nouvelle numéro 2" in page and "Nouvelle numéro 1" not in page
    assert "Toutes les actualités (4)" in page
    assert page.index("Nouvelle numéro 4") < page.index("Nouvelle numéro 3")


def test_followers_hear_of_it_in_one_notice_that_counts(client, login, make, territory_admin, consultation):
    fan = make.user()
    follow(fan, "consultation", consultation.id)
    follow(territory_admin, "consultation", consultation.id)
    db.session.commit()
    login(territory_admin)
    write(client, consultation)
    write(client, consultation, title_fr="Les travaux commencent")
    db.session.expire_all()
    [notice] = db.session.scalars(db.select(Notification).where(Notification.user_id == fan.id)).all()
    first = all_news()[0]
    assert (notice.kind, notice.repeats, notice.email_state) == ("consultation_news", 2, "pending")
    assert notice.url == f"/consultations/{consultation.id}/news/{first.id}"
    assert db.session.scalars(db.select(Notification).where(Notification.user_id == territory_admin.id)).all() == []
    login(fan)
    page = client.get("/me/notifications", headers={"Accept-Language": "fr"}).text
    assert "2\u00a0actualités de la consultation «\u00a0Budget participatif\u00a0»." in page


def test_news_deleted_is_no_longer_counted_nor_linked(client, login, make, territory_admin, consultation):
    fan = make.user()
    follow(fan, "consultation", consultation.id)
    db.session.commit()

    def notices():
        db.session.expire_all()
        return [(n.repeats, n.url) for n in db.session.scalars(
            db.select(Notification).where(Notification.user_id == fan.id).order_by(Notification.id))]

    login(territory_admin)
    write(client, consultation)
    read = db.session.scalar(db.select(Notification).where(Notification.user_id == fan.id))
    read.read_at = read.created_at
    db.session.commit()
    write(client, consultation, title_fr="Les travaux commencent")
    write(client, consultation, title_fr="Les travaux avancent")
    ids = [news.id for news in all_news()]
    first, second = (f"/consultations/{consultation.id}/news/{news_id}" for news_id in ids[:2])
    listing = f"/consultations/{consultation.id}/news"
    assert notices() == [(1, first), (2, second)]
    for news_id, after in zip(ids, ([(1, listing), (2, second)],  # read: it leads to the others now
                                    [(1, listing), (1, listing)],
                                    [(1, listing)])):  # it counted nothing else: gone
        assert client.post(f"/admin/news/{news_id}/delete").status_code == 303
        assert notices() == after


def test_news_a_colleague_published_then_deleted_leaves_their_own_notice_as_it_was(client, login, make, territory,
                                                                                     territory_admin, consultation):
    """Counted, then no longer counted, for the same people: whoever published it follows its
    consultation like anybody (its author alone is never told of it)."""
    colleague = make.member(make.user(), territory, "admin")
    follow(colleague, "consultation", consultation.id)
    db.session.commit()

    def notices():
        db.session.expire_all()
        return [(n.repeats, n.url) for n in db.session.scalars(
            db.select(Notification).where(Notification.user_id == colleague.id))]

    login(territory_admin)
    write(client, consultation, title_fr="Première")
    write(client, consultation, title_fr="Brouillon", action="draft")
    first, draft = all_news()
    assert notices() == [(1, f"/consultations/{consultation.id}/news/{first.id}")]
    login(colleague)
    client.post(f"/admin/news/{draft.id}/edit", data={**NEWS, "title_fr": "Brouillon", "action": "publish"})
    assert notices() == [(2, f"/consultations/{consultation.id}/news/{first.id}")]
    client.post(f"/admin/news/{draft.id}/delete")
    assert notices() == [(1, f"/consultations/{consultation.id}/news/{first.id}")]


def test_news_may_be_scheduled_and_is_told_when_its_time_comes(app, client, login, make, territory_admin,
                                                              consultation):
    from datetime import datetime, timedelta

    from consult.database import utcnow

    fan = make.user()
    follow(fan, "consultation", consultation.id)
    db.session.commit()
    login(territory_admin)
    response = write(client, consultation, title_fr="Les travaux commencent", publish_at="2030-03-04T09:30")
    assert response.status_code == 303
    [news] = all_news()
    assert news.published_at == datetime(2030, 3, 4, 8, 30)  # Paris, in winter: UTC + 1
    assert news.announced_at is None
    back_office = client.get(response.headers["Location"], headers={"Accept-Language": "fr"}).text
    assert "L’actualité sera publiée le 4 mars 2030 à 09:30\u202f; personne ne la voit d’ici là." in back_office
    assert "Programmée" in back_office and "Sera publiée le 4 mars 2030 à 09:30\u202f;" in back_office
    assert "Publiée le" not in back_office  # a date to come is not told in the past tense
    edit = client.get(f"/admin/news/{news.id}/edit").text
    assert 'value="2030-03-04T09:30"' in edit and 'value="publish"' in edit  # not shown: still to publish

    def public():
        page = client.get(f"/consultations/{consultation.id}/news").text
        item = client.get(f"/consultations/{consultation.id}/news/{news.id}").status_code
        api = client.get(f"/api/v1/consultations/{consultation.id}/news").get_json()["items"]
        return "Les travaux commencent" in page, item, len(api)

    assert public() == (False, 404, 0)
    assert app.test_cli_runner().invoke(args=["announce-news"]).output == "0 piece(s) of news announced\n"
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0

    news.published_at = utcnow() - timedelta(minutes=1)  # its time has come
    db.session.commit()
    assert public() == (True, 200, 1)
    for told in (1, 0):  # told once
        result = app.test_cli_runner().invoke(args=["announce-news"])
        assert result.output == f"{told} piece(s) of news announced\n"
    [notice] = db.session.scalars(db.select(Notification).where(Notification.user_id == fan.id)).all()
    assert (notice.kind, notice.repeats, notice.url) == (
        "consultation_news", 1, f"/consultations/{consultation.id}/news/{news.id}")


def test_a_scheduled_news_may_go_back_to_draft_or_out_at_once(client, login, make, territory_admin, consultation):
    fan = make.user()
    follow(fan, "consultation", consultation.id)
    db.session.commit()
    login(territory_admin)
    write(client, consultation, publish_at="2030-03-04T09:30")
    [news] = all_news()
    hint = "leave it empty to publish the news at once. When given, the news is shown from that time on"
    assert hint in client.get(f"/admin/news/{news.id}/edit", headers={"Accept-Language": "en"}).text
    assert client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "publish_at": "2030-03-04T09:30",
                                                           "action": "draft"}).status_code == 303
    [news] = all_news()
    assert news.published_at is None
    assert client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "publish_at": ""}).status_code == 303
    [news] = all_news()
    assert news.published_at is not None and news.announced_at is not None and news.edited_at is None
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == fan.id)) == 1
    assert "publish_at" not in client.get(f"/admin/news/{news.id}/edit").text  # shown: no date to choose


def test_a_draft_given_a_date_is_refused_with_all_that_was_typed(client, login, territory_admin, consultation):
    login(territory_admin)
    response = client.post(f"/admin/consultations/{consultation.id}/news", headers={"Accept-Language": "en"},
                           data={**NEWS, "publish_at": "2030-03-04T09:30", "action": "draft"})
    assert response.status_code == 422 and all_news() == []
    error = response.text[response.text.index('id="publish_at-error"'):]
    assert error.startswith('id="publish_at-error">A draft has no publication date: publish the news')
    assert 'value="2030-03-04T09:30"' in response.text and 'value="Réunion publique le 12 mars"' in response.text
    # published with it, the news waits for that date; without it, it is a draft
    assert write(client, consultation, publish_at="2030-03-04T09:30").status_code == 303
    assert write(client, consultation, publish_at="", action="draft").status_code == 303
    scheduled, draft = all_news()
    assert scheduled.published_at is not None and draft.published_at is None
    # a scheduled piece of news given another date is refused as a draft too (its own date takes it back)
    moved = client.post(f"/admin/news/{scheduled.id}/edit",
                        data={**NEWS, "publish_at": "2030-04-01T09:30", "action": "draft"})
    assert moved.status_code == 422 and all_news()[0].published_at == scheduled.published_at


def test_a_time_gone_by_is_refused(client, login, territory_admin, consultation):
    login(territory_admin)
    response = write(client, consultation, publish_at="2020-03-04T09:30")
    assert response.status_code == 422
    assert ("Choisissez un moment à venir, ou laissez la date vide pour publier l’actualité tout de suite."
            in response.text)
    assert all_news() == []


def test_news_of_an_archived_consultation_is_public_at_once(client, login, make, territory, territory_admin):
    archived = make.consultation(territory, status="archived")
    fan = make.user()
    follow(fan, "consultation", archived.id)
    db.session.commit()
    login(territory_admin)
    response = client.post(f"/admin/consultations/{archived.id}/news", data={**NEWS, "title_fr": "Les travaux sont finis"},
                           follow_redirects=True)
    assert "The news is published on the consultation&#39;s page." in response.text
    assert f'href="/consultations/{archived.id}/news"' in response.text
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == fan.id)) == 1
    with client.session_transaction() as session:
        session.clear()
    assert "Les travaux sont finis" in client.get(f"/consultations/{archived.id}/news").text


def test_news_of_a_draft_is_kept_for_its_publication_and_hidden_from_the_public(client, login, make, territory,
                                                                                  territory_admin):
    draft = make.consultation(territory, status="draft")
    login(territory_admin)
    response = write(client, draft)
    assert response.status_code == 303
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0
    assert client.get(f"/consultations/{draft.id}/news").status_code == 200  # its staff's preview
    with client.session_transaction() as session:
        session.clear()
    assert client.get(f"/consultations/{draft.id}/news").status_code == 404
    login(territory_admin)
    assert client.post(f"/admin/consultations/{draft.id}/delete").status_code == 303  # never published
    assert all_news() == []


def test_news_of_a_draft_is_told_when_the_consultation_is_published(app, client, login, make, territory,
                                                                   territory_admin):
    draft = make.consultation(territory, status="draft")
    login(territory_admin)
    write(client, draft)
    assert app.test_cli_runner().invoke(args=["announce-news"]).output == "0 piece(s) of news announced\n"
    draft.status = "published"
    fan = make.user()
    follow(fan, "consultation", draft.id)
    db.session.commit()
    assert app.test_cli_runner().invoke(args=["announce-news"]).output == "1 piece(s) of news announced\n"
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == fan.id)) == 1


def test_news_scheduled_is_not_told_to_its_author(app, client, login, make, territory_admin, consultation):
    from datetime import timedelta

    from consult.database import utcnow

    follow(territory_admin, "consultation", consultation.id)
    db.session.commit()
    login(territory_admin)
    write(client, consultation, publish_at="2030-03-04T09:30")
    [news] = all_news()
    news.published_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert app.test_cli_runner().invoke(args=["announce-news"]).output == "1 piece(s) of news announced\n"
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0


def test_an_edit_form_sent_after_the_scheduled_time_is_accepted(client, login, territory_admin, consultation):
    from datetime import datetime, timedelta

    from consult.database import utcnow

    login(territory_admin)
    write(client, consultation, publish_at="2030-03-04T09:30")
    [news] = all_news()
    form = client.get(f"/admin/news/{news.id}/edit").text
    assert 'value="2030-03-04T09:30"' in form
    news.published_at = datetime(2020, 3, 4, 8, 30)  # the time set came while the form was open
    db.session.commit()
    response = client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "publish_at": "2020-03-04T09:30"})
    assert response.status_code == 303
    assert all_news()[0].edited_at is not None  # shown: an edit
    assert utcnow() - all_news()[0].edited_at < timedelta(minutes=1)


def test_news_of_another_territory_cannot_be_touched(client, login, make, territory_admin, consultation):
    other = make.consultation(make.territory())
    login(make.member(make.user(), other.territory, "admin"))
    write(client, consultation)
    assert all_news() == []
    login(territory_admin)
    write(client, consultation)
    [news] = all_news()
    login(make.member(make.user(), other.territory, "admin"))
    assert client.get(f"/admin/news/{news.id}/edit").status_code == 403
    assert client.post(f"/admin/news/{news.id}/delete").status_code == 403
    assert client.get("/admin/news/999/edit").status_code == 404


def test_writing_and_deleting_need_the_csrf_token(app, client, login, territory_admin, consultation):
    app.config["WTF_CSRF_ENABLED"] = True
    login(territory_admin)
    assert write(client, consultation).status_code == 400 and all_news() == []
    app.config["WTF_CSRF_ENABLED"] = False
    write(client, consultation)
    [news] = all_news()
    app.config["WTF_CSRF_ENABLED"] = True
    client.post(f"/admin/news/{news.id}/delete")
    assert len(all_news()) == 1


def test_the_api_reads_the_news_of_what_one_may_see(client, make, territory, consultation):
    from datetime import timedelta

    from consult.database import utcnow

    now = utcnow()
    draft = make.consultation(territory, status="draft")
    for days, c in ((2, consultation), (1, consultation), (0, draft)):
        db.session.add(ConsultationNews(consultation=c, title={"fr": f"Nouvelle {days}", "en": f"News {days}"},
                                        body={"fr": "Texte **gras**"}, published_at=now - timedelta(days=days)))
    db.session.add(ConsultationNews(consultation=consultation, title={"fr": "Brouillon"}, body={"fr": "Pas encore."}))
    db.session.commit()
    body = client.get(f"/api/v1/consultations/{consultation.id}/news?per_page=1",
                      headers={"Accept-Language": "en"}).get_json()
    assert (body["total"], body["pages"]) == (2, 2)
    [item] = body["items"]
    assert (item["title"], item["body"], item["edited_at"]) == ("News 1", "Texte **gras**", None)
    assert item["texts"]["title"] == {"fr": "Nouvelle 1", "en": "News 1"}
    assert item["published_at"].endswith("Z")
    assert client.get(f"/api/v1/consultations/{draft.id}/news").status_code == 404


def test_a_photo_with_what_it_shows(app, client, login, territory_admin, consultation, image_bytes):
    from io import BytesIO

    from consult.uploads.sweep import named_paths

    from ..helpers import stored_files

    login(territory_admin)
    refused = write(client, consultation, image=(BytesIO(image_bytes()), "maquette.png"))
    assert refused.status_code == 422 and all_news() == [] and stored_files(app) == []
    assert "Dites ce que montre la photo, pour les personnes qui ne la voient pas." in refused.text
    not_an_image = write(client, consultation, image=(BytesIO(b"%PDF-1.4 not an image"), "maquette.png"),
                         image_alt="La maquette")
    assert not_an_image.status_code == 422 and all_news() == []
    assert "Ce fichier n’est pas une image valide" in not_an_image.text

    assert write(client, consultation, image=(BytesIO(image_bytes()), "maquette.png"),
                 image_alt="Les habitants autour de la maquette des quais").status_code == 303
    [news] = all_news()
    assert news.image_path.startswith("news/") and stored_files(app) == [news.image_path]
    assert news.image_path in named_paths()  # the sweep keeps it
    page = client.get(f"/consultations/{consultation.id}").text
    assert f'src="/uploads/{news.image_path}" alt="Les habitants autour de la maquette des quais"' in page

    # editing keeps the photo, whose description stays required; then removes it
    kept = client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "image_alt": ""})
    assert kept.status_code == 422
    assert client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "image_alt": "La maquette",
                                                            "remove_image": "y"}).status_code == 303
    [news] = all_news()
    assert (news.image_path, news.image_alt, stored_files(app)) == (None, "", [])


def test_a_photo_chosen_is_asked_again_when_the_news_is_refused(app, client, login, territory_admin, consultation,
                                                                image_bytes):
    from io import BytesIO

    from ..helpers import field_hint, stored_files

    login(territory_admin)
    refused = write(client, consultation, image=(BytesIO(image_bytes()), "reunion.png"))  # no alt text
    assert refused.status_code == 422 and 'id="image-error"' not in refused.text
    assert "Votre fichier «\u00a0reunion.png\u00a0» est une image valide" in field_hint(refused.text, "image")
    not_an_image = write(client, consultation, title_fr="", image=(BytesIO(b"%PDF-1.4 not an image"), "reunion.png"))
    assert "Ce fichier n’est pas une image valide" in not_an_image.text  # said with the title's error
    assert "Le texte en français est obligatoire." in not_an_image.text
    assert all_news() == [] and stored_files(app) == []

    write(client, consultation, image_alt="")
    [news] = all_news()
    edited = client.post(f"/admin/news/{news.id}/edit", headers={"Accept-Language": "fr"},
                         data={**NEWS, "title_fr": "", "image": (BytesIO(image_bytes()), "quais.png")})
    assert edited.status_code == 422 and "«\u00a0quais.png\u00a0»" in field_hint(edited.text, "image")
    assert all_news()[0].image_path is None and stored_files(app) == []


def test_deleting_news_deletes_its_photo(app, client, login, territory_admin, consultation, image_bytes):
    from io import BytesIO

    from ..helpers import stored_files

    login(territory_admin)
    write(client, consultation, image=(BytesIO(image_bytes()), "a.png"), image_alt="Une photo")
    [news] = all_news()
    assert stored_files(app) == [news.image_path]
    client.post(f"/admin/news/{news.id}/delete")
    assert all_news() == [] and stored_files(app) == []


def test_a_draft_is_seen_in_the_back_office_only_until_it_is_published(client, login, make, territory_admin,
                                                                       consultation):
    fan = make.user()
    follow(fan, "consultation", consultation.id)
    db.session.commit()
    login(territory_admin)
    response = write(client, consultation, action="draft", title_fr="Les travaux commencent lundi")
    assert response.status_code == 303
    [news] = all_news()
    assert news.published_at is None
    back_office = client.get(f"/admin/consultations/{consultation.id}/news", headers={"Accept-Language": "fr"}).text
    assert "Brouillon" in back_office and "Les travaux commencent lundi" in back_office
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0
    with client.session_transaction() as session:
        session.clear()
    assert "Les travaux commencent lundi" not in client.get(f"/consultations/{consultation.id}").text
    assert "Les travaux commencent lundi" not in client.get(f"/consultations/{consultation.id}/news").text
    assert client.get(f"/consultations/{consultation.id}/news/{news.id}").status_code == 404
    assert client.get(f"/api/v1/consultations/{consultation.id}/news").get_json()["total"] == 0

    login(territory_admin)
    assert client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "title_fr": "Les travaux commencent mardi",
                                                            "action": "draft"}).status_code == 303
    [news] = all_news()
    assert (news.published_at, news.edited_at) == (None, None)  # a draft's changes are no edits
    assert client.post(f"/admin/news/{news.id}/edit", data={**NEWS, "title_fr": "Les travaux commencent mardi",
                                                            "action": "publish"}).status_code == 303
    [news] = all_news()
    assert news.published_at is not None and news.edited_at is None
    assert client.get(f"/consultations/{consultation.id}/news/{news.id}").status_code == 200
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == fan.id)) == 1


def test_the_news_is_a_feed_for_feed_readers(client, login, make, territory_admin, consultation):
    from xml.etree import ElementTree

    login(territory_admin)
    write(client, consultation, title_fr="Réunion <publique>", body_fr="**Salle des fêtes** <script>x</script>")
    write(client, consultation, title_fr="Les travaux commencent", title_en="The works start")
    write(client, consultation, action="draft", title_fr="Un brouillon")
    write(client, consultation, title_fr="Plus tard", publish_at="2030-03-04T09:30")
    with client.session_transaction() as session:
        session.clear()  # a feed reader

    page = client.get(f"/consultations/{consultation.id}/news", headers={"Accept-Language": "fr"}).text
    feed_url = f"/consultations/{consultation.id}/news.atom"
    assert f'<link rel="alternate" type="application/atom+xml" title="Actualités — Budget participatif" ' \
           f'href="{feed_url}">' in page
    response = client.get(feed_url, headers={"Accept-Language": "en"})
    assert response.status_code == 200 and response.content_type == "application/atom+xml; charset=utf-8"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(response.data)
    assert feed.find(f"{atom}title").text == "News — Participatory budget"
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == ["The works start", "Réunion <publique>"]
    first, second = all_news()[:2]
    assert entries[1].find(f"{atom}id").text.endswith(f"/consultations/{consultation.id}/news/{first.id}")
    assert entries[1].find(f"{atom}id").text.startswith("http")  # an absolute address
    html = entries[1].find(f"{atom}content").text  # the sanitised HTML, once unescaped from the XML
    assert "<strong>Salle des fêtes</strong>" in html and "<script>" not in html
    assert feed.find(f"{atom}updated").text == second.published_at.isoformat(timespec="seconds") + "Z"


def test_the_feed_is_revalidated_and_holds_no_character_xml_forbids(client, login, territory_admin,
                                                                      consultation):
    from xml.etree import ElementTree

    login(territory_admin)
    write(client, consultation, title_fr="Réunion\x0bpublique", body_fr="Salle\x01 des fêtes")
    with client.session_transaction() as session:
        session.clear()
    url = f"/consultations/{consultation.id}/news.atom"
    feed = client.get(url)
    entry = ElementTree.fromstring(feed.data).find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == "Réunionpublique"
    assert feed.headers["Cache-Control"] == "public, max-age=300" and "Accept-Language" in feed.headers["Vary"]
    assert client.get(url, headers={"If-None-Match": feed.headers["ETag"]}).status_code == 304
    consultation.title = {"fr": "Budget", "en": "Budget"}
    english = client.get(url, headers={"Accept-Language": "en"}).data.decode()
    assert '<title xml:lang="fr">Réunionpublique</title>' in english  # no English title: read in French


def test_a_feed_whose_latest_news_was_deleted_is_no_longer_revalidated(client, login, territory_admin,
                                                                        consultation):
    login(territory_admin)
    write(client, consultation, title_fr="Réunion publique")
    write(client, consultation, title_fr="Annonce erronée")
    url = f"/consultations/{consultation.id}/news.atom"
    first = client.get(url)
    client.post(f"/admin/news/{all_news()[-1].id}/delete")
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and "Annonce erronée" not in again.text and "Réunion publique" in again.text
    consultation.title = {"fr": "Nouveau titre"}
    db.session.commit()
    assert client.get(url, headers={"If-None-Match": again.headers["ETag"]}).status_code == 200


def test_a_draft_consultation_has_no_feed(client, make, territory):
    draft = make.consultation(territory, status="draft")
    assert client.get(f"/consultations/{draft.id}/news.atom").status_code == 404
