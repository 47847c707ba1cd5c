"""Journey 4: a report is handled by a moderator; the author reads the statement of reasons in a
mail that fits a phone's screen and on /me/moderation, and appeals; a territory admin reverses
the decision."""
import pytest
from playwright.sync_api import expect

from ..helpers import html_part
from .helpers import (
    LANGUAGES, MOBILE, Texts, exact, expect_language, flash, no_horizontal_scroll, post_proposal, register_and_confirm,
    set_language, sign_in, sign_out, unique_email,
)

BUDGET = {"fr": "Budget participatif : vos projets pour Villeneuve",
          "en": "Participatory budget: your projects for Villeneuve"}
TERRITORY = "Villeneuve-sur-Lot"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_decision_statement_of_reasons_and_appeal(page, audit, mail_sink, lang):
    t = Texts(lang)
    set_language(page, lang)
    email = unique_email(f"author-{lang}")
    name = f"Dominique {email[7:17]}"
    title = f"Un marché aux puces chaque dimanche ({email[7:17]})"
    charter = "https://www.villeneuve-sur-lot.example.fr/participation/charte?section=attaquespersonnellesetharcelement"
    explanation = {"fr": f"Les attaques personnelles ne sont pas admises dans le débat : {charter}",
                   "en": f"Personal attacks are not allowed in the debate: {charter}"}[lang]
    appeal = f"Je ne visais personne, merci de revoir la décision ({email[7:17]})."

    # The author joins and posts a proposal in the participatory budget.
    register_and_confirm(page, audit, mail_sink, t, email, name)
    expect_language(page, lang)
    page.goto("/consultations/")
    page.locator(".consultation-cards").get_by_role("link", name=BUDGET[lang]).click()
    listing_url = page.url.split("#")[0].rstrip("/") + "/proposals?q=" + title.split("(")[1].rstrip(")")
    proposal_url = post_proposal(page, audit, t, title, "Un vide-grenier sur la place, tous les dimanches matin.",
                                 "Solidarité" if lang == "fr" else "Solidarity")
    sign_out(page, t)

    # Another resident reports it.
    sign_in(page, t, "alice@example.org")
    page.goto(proposal_url)
    page.get_by_role("link", name=t("Report this proposal")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Report this proposal"))
    reasons = page.get_by_role("group", name=t("Why are you reporting this?"))
    reasons.get_by_role("radio", name=t("Insult or harassment")).check()
    page.get_by_label(t("Details (optional)")).fill("Le texte vise une personne.")
    audit.check(page, "report")
    page.get_by_role("button", name=t("Send the report")).click()
    expect(flash(page)).to_contain_text(t("Thank you. Your report was sent to the moderators of %(territory)s, "
                                          "who will review it.", territory=TERRITORY))
    audit.check(page, "reported")
    # One report per person: the proposal page now says it was reported, with no second link.
    expect(page.locator(".report-done")).to_have_text(t("You reported this"))
    expect(page.get_by_role("link", name=t("Report this proposal"))).to_have_count(0)
    sign_out(page, t)

    # The moderator, reading the proposals, sees it awaits them, and reaches its decision page.
    sign_in(page, t, "moderation@example.org")
    page.goto(listing_url)
    card = page.locator(".proposal-card").filter(has=page.get_by_role("link", name=title, exact=True))
    review = card.get_by_role("link", name=t.n("Needs review (%(num)s report)", "Needs review (%(num)s reports)", 1)
                              + " — " + title, exact=True)
    audit.check(page, "listing-moderator")
    review.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Review an item") + " — " + TERRITORY)
    expect(page.get_by_role("link", name=t("Back to the page you came from"))).to_be_visible()

    # The moderator finds it in the queue and hides it, with a rule and an explanation.
    page.get_by_role("navigation", name=t("Main menu")).get_by_role("link", name=t("Moderation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Moderation queue"))
    # One kind of thing at a time: the proposals reported for harassment.
    page.get_by_label(t("Kind"), exact=True).select_option(label=t("Proposals"))
    page.get_by_label(t("Reason of the reports")).select_option(label=t("Insult or harassment"))
    page.get_by_role("button", name=t("Filter")).click()
    expect(page.get_by_role("status").get_by_role("link", name=t("Clear the filters"))).to_be_visible()
    item = page.locator(".moderation-item").filter(has=page.get_by_role("link", name=title))
    expect(item.locator(".moderation-reports")).to_contain_text(t("Insult or harassment"))
    audit.check(page, "queue")
    item.get_by_role("link", name=t("Review and decide")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Review an item") + " — " + TERRITORY)
    page.get_by_role("group", name=t("Decision")).get_by_role("radio", name=t("Hide"), exact=True).check()
    page.get_by_label(t("Rule of the charter")).select_option(label=t("Insult or harassment"))
    page.get_by_label(t("Explanation for the author")).fill(explanation)
    audit.check(page, "decide")
    page.get_by_role("button", name=t("Record the decision")).click()
    expect(flash(page)).to_contain_text(t("Decision recorded: %(action)s. The author has been told why, and may appeal.",
                                          action=t.p("moderation decision", "Hidden")))
    audit.check(page, "decided")
    expect(page.get_by_label(t("Reason of the reports"))).to_have_value("harassment")  # back in the same queue
    sign_out(page, t)

    # The author's mail shows the statement of reasons within a phone's screen, long address and all.
    phone = page.context.new_page()
    phone.set_viewport_size(MOBILE)
    phone.set_content(html_part(mail_sink.wait_for(email, containing=charter)))
    no_horizontal_scroll(phone)
    phone.close()

    # Visitors see a placeholder with the reason instead of the proposal.
    page.goto(proposal_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Hidden proposal"))
    expect(page.locator(".placeholder")).to_contain_text(t("Insult or harassment"))
    audit.check(page, "hidden-placeholder")

    # The author reads the statement of reasons and appeals.
    sign_in(page, t, email)
    page.locator(".main-nav").get_by_role("link", name=t("My account")).click()
    page.get_by_role("link", name=t("Moderation decisions about me")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Moderation decisions about me"))
    decision = page.locator(".activity-list > li").filter(has_text=title)
    expect(decision.locator("dd").nth(0)).to_have_text(exact(t.p("moderation decision", "Hidden")))
    expect(decision).to_contain_text(t("Insult or harassment"))
    expect(decision).to_contain_text(explanation)
    audit.check(page, "statement-of-reasons")
    decision.get_by_role("link", name=t("Appeal this decision")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Appeal a decision"))
    page.get_by_label(t("Your appeal")).fill(appeal)
    audit.check(page, "appeal")
    page.get_by_role("button", name=t("Send my appeal")).click()
    expect(flash(page)).to_contain_text(t("Your appeal was sent. Another moderator will review the decision and "
                                          "you will be told the outcome."))
    expect(decision).to_contain_text(t("awaiting a decision."))
    expect(decision.get_by_role("link", name=t("Appeal this decision"))).to_have_count(0)
    audit.check(page, "appealed")
    sign_out(page, t)

    # The territory admin reverses the decision; the proposal is back.
    sign_in(page, t, "mairie@example.org")
    page.goto("/moderation/")
    page.get_by_role("link", name=t("Appeals"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Appeals"))
    pending = page.locator(".activity-list > li").filter(has_text=appeal)
    audit.check(page, "appeals")
    pending.get_by_role("link", name=t("Review the appeal")).click()
    page.get_by_role("radio", name=t("Reverse the decision")).check()
    page.get_by_label(t("Explanation for the author")).fill("Après relecture, le texte ne vise personne.")
    audit.check(page, "appeal-review")
    page.get_by_role("button", name=t("Decide the appeal")).click()
    expect(flash(page)).to_contain_text(t("Appeal decided: the decision is reversed and the content shown again. "
                                          "The author has been told."))
    page.goto(proposal_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    audit.check(page, "restored")
