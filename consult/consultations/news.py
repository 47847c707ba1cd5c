"""The news a territory's admins post on a consultation (« Actualités »): what happened since
(a public meeting, the results presented to the council, the works started). The consultation's
page shows the latest; its followers hear of them in one notice per consultation that counts
them, sent in their digest (notifications.gathered).

A piece of news is a draft (published_at None), scheduled (published_at to come: it is shown from
then on, by the queries themselves) or shown. Its followers are told once, when it is shown:
at once, or by `flask announce-news` (cron) for one that was scheduled."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import contains_eager, joinedload
from sqlalchemy.orm.attributes import set_committed_value
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..database import utcnow
from ..extensions import db
from ..i18n import bilingual
from ..permissions import can_view_consultation
from ..uploads import discard_after_commit, save_image
from .forms import datetime_field, image_field, utc_time
from .images import NEWS_IMAGES
from .models import PUBLIC_STATUSES, Consultation, ConsultationNews
from .services import local_time

TITLE_LENGTH = 150
BODY_LENGTH = 10_000
LATEST = 3  # on the consultation's page; the others on its news page
PER_PAGE = 10
ADMIN_PER_PAGE = 20  # in the back office, drafts and scheduled ones first
FEED_SIZE = 20  # in the Atom feed
ALT_LENGTH = 250
IMAGE_SIZE = (1600, 1200)
MARKDOWN_HINT = _l("Markdown: **bold**, *italics*, lists, links.")


class NewsForm(FlaskForm):
    """The texts, and a photo with what it shows (required with a photo: alt text)."""

    title_fr = StringField(_l("Title in French"), render_kw={"lang": "fr"}, validators=[
        DataRequired(message=_l("The French text is required.")), Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=TITLE_LENGTH)],
                           render_kw={"lang": "en"})
    body_fr = TextAreaField(_l("Text in French"), description=MARKDOWN_HINT, render_kw={"rows": 8, "lang": "fr"},
                            validators=[DataRequired(message=_l("The French text is required.")),
                                        Length(max=BODY_LENGTH)])
    body_en = TextAreaField(_l("Text in English"), description=MARKDOWN_HINT, render_kw={"rows": 8, "lang": "en"},
                            validators=[Optional(), Length(max=BODY_LENGTH)])
    image = image_field(_l("Photo"))
    image_alt = StringField(_l("What the photo shows"), validators=[Length(max=ALT_LENGTH)],
                            description=_l("For people who cannot see it, in one sentence: “Residents around "
                                           "the model of the riverbanks”."))
    remove_image = BooleanField(_l("Remove the photo"))
    publish_at = datetime_field(_l("Publish on"), description=_l(
        "Optional: leave it empty to publish the news at once. When given, the news is shown from that time on, "
        "and its followers are told then."))

    def __init__(self, *args, has_image=False, scheduled=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_image = has_image
        self.scheduled = scheduled  # the time it is to be shown at, when it is already set

    def validate_image_alt(self, field):
        keeps = self.has_image and not self.remove_image.data
        if (self.image.data or keeps) and not (field.data or "").strip():
            raise ValidationError(_l("Say what the photo shows, for people who cannot see it."))

    def validate_publish_at(self, field):
        at = utc_time(field.data) if field.data else None
        if at is not None and at <= utcnow() and at != self.scheduled:  # the time set may have come meanwhile
            raise ValidationError(_l("Choose a time to come, or leave the date empty to publish the news at once."))

    @classmethod
    def of(cls, news):
        data = {f"{field}_{lang}": getattr(news, field).get(lang, "") for field in ("title", "body")
                for lang in ("fr", "en")}
        scheduled = news.published_at if news.published_at and not news.shown(utcnow()) else None
        return cls(data={**data, "image_alt": news.image_alt, "publish_at": scheduled and local_time(scheduled)},
                   has_image=bool(news.image_path), scheduled=news.published_at)

    def publication_time(self):
        """When the news is to be shown: the time given (in UTC), or None for now."""
        return utc_time(self.publish_at.data) if self.publish_at.data else None


def _apply(news, form):
    """The form's texts and photo (raises ImageError, with its message, for a file that is no image)."""
    if form.image.data:
        old, news.image_path = news.image_path, save_image(form.image.data, NEWS_IMAGES, max_size=IMAGE_SIZE)
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
    """A new piece of news: published (now, or at the form's time) or kept as a draft."""
    news = ConsultationNews(consultation=consultation, author_id=author.id)
    _apply(news, form)
    db.session.add(news)
    db.session.flush()
    if publish:
        publish_news(news, form.publication_time())
    return news


def edit_news(news, form, publish):
    """Change a piece of news: one shown is edited (and says so); one not shown yet is published
    (now, or at the form's time) when `publish`, or kept (back) as a draft."""
    _apply(news, form)
    if news.shown(utcnow()):
        news.edited_at = utcnow()
    elif publish:
        publish_news(news, form.publication_time())
    else:
        news.published_at = None
    return news


def publish_news(news, at=None):
    """Show it from `at` (None: now) on; the consultation's followers are told when it is shown."""
    news.published_at = at or utcnow()
    if news.shown(utcnow()):
        announce(news)


def announce(news):
    """Tell the followers of its consultation, once, when the public reads it (that of a draft
    consultation waits for its publication: then `flask announce-news` tells it); whether told."""
    from ..notifications.events import consultation_news

    if not is_public(news.consultation):
        return False
    now = utcnow()
    claimed = db.session.execute(
        db.update(ConsultationNews).where(ConsultationNews.id == news.id, ConsultationNews.announced_at.is_(None))
        .values(announced_at=now).execution_options(synchronize_session=False)).rowcount
    if claimed:
        set_committed_value(news, "announced_at", now)
        consultation_news(news)
    return bool(claimed)


def announce_due_news(now=None):
    """Announce the news shown by now and not told yet: scheduled, or of a consultation published
    since (cron: `flask announce-news`); how many."""
    due = db.session.scalars(db.select(ConsultationNews).options(joinedload(ConsultationNews.consultation)).where(
        ConsultationNews.announced_at.is_(None), ConsultationNews.published_at <= (now or utcnow()))).all()
    told = sum(announce(news) for news in due)
    db.session.commit()
    return told


def delete_news(news):
    """Gone for good: its photo, and its count in its followers' notices (events.news_deleted)."""
    from ..notifications.events import news_deleted

    news_deleted(news)
    discard_after_commit(news.image_path)
    db.session.delete(news)


def _shown():
    return ConsultationNews.published_at <= utcnow()


def news_query(consultation_id, drafts=False):
    """A consultation's news shown, the latest first (with the drafts, first of all, then those
    scheduled, for its staff)."""
    query = db.select(ConsultationNews).where(ConsultationNews.consultation_id == consultation_id)
    if not drafts:
        query = query.where(_shown())
    return query.order_by(ConsultationNews.published_at.desc().nulls_first(), ConsultationNews.id.desc())


def latest_public_news(limit):
    """The latest news shown of the consultations everyone reads, with their consultations and
    territories (for the home page), in one query."""
    return db.session.scalars(
        db.select(ConsultationNews).join(ConsultationNews.consultation)
        .where(_shown(), Consultation.status.in_(PUBLIC_STATUSES))
        .options(contains_eager(ConsultationNews.consultation).joinedload(Consultation.territory))
        .order_by(ConsultationNews.published_at.desc(), ConsultationNews.id.desc()).limit(limit)).all()


def latest_news(consultation_id):
    """(the LATEST pieces of news, how many there are in all), in two short queries."""
    latest = db.session.scalars(news_query(consultation_id).limit(LATEST)).all()
    if len(latest) < LATEST:
        return latest, len(latest)
    return latest, db.session.scalar(db.select(db.func.count(ConsultationNews.id)).where(
        ConsultationNews.consultation_id == consultation_id, _shown()))


def news_or_404(news_id):
    return db.get_or_404(ConsultationNews, news_id)
