"""The signed-in person's part of the main menu, kept per language, roles and unread count
(the CSRF token is swapped in when served)."""
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from .. import permissions
from ..i18n import current_locale
from ..pagecache.personal import slot
from ..pagecache.tokens import CSRF_PLACEHOLDER
from .fragments import render_fragment

MAX_KEPT = 1000
_KEPT = {}


def render_account_menu(moderation, administration, unread):
    key = (current_locale(), moderation, administration, int(unread))
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= MAX_KEPT:
            _KEPT.clear()
        html = _KEPT[key] = render_fragment("_account_menu.html", moderation=moderation,
                                            administration=administration, unread=int(unread),
                                            csrf=CSRF_PLACEHOLDER)
    return Markup(html.replace(CSRF_PLACEHOLDER, generate_csrf()))


def account_menu():
    """The menu of the signed-in person (a marker when the page is rendered to be shared)."""
    from ..notifications.views import unread_count_now

    return slot("menu", "", lambda: render_account_menu(
        permissions.can_see_moderation(current_user), permissions.can_see_admin(current_user),
        unread_count_now()))
