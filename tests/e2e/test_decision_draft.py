"""A moderator's decision being written (the decision chosen, the rule, the statement of reasons
for the author) is kept by the browser until the server records it: a reload, a closed tab or a
lost connection loses nothing."""
from playwright.sync_api import expect

from .helpers import Texts, kept_drafts, set_language, sign_in

BUDGET = "Budget participatif : vos projets pour Villeneuve"


def test_a_statement_of_reasons_being_written_survives_a_reload(page, audit):
    t = Texts("fr")
    set_language(page, "fr")
    sign_in(page, t, "moderation@example.org")
    page.goto("/consultations/")
    page.locator(".consultation-cards").get_by_role("link", name=BUDGET).click()
    proposal_id = page.locator(".proposal-card h3 a").first.get_attribute("href").rsplit("/", 1)[1]
    page.goto(f"/moderation/item/proposal/{proposal_id}")

    decision = page.get_by_role("group", name=t("Decision"))
    rule = page.get_by_label(t("Rule of the charter"))
    explanation = page.get_by_label(t("Explanation for the author"))
    text = "Ce message reprend mot pour mot une publicité.\nMerci de proposer une idée pour la ville."
    decision.get_by_role("radio", name=t("Hide"), exact=True).check()
    rule.select_option(label=t("Spam"))
    explanation.fill(text)
    page.wait_for_function("text => Object.keys(localStorage).some(k => k.startsWith('consult-draft:') "
                           "&& localStorage.getItem(k).includes(JSON.stringify(text).slice(1, -1)))", arg=text)

    page.reload()
    expect(explanation).to_have_value(text)
    expect(rule).to_have_value("spam")
    expect(decision.get_by_role("radio", name=t("Hide"), exact=True)).to_be_checked()
    expect(page.locator(".draft-note")).to_contain_text(
        t("What you wrote or chose here and did not send is back: this browser kept it."))
    audit.check(page, "decision-draft-restored")
    page.locator(".draft-note").get_by_role("button", name=t("Discard it")).click()
    expect(explanation).to_have_value("")
    assert kept_drafts(page) == 0
