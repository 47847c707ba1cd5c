"""A consultation's cover and its news's images are served to whom may read what shows them:
a consultation put back to draft takes its cover offline, news not out yet keeps its image."""
from datetime import timedelta
from io import BytesIO

from werkzeug.datastructures import FileStorage

from consult.consultations.models import ConsultationNews
from consult.consultations.services import save_cover
from consult.database import utcnow
from consult.extensions import db
from consult.uploads import save_image, thumbnail_path


def test_a_draft_consultation_s_cover_is_its_staff_s_only(app, client, make, login, image_bytes):
    territory = make.territory()
    consultation = make.consultation(territory)
    save_cover(consultation, FileStorage(BytesIO(image_bytes(size=(1200, 600))), "couverture.png"))
    db.session.commit()
    cover, thumb = f"/uploads/{consultation.cover_path}", f"/uploads/{thumbnail_path(consultation.cover_path)}"
    for address in (cover, thumb):
        with client.get(address) as served:
            assert served.status_code == 200
            assert served.headers["Cache-Control"] != "public, max-age=604800"  # kept a few minutes only
    consultation.status = "draft"
    db.session.commit()
    for address in (cover, thumb):
        assert client.get(address).status_code == 404
    login(make.member(make.user(), territory, "admin"))
    with client.get(cover) as served:  # kept by its staff's browser, never by a shared cache
        assert (served.status_code, served.headers["Cache-Control"]) == (200, "max-age=300, private")


def test_the_image_of_news_not_out_yet_is_its_staff_s_only(app, client, make, login, image_bytes):
    territory = make.territory()
    consultation = make.consultation(territory)
    news = ConsultationNews(consultation=consultation, title={"fr": "Réunion"}, body={"fr": "Jeudi."},
                            published_at=utcnow() + timedelta(days=2),
                            image_path=save_image(FileStorage(BytesIO(image_bytes()), "photo.png"), "news"))
    db.session.add(news)
    db.session.commit()
    address = f"/uploads/{news.image_path}"
    assert client.get(address).status_code == 404
    login(make.member(make.user(), territory, "admin"))
    with client.get(address) as served:
        assert (served.status_code, served.headers["Cache-Control"]) == (200, "max-age=300, private")
    news.published_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with client.get(address) as served:
        assert (served.status_code, served.headers["Cache-Control"]) == (200, "public, max-age=300")
    assert client.get("/uploads/news/nobody-uses-this.png").status_code == 404
