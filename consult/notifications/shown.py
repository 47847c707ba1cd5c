"""A notice as people read it: in the notification centre, in its mail, in the download of their
data. In HTML, the titles it quotes keep the language they are written in (“New comments on
<span lang="fr">…</span>”, i18n.in_its_language): screen readers read them with their own voice,
and the sentence around them in the reader's."""
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from markupsafe import escape

from ..extensions import db
from ..i18n import in_its_language
from .readable import unreadable
from .services import STAFF_KINDS
from .texts import QUOTED, actor_names, describe

# Where a title goes while the sentence around it is written: characters nobody types.
STAND_IN = "\ue000%s\ue001"

# In place of a notice about what the person may no longer read (its title may be why).
NO_LONGER_SHOWN = _l("This notice was about something that is no longer shown: hidden by moderation, or no "
                     "longer public.")
NO_LONGER_ON_THE_TEAM = _l("This notice was for the team of a territory you no longer serve.")


def proposal_languages(notifications):
    """{proposal id: the language its title is written in}, for the notices made before they kept
    that language (one query for them all)."""
    from ..proposals.models import Proposal

    ids = {(n.payload or {}).get("proposal_id") for n in notifications
           if not (n.payload or {}).get("title_language")} - {None}
    if not ids:
        return {}
    return dict(db.session.execute(db.select(Proposal.id, Proposal.language).where(Proposal.id.in_(ids))).all())


def describe_html(notification, names=None, languages=None):
    """describe()'s sentence as HTML, each title it quotes marked with its language when that is not
    the reader's; `languages` is proposal_languages() of a list holding this notification."""
    payload = notification.payload or {}
    titles = {key: payload[key] for key in QUOTED if payload.get(key)}
    written = SimpleNamespace(kind=notification.kind, repeats=getattr(notification, "repeats", None),
                              payload={**payload, **{key: STAND_IN % key for key in titles}})
    language = payload.get("title_language") or (languages or {}).get(payload.get("proposal_id"))
    html = escape(describe(written, names))
    for key, title in titles.items():
        html = html.replace(STAND_IN % key, in_its_language(title, language))
    return html


def as_shown(user, notifications, html=False):
    """(notice, its sentence, its link) as the notification centre shows them to `user` (`html`),
    and the download of their data gives them (plain text): a notice about what they may no
    longer read says only so (for a team's notice, that they left the team: readable.unreadable)."""
    names = actor_names(notifications)
    languages = proposal_languages(notifications) if html else None
    hidden = unreadable(user, notifications)

    def sentence(notice):
        if notice.id in hidden:
            return NO_LONGER_ON_THE_TEAM if notice.kind in STAFF_KINDS else NO_LONGER_SHOWN
        return describe_html(notice, names, languages) if html else describe(notice, names)

    return [(n, sentence(n), None if n.id in hidden else n.url) for n in notifications]
