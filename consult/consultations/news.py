"""The news a territory's admins post on a consultation (« Actualités »): what happened since
(a public meeting, the results presented to the council, the works started). The consultation's
page shows the latest; its followers hear of them in one notice per consultation that counts
them, sent in their digest (notifications.gathered)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..database import utcnow
from ..extensions import db
from ..i18n import bilingual
from ..permissions import can_view_consultation
from ..uploads import discard_after_commit, save_image
from .forms import image_field
from .models import ConsultationNews

TITLE_LENGTH = 150
BODY_LENGTH = 10_000
LATEST = 3  # on the consultation's page; the others on its news page
PER_PAGE = 10
ALT_LENGTH = 250
IMAGE_SIZE = (1600, 1200)
MARKDOWN_HINT = _l("Markdown: **bold**, *italics*, lists, links.")


class NewsForm(FlaskForm):
    """The texts, and a photo with what it shows (required with a photo: alt text)."""

    title_fr = StringField(_l("Title in French"), validators=[
        DataRequired(message=_l("The French text is required.")), Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=TITLE_LENGTH)])
    body_fr = TextAreaField(_l("Text in French"), description=MARKDOWN_HINT, render_kw={"rows": 8}, validators=[
        DataRequired(message=_l("The French text is required.")), Length(max=BODY_LENGTH)])
    body_en = TextAreaField(_l("Text in English"), description=MARKDOWN_HINT, render_kw={"rows": 8},
                            validators=[Optional(), Length(max=BODY_LENGTH)])
    image = image_field(_l("Photo"))
    image_alt = StringField(_l("What the photo shows"), validators=[Length(max=ALT_LENGTH)],
                            description=_l("For people who cannot see it, in one sentence: “Residents around "
                                           "the model of the riverbanks”."))
    remove_image = BooleanField(_l("Remove the photo"))

    def __init__(self, *args, has_image=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_image = has_image

    def validate_image_alt(self, field):
        keeps = self.has_image and not self.remove_image.data
        if (self.image.data or keeps) and not (field.data or "").strip():
            raise ValidationError(_l("Say what the photo shows, for people who cannot see it."))

    @classmethod
    def of(cls, news):
        data = {f"{field}_{lang}": getattr(news, field).get(lang, "") for field in ("title", "body")
                for lang in ("fr", "en")}
        return cls(data={**data, "image_alt": news.image_alt}, has_image=bool(news.image_path))


def _apply(news, form):
    """The form's texts and photo (raises ImageError, with its message, for a file that is no image)."""
    if form.image.data:
        old, news.image_path = news.image_path, save_image(form.image.data, "news", max_size=IMAGE_SIZE)
        discard_after_commit(old)
    elif form.remove_image.data:
        discard_after_commit(news.image_path)
        news.image_path = None
    news.image_alt = (form.image_alt.data or "").strip() if news.image_path else ""
    news.title = bilingual(form.title_fr.data, form.title_en.data)
    news.body = bilingual(form.body_fr.data, form.body_en.data)


def is_public(consultation):
    """Whether everyone reads its news now (published or archived; a draft's wait for it)."""
    return can_view_consultation(None, consultation)


def post_news(consultation, author, form, publish=True):
    """A new piece of news, published now or kept as a draft."""
    news = ConsultationNews(consultation=consultation, author_id=author.id)
    _apply(news, form)
    db.session.add(news)
    db.session.flush()
    if publish:
        publish_news(news, author)
    return news


def edit_news(news, form, publish, actor):
    """Change a piece of news: one published is edited (and says so); a draft stays one, or is
    published now when `publish`."""
    _apply(news, form)
    if news.published_at is not None:
        news.edited_at = utcnow()
    elif publish:
        publish_news(news, actor)
    return news


def publish_news(news, actor):
    """Show a draft from now on; the consultation's followers are told when the public reads it."""
    from ..notifications.events import consultation_news

    news.published_at = utcnow()
    if is_public(news.consultation):
        consultation_news(news, actor=actor)


def delete_news(news):
    discard_after_commit(news.image_path)
    db.session.delete(news)


def news_query(consultation_id, drafts=False):
    """A consultation's news, the latest first (with the drafts, first of all, for its staff)."""
    query = db.select(ConsultationNews).where(ConsultationNews.consultation_id == consultation_id)
    if not drafts:
        query = query.where(ConsultationNews.published_at.is_not(None))
    return query.order_by(ConsultationNews.published_at.desc().nulls_first(), ConsultationNews.id.desc())


def latest_news(consultation_id):
    """(the LATEST pieces of news, how many there are in all), in two short queries."""
    latest = db.session.scalars(news_query(consultation_id).limit(LATEST)).all()
    if len(latest) < LATEST:
        return latest, len(latest)
    return latest, db.session.scalar(db.select(db.func.count(ConsultationNews.id)).where(
        ConsultationNews.consultation_id == consultation_id, ConsultationNews.published_at.is_not(None)))


def news_or_404(news_id):
    return db.get_or_404(ConsultationNews, news_id)
