"""A territory admin invites a future moderator who has no account yet: the mail's link, the
account created with the invited address, its confirmation, and the moderation queue."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import (
    LANGUAGES, PASSWORD, Texts, expect_language, flash, set_language, sign_in, sign_out, unique_email,
)

TERRITORY = "Villeneuve-sur-Lot"


def link_in_mail(mail_sink, email, path):
    """The link to `path` in the newest mail to `email` holding one."""
    message = mail_sink.wait_for(email, containing=path)
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+" + re.escape(path) + r"\S+", body).group(0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_invited_person_signs_up_and_reaches_the_moderation_queue(page, audit, mail_sink, lang):
    t = Texts(lang)
    set_language(page, lang)
    email = unique_email("invited")

    # The territory admin appoints an address that no account uses: an invitation goes out.
    sign_in(page, t, "mairie@example.org")
    page.goto("/admin/territories/villeneuve-sur-lot/members")
    page.get_by_label(t("Email address")).fill(email)
    page.get_by_label(t("Role")).select_option(label=t("Moderator"))
    page.get_by_role("button", name=t("Appoint"), exact=True).click()
    expect(flash(page)).to_contain_text(t(
        "No account uses %(email)s yet: an invitation to become a moderator was sent to this address. "
        "The person gets the role once they have created their account.", email=email))
    invitations = page.get_by_role("table", name=t("Invitations to the team of %(name)s", name=TERRITORY))
    expect(invitations.get_by_role("row").filter(has_text=email)).to_contain_text(t("Moderator"))
    audit.check(page, "members-invited")
    sign_out(page, t)

    # The person opens the mail's link and creates their account with the invited address.
    page.goto(link_in_mail(mail_sink, email, "/auth/invitation/"))
    expect_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Invitation to the team of %(territory)s", territory=TERRITORY))
    audit.check(page, "invitation")
    page.locator("main").get_by_role("link", name=t("Create my account")).click()
    expect(page.get_by_label(t("Email address"))).to_have_value(email)
    page.get_by_label(t("Display name")).fill("Inès Garnier")
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(t("Password again")).fill(PASSWORD)
    page.get_by_label(t("I have read and I accept the terms of use")).check()
    page.get_by_role("button", name=t("Create my account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your inbox"))

    # Confirming the address gives the role: the person lands in the territory's queue.
    page.goto(link_in_mail(mail_sink, email, "/auth/confirm/"))
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t("Confirm my email address")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Moderation queue"))
    expect(flash(page)).to_contain_text(t("You are now a moderator of %(territory)s: you can review its "
                                          "contributions.", territory=TERRITORY))
    audit.check(page, "queue")
