"""Journey 5: switching language keeps the current page."""
import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("start, other, button", [("fr", "en", "English"), ("en", "fr", "Français")])
def test_switching_language_keeps_the_page(page, base_url, audit, start, other, button):
    page.context.set_extra_http_headers({"Accept-Language": start})
    page.goto(f"{base_url}/territories/")
    expect(page.locator("html")).to_have_attribute("lang", start)
    audit.check(page, f"territories-{start}")
    page.get_by_role("button", name=re.compile(button)).click()
    expect(page).to_have_url(re.compile(r"/territories/$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    audit.check(page, f"territories-{other}")
