"""The signed-in person's part of the main menu, kept per language, roles and unread count
(the CSRF token is swapped in when served)."""
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from .. import permissions
from ..i18n import current_locale
from ..pagecache.personal import slot
from .fragments import render_kept

def render_account_menu(moderation, administration, unread):
    return render_kept("_account_menu.html", (current_locale(), moderation, administration, int(unread)),
                       generate_csrf(), moderation=moderation, administration=administration,
                       unread=int(unread))


def account_menu():
    """The menu of the signed-in person (a marker when the page is rendered to be shared)."""
    from ..notifications.views import unread_count_now

    return slot("menu", "", lambda: render_account_menu(
        permissions.can_see_moderation(current_user), permissions.can_see_admin(current_user),
        unread_count_now()))
