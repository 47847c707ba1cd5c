"""Shared steps of the browser journeys: language, accounts, layout checks."""
import re
import uuid
from functools import lru_cache
from pathlib import Path

from babel.support import Translations
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "consult-demo"
LANGUAGES = ["fr", "en"]
MOBILE = {"width": 375, "height": 667}


@lru_cache
def _catalog(lang):
    return Translations.load(str(ROOT / "translations"), [lang], domain="messages")


class Texts:
    """The UI text a person reading `lang` sees: the compiled catalog of the app itself.

    Until the catalogs are translated, gettext answers with the English msgid, so the
    journeys hold both before and after the translation pass.
    """

    def __init__(self, lang):
        self.lang = lang
        self.catalog = _catalog(lang)

    def __call__(self, msgid, **values):
        text = self.catalog.gettext(msgid)
        return text % values if values else text

    def n(self, singular, plural, num, **values):
        return self.catalog.ngettext(singular, plural, num) % {"num": num, **values}

    def translated(self, msgid):
        """True when the compiled catalog has a translation for msgid."""
        return self.catalog.gettext(msgid) != msgid

    def pick(self, fr, en):
        return fr if self.lang == "fr" else en


def exact(text):
    """A regular expression matching text exactly, ignoring surrounding white space."""
    return re.compile(r"^\s*" + re.escape(text) + r"\s*$")


def containing(text):
    return re.compile(re.escape(text))


def unique_email(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.net"


def set_language(page: Page, lang):
    page.context.set_extra_http_headers({"Accept-Language": lang})


def expect_language(page: Page, lang):
    expect(page.locator("html")).to_have_attribute("lang", lang)


def no_horizontal_scroll(page: Page):
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, f"{page.url} scrolls sideways: {width}px wide in a {viewport}px viewport"


def flash(page: Page):
    return page.locator(".flashes")


def sign_in(page: Page, t: Texts, email, password=PASSWORD, next_url=None):
    page.goto("/auth/login" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label(t("Email address")).fill(email)
    page.get_by_label(t("Password"), exact=True).fill(password)
    page.locator("main").get_by_role("button", name=t("Sign in")).click()
    expect(flash(page)).to_contain_text(t("You are signed in. Welcome, %(name)s.", name="")[:12])


def sign_out(page: Page, t: Texts):
    page.get_by_role("button", name=t("Sign out")).click()
    expect(page.get_by_role("link", name=t("Sign in"), exact=True)).to_be_visible()


def confirmation_link(mail_sink, email):
    message = mail_sink.wait_for(email)
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://\S+/auth/confirm/\S+", body)
    assert match, f"no confirmation link in the mail to {email}:\n{body}"
    return match.group(0)
