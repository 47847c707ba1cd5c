"""The news a territory's admins post on a consultation (« Actualités »): what happened since
(a public meeting, the results presented to the council, the works started). The consultation's
page shows the latest; its followers hear of them in one notice per consultation that counts
them, sent in their digest (notifications.gathered)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..database import utcnow
from ..extensions import db
from ..i18n import bilingual
from ..permissions import can_view_consultation
from .models import ConsultationNews

TITLE_LENGTH = 150
BODY_LENGTH = 10_000
LATEST = 3  # on the consultation's page; the others on its news page
PER_PAGE = 10
MARKDOWN_HINT = _l("Markdown: **bold**, *italics*, lists, links.")


class NewsForm(FlaskForm):
    title_fr = StringField(_l("Title in French"), validators=[
        DataRequired(message=_l("The French text is required.")), Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=TITLE_LENGTH)])
    body_fr = TextAreaField(_l("Text in French"), description=MARKDOWN_HINT, render_kw={"rows": 8}, validators=[
        DataRequired(message=_l("The French text is required.")), Length(max=BODY_LENGTH)])
    body_en = TextAreaField(_l("Text in English"), description=MARKDOWN_HINT, render_kw={"rows": 8},
                            validators=[Optional(), Length(max=BODY_LENGTH)])

    @classmethod
    def of(cls, news):
        return cls(data={f"{field}_{lang}": getattr(news, field).get(lang, "")
                         for field in ("title", "body") for lang in ("fr", "en")})


def _apply(news, form):
    news.title = bilingual(form.title_fr.data, form.title_en.data)
    news.body = bilingual(form.body_fr.data, form.body_en.data)


def is_public(consultation):
    """Whether everyone reads its news now (published or archived; a draft's wait for it)."""
    return can_view_consultation(None, consultation)


def post_news(consultation, author, form):
    """A new piece of news; the consultation's followers are told when the public reads it."""
    from ..notifications.events import consultation_news

    news = ConsultationNews(consultation_id=consultation.id, consultation=consultation, author_id=author.id)
    _apply(news, form)
    db.session.add(news)
    db.session.flush()
    if is_public(consultation):
        consultation_news(news, actor=author)
    return news


def edit_news(news, form):
    _apply(news, form)
    news.edited_at = utcnow()


def delete_news(news):
    db.session.delete(news)


def news_query(consultation_id):
    return (db.select(ConsultationNews).where(ConsultationNews.consultation_id == consultation_id)
            .order_by(ConsultationNews.created_at.desc(), ConsultationNews.id.desc()))


def latest_news(consultation_id):
    """(the LATEST pieces of news, how many there are in all), in two short queries."""
    latest = db.session.scalars(news_query(consultation_id).limit(LATEST)).all()
    if len(latest) < LATEST:
        return latest, len(latest)
    return latest, db.session.scalar(db.select(db.func.count(ConsultationNews.id))
                                     .where(ConsultationNews.consultation_id == consultation_id))


def news_or_404(news_id):
    return db.get_or_404(ConsultationNews, news_id)
