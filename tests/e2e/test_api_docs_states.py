"""The API documentation past its first view: an operation's schema, "Try it out" with a
request sent and answered, and the list of schemas, each state valid HTML that passes axe."""
from playwright.sync_api import expect


def test_the_api_documentation_schema_try_it_out_and_schemas(page, audit):
    page.goto("/api/v1/docs")
    operations = page.locator("#swagger-ui .opblock-summary")
    expect(operations.first).to_be_visible()
    operations.nth(1).click()  # one territory, by its slug
    expect(page.locator("#swagger-ui .opblock-body").first).to_be_visible()
    page.get_by_role("tab", name="Schema").first.click()
    expect(page.locator("#swagger-ui .opblock-body .schema-text").first).to_contain_text('"slug"')
    audit.check(page, "api-docs-schema")

    page.get_by_role("button", name="Try it out").click()
    page.get_by_placeholder("slug").fill("villeneuve-sur-lot")
    audit.check(page, "api-docs-try")
    page.get_by_role("button", name="Execute").click()
    expect(page.locator("#swagger-ui .live-responses-table").first).to_contain_text("Villeneuve-sur-Lot")
    audit.check(page, "api-docs-response")

    # The list of schemas: a schema opens as its text, and its name folds it again.
    schemas = page.locator("#swagger-ui section.models .model-box-control")
    schemas.first.click()
    expect(schemas.first).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#swagger-ui section.models .schema-text")).to_have_count(1)
    audit.check(page, "api-docs-schemas")
    schemas.first.click()
    expect(page.locator("#swagger-ui section.models .schema-text")).to_have_count(0)
    expect(schemas.first).to_have_attribute("aria-expanded", "false")
