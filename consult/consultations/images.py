"""Who may see a consultation's cover or a piece of its news's image: whoever may read what
shows it (a draft consultation's cover, news not out yet: its staff only)."""
from ..database import utcnow
from ..extensions import db
from ..permissions import can_edit_consultation, can_view_consultation
from ..uploads import original_path
from .models import Consultation, ConsultationNews

COVERS, NEWS_IMAGES = "covers", "news"  # their folders among the uploads


def image_shown(path, user):
    """Whether `user` may see the cover or news image (or thumbnail) at `path`; False when
    nothing shows it any more."""
    original = original_path(path)
    if path.startswith(f"{COVERS}/"):
        consultation = db.session.scalar(db.select(Consultation).where(Consultation.cover_path == original))
        return consultation is not None and can_view_consultation(user, consultation)
    news = db.session.scalar(db.select(ConsultationNews).where(ConsultationNews.image_path == original))
    if news is None or not can_view_consultation(user, news.consultation):
        return False
    return news.shown(utcnow()) or can_edit_consultation(user, news.consultation)
