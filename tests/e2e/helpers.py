"""Shared steps of the browser journeys: language, accounts, layout checks."""
import re
import tempfile
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

    def p(self, context, msgid):
        """The text of a message with a context (pgettext)."""
        return self.catalog.pgettext(context, msgid)

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


HEADING_LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.offsetParent !== null).map(h => [+h.tagName[1], h.textContent.trim().slice(0, 60)])"""


def headings_in_order(page: Page):
    """One h1 first, and no heading more than one level below the one before it."""
    headings = page.evaluate(HEADING_LEVELS)
    assert headings and headings[0][0] == 1, f"{page.url} does not open with its h1: {headings[:2]}"
    assert [level for level, _ in headings].count(1) == 1, f"{page.url} has several h1: {headings}"
    for (before, _), (level, text) in zip(headings, headings[1:]):
        assert level <= before + 1, f"{page.url}: h{level} «{text}» right after an h{before}"


def flash(page: Page):
    return page.locator(".flashes")


def sign_in(page: Page, t: Texts, email, password=PASSWORD, audit=None):
    page.goto("/auth/login")
    page.get_by_label(t("Email address")).fill(email)
    page.get_by_label(t("Password"), exact=True).fill(password)
    if audit:
        audit.check(page, "sign-in")
    page.locator("main").get_by_role("button", name=t("Sign in")).click()
    expect(page.get_by_role("button", name=t("Sign out"))).to_be_visible()


def sign_out(page: Page, t: Texts):
    page.get_by_role("button", name=t("Sign out")).click()
    expect(page.get_by_role("link", name=t("Sign in"), exact=True)).to_be_visible()


def confirmation_link(mail_sink, email):
    message = mail_sink.wait_for(email)
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://\S+/auth/confirm/\S+", body)
    assert match, f"no confirmation link in the mail to {email}:\n{body}"
    return match.group(0)


class Mouse:
    """Drives the page the usual way: clicks and fills."""

    keyboard_only = False

    def __init__(self, page: Page):
        self.page = page

    def fill(self, locator, text):
        locator.fill(text)

    def activate(self, locator):
        locator.click()

    def check(self, locator):
        locator.check()

    def select(self, locator, label):
        locator.select_option(label=label)

    def choose(self, group, radio):
        radio.check()

    def skip_to_content(self):
        pass


class Keyboard:
    """Drives the page with the keyboard alone: Tab / Shift+Tab to reach a control (never a
    click, never fill()), then typing, Enter, Space and the arrow keys as a person would.

    Each control reached must show a visible focus indicator.
    """

    keyboard_only = True
    MAX_PRESSES = 300

    def __init__(self, page: Page):
        self.page = page
        self.presses = 0

    def _is_focused(self, handle):
        return self.page.evaluate("el => document.activeElement === el", handle)

    def _direction(self, handle):
        # Shift+Tab when the target comes before the element that has the focus.
        before = self.page.evaluate(
            """el => {
                const a = document.activeElement;
                if (!a || a === document.body) return false;
                return Boolean(a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
            }""", handle)
        return "Shift+Tab" if before else "Tab"

    def tab_to(self, locator):
        locator.wait_for(state="visible")
        handle = locator.element_handle()
        if self._is_focused(handle):
            return handle
        key = self._direction(handle)
        for _ in range(self.MAX_PRESSES):
            self.page.keyboard.press(key)
            self.presses += 1
            if self._is_focused(handle):
                break
        else:
            raise AssertionError(f"{key} never reached {locator} on {self.page.url}")
        visible = self.page.evaluate(
            """el => {
                const s = getComputedStyle(el);
                return el.matches(':focus-visible') && (s.outlineStyle !== 'none' && s.outlineWidth !== '0px'
                       || s.boxShadow !== 'none');
            }""", handle)
        assert visible, f"no visible focus indicator on {locator} at {self.page.url}"
        return handle

    def fill(self, locator, text):
        self.tab_to(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def activate(self, locator):
        handle = self.tab_to(locator)
        tag = self.page.evaluate("el => el.tagName", handle)
        # Buttons with Space, links and disclosure summaries with Enter.
        self.page.keyboard.press("Space" if tag == "BUTTON" else "Enter")

    def check(self, locator):
        self.tab_to(locator)
        if not locator.is_checked():
            self.page.keyboard.press("Space")
        expect(locator).to_be_checked()

    def select(self, locator, label):
        self.tab_to(locator)
        options = locator.locator("option").all_inner_texts()
        target = [o.strip() for o in options].index(label)
        current = locator.evaluate("el => el.selectedIndex")
        key = "ArrowDown" if target > current else "ArrowUp"
        for _ in range(abs(target - current)):
            self.page.keyboard.press(key)
        expect(locator.locator("option:checked")).to_have_text(label)

    def choose(self, group, radio):
        # Tab enters a radio group on its checked button; the arrow keys move the choice.
        radios = group.get_by_role("radio")
        checked = group.locator("input[type=radio]:checked")
        self.tab_to(checked if checked.count() else radios.first)
        for _ in range(radios.count()):
            if radio.is_checked():
                break
            self.page.keyboard.press("ArrowDown")
        expect(radio).to_be_checked()

    def skip_to_content(self):
        """The first Tab on a page reaches the skip link; Enter moves the focus to the content."""
        if not self.page.evaluate("() => !document.activeElement || document.activeElement === document.body"):
            return  # not a fresh page: the focus is already in it
        skip = self.page.locator("a.skip-link")
        self.tab_to(skip)
        self.page.keyboard.press("Enter")
        expect(self.page.locator("main")).to_be_focused()


def register_and_confirm(page: Page, audit, mail_sink, t: Texts, email, name, password=PASSWORD):
    """A new resident: the registration form, then the link of the confirmation mail, which
    signs them in."""
    page.goto("/auth/register")
    page.get_by_label(t("Email address")).fill(email)
    page.get_by_label(t("Display name")).fill(name)
    page.get_by_label(t("Password"), exact=True).fill(password)
    page.get_by_label(t("Password again")).fill(password)
    page.get_by_label(t("I have read and I accept the terms of use")).check()
    audit.check(page, "register")
    page.get_by_role("button", name=t("Create my account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your inbox"))
    page.goto(confirmation_link(mail_sink, email))
    page.get_by_label(t("Password"), exact=True).fill(password)
    page.get_by_role("button", name=t("Confirm my email address")).click()
    expect(flash(page)).to_contain_text(t("Thank you, your email address is confirmed. "
                                          "You can now take part in consultations."))
    audit.check(page, "confirmed")


def kept_drafts(page: Page):
    """How many drafts this browser keeps, once the page's script has run: it is deferred, so
    a page may show its heading before the script forgets the draft the server just accepted."""
    page.wait_for_load_state("domcontentloaded")
    return page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('consult-draft:')).length")


def pdf_file(title):
    """A one-page PDF on disk, to attach."""
    from consult.demo.pdf import simple_pdf

    path = Path(tempfile.mkdtemp()) / "dossier.pdf"
    path.write_bytes(simple_pdf(title, ["Objectif : 60 % de produits locaux."]))
    return str(path)


@lru_cache(maxsize=1)
def photo():
    """A photo as a phone takes it (4000 × 3000 JPEG, several MB): what the preview carries
    back to the form is larger than a form's text fields may be by default."""
    from PIL import Image

    path = Path(tempfile.mkdtemp()) / "photo.jpg"
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(path, "JPEG", quality=90)
    return str(path)


def post_proposal(page: Page, audit, t: Texts, title, body, category):
    """From a consultation page: write a proposal with a photo, preview it, go back to the form
    and preview again, publish; returns its URL."""
    page.get_by_role("link", name=t("Make a proposal"), exact=True).click()
    page.get_by_label(t("Title"), exact=True).fill(title)
    page.get_by_label(t("Description"), exact=True).fill(body)
    page.get_by_label(t("Category")).select_option(label=category)
    page.get_by_label(t("Image (optional)")).set_input_files(photo())
    audit.check(page, "propose")
    page.get_by_role("button", name=t("Preview")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Preview your proposal"))
    # Back to the form (which carries the photo), then a second preview
    page.get_by_role("button", name=t("Edit"), exact=True).click()
    expect(page.get_by_text(t("An image is attached. Send another one to replace it."))).to_be_visible()
    expect(page.get_by_label(t("Remove the image"))).not_to_be_checked()  # it could be taken off here
    page.get_by_role("button", name=t("Preview")).click()
    expect(page.get_by_role("img", name=t("Image of the proposal"))).to_be_visible()
    page.get_by_role("button", name=t("Publish")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("img", name=t("Image of the proposal"))).to_be_visible()
    expect(flash(page)).to_contain_text(t("Your proposal is published."))
    # Published: the browser no longer keeps its text (see test_drafts.py)
    assert kept_drafts(page) == 0
    audit.check(page, "proposal")
    return page.url


def alice_comments_on_the_orchard(page: Page, t: Texts, text):
    """Alice comments `text` on the orchard proposal of the demo's participatory budget (still
    signed in after); returns the proposal's URL."""
    budget = t.pick("Budget participatif : vos projets pour Villeneuve",
                    "Participatory budget: your projects for Villeneuve")
    sign_in(page, t, "alice@example.org")
    page.goto("/consultations/")
    page.locator(".consultation-cards").get_by_role("link", name=budget).click()
    page.goto(page.url.split("#")[0].rstrip("/") + "/proposals")
    page.get_by_role("link", name="Un verger partagé au parc Saint-Cyr", exact=True).click()
    proposal_url = page.url.split("#")[0]
    page.get_by_label(t("Your comment")).fill(text)
    page.locator("#comment-submit").click()
    expect(flash(page)).to_contain_text(t("Your comment is published."))
    return proposal_url
