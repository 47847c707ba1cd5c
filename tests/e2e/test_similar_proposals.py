"""The similar proposals shown while a title is typed: a live region, read out when what it
shows changes, not at every pause in the typing; their links say they open a new tab."""
from playwright.sync_api import expect

from .helpers import Texts, set_language, sign_in

BENCHES = "Des bancs et de l'ombre sur la place Lafayette"


def test_the_same_similar_proposals_are_not_read_out_again(page):
    t = Texts("fr")
    first = []  # the server's first answer, given again to every lookup: other journeys' proposals
    # (or a shorter title while typing) cannot change what the region is asked to show

    def same_answer(route):
        if not first:
            first.append(route.fetch().text())
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=first[0])

    page.route("**/proposals/similar*", same_answer)
    set_language(page, "fr")
    sign_in(page, t, "bob@example.org")
    page.goto("/consultations/1/proposals/new")
    title = page.get_by_label(t("Title"), exact=True)
    title.fill("Des bancs et de l'ombre sur la place")
    live = page.locator("#similar-live")
    link = live.get_by_role("link", name=f"{BENCHES} {t('(opens in a new tab)')}", exact=True)
    expect(link).to_be_visible()
    expect(link).to_have_attribute("target", "_blank")
    # A mark on what the region shows: a new answer would replace it, and be read out again.
    live.locator("> *").first.evaluate("el => { el.dataset.read = 'once'; }")
    with page.expect_response(lambda r: "/proposals/similar" in r.url):
        title.fill(BENCHES)
    page.wait_for_timeout(300)  # the answer is in: the region is left as it was
    expect(live.locator("> [data-read=once]")).to_have_count(1)
    expect(link).to_be_visible()
