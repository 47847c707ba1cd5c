"""A moderator dismisses the reports on a comment from the queue: the first click only asks (the
people who reported it will be told no breach was found, for good), the second dismisses, with or
without JavaScript."""
import pytest
from playwright.sync_api import expect

from .helpers import (
    Texts, alice_comments_on_the_orchard, containing, flash, set_language, sign_in, sign_out, unique_email,
)

WITHOUT_SCRIPTS = pytest.mark.browser_context_args(java_script_enabled=False)


def commented_then_reported(page, t, text):
    """Alice comments on a proposal of the budget with `text`; Bob reports the comment as off-topic."""
    proposal_url = alice_comments_on_the_orchard(page, t, text)
    sign_out(page, t)
    sign_in(page, t, "bob@example.org")
    page.goto(proposal_url)
    page.locator("li.comment").filter(has=page.get_by_text(text, exact=True)).get_by_role(
        "link", name=containing(t("Report this comment"))).click()
    page.get_by_role("group", name=t("Why are you reporting this?")).get_by_role("radio", name=t("Off-topic")).check()
    page.get_by_role("button", name=t("Send the report")).click()
    sign_out(page, t)


@pytest.mark.parametrize("lang", [pytest.param("fr", marks=WITHOUT_SCRIPTS), "en"])
def test_the_first_click_asks_the_second_dismisses(page, audit, lang):
    t = Texts(lang)
    set_language(page, lang)
    text = f"Le verger pourrait aussi accueillir des ruches ({unique_email(lang)[:24]})"
    commented_then_reported(page, t, text)

    sign_in(page, t, "moderation@example.org")
    page.goto("/moderation/")
    item = page.locator(".moderation-item").filter(has=page.get_by_text(text))
    question = item.get_by_text(t("The person who reported it will be told that no breach of the charter was "
                                  "found. This cannot be undone."))
    expect(question).to_be_hidden()
    item.get_by_text(t("Dismiss the reports"), exact=True).click()
    expect(question).to_be_visible()
    expect(item.locator(".moderation-reports")).to_contain_text(t("Off-topic"))  # nothing decided yet
    audit.check(page, "dismiss-asked")
    item.get_by_role("button", name=t("Yes, dismiss the reports")).click()
    expect(flash(page)).to_contain_text(t("The reports were dismissed."))
    expect(page.locator(".moderation-item").filter(has=page.get_by_text(text))).to_have_count(0)
    audit.check(page, "dismissed")
