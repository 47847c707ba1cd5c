"""A moderator reading a debate finds a comment that breaks the rules, which nobody reported: they
moderate it from the page, decide, and are back at the comment; visitors never see the link."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import (
    LANGUAGES, Texts, alice_comments_on_the_orchard, containing, set_language, sign_in, sign_out, unique_email,
)

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_moderator_hides_a_comment_from_the_debate_and_restores_it(page, audit, lang):
    t = Texts(lang)
    set_language(page, lang)
    text = f"Achetez mes montres de luxe à prix cassés ({unique_email(lang)[:24]})"

    # Alice comments on a proposal of the participatory budget.
    proposal_url = alice_comments_on_the_orchard(page, t, text)
    comment_id = page.locator("li.comment").filter(has=page.get_by_text(text, exact=True)).get_attribute("id")
    expect(page.locator(".moderate-link")).to_have_count(0)
    sign_out(page, t)

    # The moderator reads the debate: each comment of somebody else, and the proposal, may be moderated.
    sign_in(page, t, "moderation@example.org")
    page.goto(proposal_url)
    comment = page.locator(f"#{comment_id}")
    expect(page.locator(".proposal-actions").get_by_role(
        "link", name=f"{t('Moderate')} {t('this proposal')}", exact=True)).to_be_visible()
    link = comment.get_by_role("link", name=containing(t("Moderate")))
    expect(link).to_have_accessible_name(re.compile("^" + re.escape(t("Moderate")) + ".*Alice Martin"))
    audit.check(page, "debate-moderator")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Review an item") + " — Villeneuve-sur-Lot")
    expect(page.get_by_role("link", name=t("Back to the page you came from"))).to_be_visible()
    page.get_by_role("group", name=t("Decision")).get_by_role("radio", name=t("Hide"), exact=True).check()
    page.get_by_label(t("Rule of the charter")).select_option(label=t("Spam"))
    page.get_by_label(t("Explanation for the author")).fill("La publicité n'a pas sa place dans le débat.")
    audit.check(page, "decide-from-the-page")
    page.get_by_role("button", name=t("Record the decision")).click()

    # Back at the comment, now hidden, told what was decided; the link leads back to restore it.
    expect(page).to_have_url(f"{proposal_url}#{comment_id}")
    expect(comment.locator(".flashes")).to_contain_text(t(
        "Decision recorded: %(action)s. The author has been told why, and may appeal.",
        action=t.p("moderation decision", "Hidden")))
    expect(comment.locator(".placeholder")).to_contain_text(t("Spam"))
    audit.check(page, "hidden-from-the-page")
    comment.get_by_role("link", name=containing(t("Moderate"))).click()
    page.get_by_role("group", name=t("Decision")).get_by_role("radio", name=t("Restore"), exact=True).check()
    page.get_by_role("button", name=t("Record the decision")).click()
    expect(page).to_have_url(f"{proposal_url}#{comment_id}")
    expect(comment.get_by_text(text, exact=True)).to_be_visible()
    sign_out(page, t)

    # A visitor reads the same debate, without any way to moderate it.
    page.goto(proposal_url)
    expect(page.locator(f"#{comment_id}").get_by_text(text, exact=True)).to_be_visible()
    expect(page.locator(".moderate-link")).to_have_count(0)
