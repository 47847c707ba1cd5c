"""Locale choice and bilingual text.

Order: the person's saved preference, then the language switcher's cookie, then the
browser's Accept-Language, then French.
"""
import functools

from flask import current_app, g, has_app_context, has_request_context, request
from markupsafe import Markup
from flask_babel import (LazyString, format_date, format_datetime, format_decimal, format_time, get_locale,
                         get_timezone, get_translations)
from flask_babel import gettext as _
from flask_login import current_user

LOCALE_COOKIE = "consult_locale"
API_PAGES = ("/api/v1/docs",)  # the API's pages for people: in the language they chose on the site


def select_locale():
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    from .core.errors import is_api  # here: core.errors needs the app's i18n first

    if is_api() and request.path not in API_PAGES:
        return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return (chosen_locale() or request.accept_languages.best_match(languages)
            or current_app.config["BABEL_DEFAULT_LOCALE"])


def chosen_locale():
    """The language chosen in this browser with the switcher (or on a profile), or None."""
    cookie = request.cookies.get(LOCALE_COOKIE)
    return cookie if cookie in current_app.config["LANGUAGES"] else None


def template_translations():
    """The catalogue templates translate with, found once per request and language: Flask-Babel
    looks it up afresh for each label (writing the locale's name each time, about 10 µs), and
    a page of a debate has some 400 labels. Keyed by the locale object Flask-Babel holds for
    the request, which `force_locale` (mail in the reader's language) and `refresh` replace."""
    locale = getattr(g.get("_flask_babel"), "babel_locale", None) if has_app_context() else None
    kept = g.get("_template_translations") if locale is not None else None
    if kept is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()
    if locale is not None:
        g._template_translations = (locale, translations)
    return translations


def install_template_gettext(app):
    """Templates' _(), ngettext() and pgettext() through template_translations()."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: template_translations().ugettext(s),
        ngettext=lambda s, p, n: template_translations().ungettext(s, p, n),
        pgettext=lambda c, s: template_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: template_translations().unpgettext(c, s, p, n),
        newstyle=True)


def current_locale():
    return str(get_locale() or "fr")


def note_language(user):
    """Keep on the account of `user`, signed in in this browser, the language its pages are shown
    in here (`last_locale`, for the mail written to them later), written only when it changed.

    Noted when they sign in (with their password, a link, or their remember cookie) and when
    they choose a language: in between, the pages keep the language of the browser's settings,
    and the pages they read (a listing, a vote) write nothing to the account."""
    locale = select_locale()
    if user.last_locale != locale:
        user.last_locale = locale


def keep_chosen_language(user):
    """`user` signs in: a language chosen with the switcher in this browser becomes the account's
    when it has none (chosen before their first sign-in, on the page that asks them to confirm
    their address, say), so that it follows them to their other browsers and into their mail.
    A language the account has is never replaced: a signed-in person changes it themselves."""
    if user.locale is None and chosen_locale() is not None:
        user.locale = chosen_locale()


def mail_locale(user, asking=None):
    """The language of mail written to `user`: the one saved on their account (chosen on their
    profile or with the language switcher while signed in); else `asking`, the language of the
    page they ask for it from (a reset link, their confirmation link); else the language they
    last saw the pages in while signed in (their browser's); else the platform's default
    language. Never the language of somebody else's page (an admin's, for instance): a caller
    passes `asking` only when the person is the one asking."""
    languages = current_app.config["LANGUAGES"]
    for locale in (getattr(user, "locale", None), asking, getattr(user, "last_locale", None)):
        if locale in languages:
            return locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def localized(value, locale=None):
    """Pick the text for `locale` from {"fr": ..., "en": ...}, falling back to French."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return value.get(shown_language(value, locale)) or ""


def shown_language(value, locale=None):
    """The language localized() reads a bilingual text in: `locale`'s, else French, else the
    first one written."""
    locale = locale or current_locale()
    if value.get(locale):
        return locale
    return "fr" if value.get("fr") else next((lang for lang, text in value.items() if text), locale)


def lang_attr(value, attribute="lang"):
    """` lang="fr"` for an element showing a bilingual text read in another language than the
    page's (a French text an English reader is given: screen readers then read it in French);
    `attribute` "xml:lang" in a feed."""
    if not isinstance(value, dict) or not value:
        return ""
    return language_attr(shown_language(value), attribute)


def language_attr(language, attribute="lang"):
    """` lang="fr"` for an element showing a text written in `language` (a proposal's, a
    comment's) when the page is in another one."""
    return Markup(' %s="%s"') % (attribute, language) if language and language != current_locale() else ""


def in_its_language(value, language=None):
    """A title to put inside a sentence of the page: a resident's, written in `language`, or a
    bilingual one ({"fr": …, "en": …}) read in the page's language or else in French. In a span
    marked with its language when that is not the page's (“Your vote on <span lang="fr">…</span>”):
    screen readers then read it in French, the sentence around it in English."""
    if isinstance(value, dict):
        text, attribute = localized(value), lang_attr(value)
    else:
        text, attribute = value or "", language_attr(language)
    return Markup("<span%s>%s</span>") % (attribute, text) if attribute else text


def bilingual(fr, en):
    """The stored form of an admin-written text: {"fr": …} plus "en" when there is an English text."""
    value = {"fr": (fr or "").strip()}
    if (en or "").strip():
        value["en"] = en.strip()
    return value


def lazy_number(value):
    """A number for a lazy message (`_l("… %(max)s …", max=lazy_number(5000))`), written the
    way the reader's language writes it ("5 000", "5,000") when the message is shown."""
    return LazyString(format_decimal, value)


def datetime_text(value, fmt="medium"):
    """A date and time in the reader's language and time zone; by default the medium date and
    the short time, joined as a sentence says it ("29 nov. 2026 à 16:40", "Nov 29, 2026 at
    4:40 PM"): to the second, a time tells a reader nothing more."""
    if not value:
        return ""
    return _kept_datetime_text(value, fmt, str(get_locale()), str(get_timezone()))


@functools.lru_cache(maxsize=4096)
def _kept_datetime_text(value, fmt, _locale, _timezone):
    """Written once per process for each date, language and time zone (the formatting reads the
    last two from the request, as the key says): a debate's page shows 45 dates."""
    if fmt != "medium":
        return format_datetime(value, fmt)
    return _("%(date)s at %(time)s", date=date_text(value, "medium"), time=format_time(value, "short"))


def date_text(value, fmt="long"):
    """A date in the reader's language and time zone; French writes the first of the month
    « 1er » (« 1er déc. 2026 »)."""
    if not value:
        return ""
    text = format_date(value, fmt)
    return "1er" + text[1:] if text.startswith("1 ") and current_locale() == "fr" else text
