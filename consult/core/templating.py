"""What every template can use: permissions, bilingual text, formatting helpers."""
from decimal import localcontext

from flask import g, request
from flask_login import current_user
from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from .. import permissions
from ..database import utcnow
from ..i18n import current_locale, date_text, datetime_text, in_its_language, lang_attr, language_attr, localized
from ..mail import absolute
from ..text import render_markdown
from .colors import accent_style
from .flashes import flashed_at, flashed_on_top
from .menu import account_menu
from .pagination import page_numbers
from .urls import page_address


def number(value, *args, **kwargs):
    """format_decimal, with a fast path for the small counts shown on every card (below 1,000
    no locale groups digits). An integer is written whole however long: Babel computes in the
    decimal context, whose 28 digits a longer one would exceed (InvalidOperation)."""
    if type(value) is not int:
        return format_decimal(value, *args, **kwargs)
    if 0 <= value < 1000 and not args and not kwargs:
        return str(value)
    with localcontext(prec=28 + value.bit_length() // 3):  # a bit holds less than a third of a digit
        return format_decimal(value, *args, **kwargs)


def required_note():
    """What the asterisk of required fields means: said once per page, before its first
    required field (the fields also carry the `required` attribute)."""
    if g.get("_required_note_said"):
        return ""
    g._required_note_said = True
    return Markup('<p class="required-note">%s</p>') % _("Fields marked with an asterisk (*) are required.")


def draft(*parts, saved=False):
    """The attributes of a form whose fields the browser keeps while they are filled in, until
    the server accepts it (drafts.js): under a key of the signed-in person's own, so that another
    account on the same device never sees it, with the words of the note that gives it back.
    `parts` name the form: draft('comment', proposal.id). `saved`: the form edits something
    saved, which may be saved again elsewhere meanwhile: the page then shows it as it is now,
    and offers the draft instead."""
    key = ":".join(str(part) for part in (current_user.id, *parts))
    attributes = Markup(' data-draft="%s" data-draft-restored="%s" data-draft-discard="%s"') % (
        key, _("What you wrote or chose here and did not send is back: this browser kept it."), _("Discard it"))
    if saved:
        attributes += Markup(' data-draft-changed="%s" data-draft-offer="%s"') % (
            _("This was saved elsewhere since you began changing it here: it is shown as it is now, "
              "without your unsent changes."), _("Bring back my changes"))
    return attributes


def init_app(app):
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["lang_attr"] = lang_attr
    app.jinja_env.filters["language_attr"] = language_attr
    app.jinja_env.filters["in_its_language"] = in_its_language
    app.jinja_env.filters["date"] = date_text
    app.jinja_env.filters["datetime"] = datetime_text
    app.jinja_env.filters["number"] = number
    app.jinja_env.globals["account_menu"] = account_menu
    app.jinja_env.globals["page_numbers"] = page_numbers
    app.jinja_env.globals["required_note"] = required_note
    app.jinja_env.globals["draft"] = draft
    app.jinja_env.globals["flashed_at"] = flashed_at
    app.jinja_env.globals["flashed_on_top"] = flashed_on_top
    app.jinja_env.globals["absolute_url"] = absolute
    app.jinja_env.globals["platform_name"] = app.config["PLATFORM_NAME"]

    @app.context_processor
    def _globals():
        return {
            "can": permissions,
            "current_locale": current_locale(),
            "accent_style": accent_style,
            "now": utcnow(),
            "current_url": page_address() if request else "/",
        }
