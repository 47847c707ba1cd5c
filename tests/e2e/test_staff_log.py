"""The staff activity log, as the town's staff read it on a phone with the keyboard alone: a
territory admin verifies a resident, then reads it from the team page; the platform admin reads
the whole platform's log and narrows it to the territory. Each page audited."""
import re

from playwright.sync_api import expect

from .helpers import (
    MOBILE, Keyboard, Texts, exact, flash, headings_in_order, no_horizontal_scroll, register_and_confirm,
    set_language, sign_in, sign_out, unique_email,
)

TERRITORY = "Villeneuve-sur-Lot"


def test_staff_read_who_gave_whom_which_rights_on_a_phone(page, audit, mail_sink):
    t = Texts("fr")
    set_language(page, "fr")
    page.set_viewport_size(MOBILE)
    keyboard = Keyboard(page)
    email = unique_email("logged")
    name = f"Noé {email[7:15]}"
    register_and_confirm(page, audit, mail_sink, t, email, name)
    sign_out(page, t)

    def visited(label, heading):
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        audit.check(page, label)
        no_horizontal_scroll(page)
        headings_in_order(page)
        keyboard.skip_to_content()

    def first_row():
        return page.locator("main table tbody tr").first

    # A territory admin verifies the new resident, then finds it in the log from the team page.
    sign_in(page, t, "mairie@example.org")
    page.goto("/admin/territories/villeneuve-sur-lot/residents")
    keyboard.fill(page.get_by_label(t("Email address")), email)
    keyboard.activate(page.get_by_role("button", name=t("Verify"), exact=True))
    expect(flash(page)).to_be_visible()
    page.goto("/admin/")
    keyboard.skip_to_content()
    keyboard.activate(page.get_by_role("link", name=t("Team") + " — " + TERRITORY))
    visited("team", t("Team of %(name)s", name=TERRITORY))
    keyboard.activate(page.get_by_role("link", name=t("Staff activity log: who appointed or removed whom, and when")))
    visited("territory-log", t("Staff activity log of %(name)s", name=TERRITORY))
    row = first_row()
    expect(row.locator("td").nth(1)).to_have_text(exact(t("Verified as a resident")))
    expect(row.locator("td").nth(3)).to_have_text(exact(name))
    expect(row.locator("td").nth(4)).to_have_text(exact("Mairie de Villeneuve"))
    # The table is wider than a phone: its frame scrolls, and the keyboard reaches it.
    frame = page.locator("main .table-wrap")
    keyboard.tab_to(frame)
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth"), "the log's table fits a phone: no frame to scroll?"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("f => f.scrollLeft > 0", arg=frame.element_handle())
    # Back to the team, by the link at the top of the log.
    keyboard.activate(page.get_by_role("link", name=t("Team of %(name)s", name=TERRITORY)))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Team of %(name)s", name=TERRITORY))
    sign_out(page, t)

    # The platform admin: the whole platform's log, narrowed to the territory.
    sign_in(page, t, "admin@example.org")
    page.goto("/admin/")
    keyboard.skip_to_content()
    keyboard.activate(page.get_by_role("link", name=t(
        "See who gave whom which rights, and when, in every territory and on the platform")))
    visited("platform-log", t("Staff activity log of the platform"))
    keyboard.select(page.get_by_label(t("Territory")), TERRITORY)
    keyboard.activate(page.locator("main form.filters").get_by_role("button", name=t("Filter")))
    expect(page).to_have_url(re.compile(r"/admin/log\?territory=villeneuve-sur-lot\b"))
    visited("platform-log-filtered", t("Staff activity log of the platform"))
    expect(page.get_by_label(t("Territory"))).to_have_value("villeneuve-sur-lot")
    row = first_row()
    expect(row.locator("td").nth(1)).to_have_text(exact(TERRITORY))
    expect(row.locator("td").nth(4)).to_have_text(exact(name))
    assert keyboard.presses > 0

