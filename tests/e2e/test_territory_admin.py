"""Journey 3: a territory admin creates a consultation with phases and categories, open to
verified residents only, publishes it, verifies a new resident, and answers their proposal officially."""
import uuid
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from .helpers import (
    LANGUAGES, Texts, exact, expect_language, flash, pdf_file, photo, post_proposal, register_and_confirm,
    set_language, sign_in, sign_out, unique_email,
)

TERRITORY = "Villeneuve-sur-Lot"


def local(days):
    return (datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_territory_admin_runs_a_consultation(page, audit, mail_sink, lang):
    t = Texts(lang)
    set_language(page, lang)
    mark = uuid.uuid4().hex[:6]
    title = {"fr": f"Les jardins partagés du quartier ({mark})", "en": f"The shared gardens of the district ({mark})"}

    # The territory admin reaches the consultations of her territory from the administration.
    sign_in(page, t, "mairie@example.org", audit=audit)
    expect_language(page, lang)
    page.get_by_role("navigation", name=t("Main menu")).get_by_role("link", name=t("Administration")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Administration"))
    audit.check(page, "admin")
    page.get_by_role("link", name=t("Manage consultations") + " — " + TERRITORY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Consultations of %(territory)s", territory=TERRITORY))
    audit.check(page, "admin-consultations")

    # A new consultation: bilingual texts, a theme, categories and four phases.
    page.get_by_role("link", name=t("New consultation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("New consultation"))
    page.get_by_label(t("Title in French")).fill(title["fr"])
    page.get_by_label(t("Title in English")).fill(title["en"])
    page.get_by_label(t("Summary in French")).fill("Où créer les prochains jardins partagés ?")
    page.get_by_label(t("Summary in English")).fill("Where should the next shared gardens go?")
    page.get_by_label(t("Description in French")).fill("Proposez des **lieux** et des idées de jardins.")
    page.get_by_role("checkbox", name=t("Environment")).check()
    page.get_by_label(t("Categories")).fill("Jardins | Gardens\nCompost | Compost")
    for kind, start, end in (("Information", -3, -1), ("Proposals", -1, 10), ("Vote", 10, 20), ("Results", 20, 30)):
        page.get_by_label(t(f"{kind}: start")).fill(local(start))
        page.get_by_label(t(f"{kind}: end")).fill(local(end))
    page.get_by_label(t("Maximum votes per person")).fill("3")
    page.get_by_role("group", name=t("Who may take part")).get_by_label(
        t("Only residents verified for the territory")).check()
    audit.check(page, "consultation-form")
    page.get_by_role("button", name=t("Create the draft")).click()
    expect(flash(page)).to_contain_text(t("The consultation is saved as a draft. Check its public preview, "
                                          "then publish it."))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Edit the consultation “%(title)s”", title=title[lang]))
    audit.check(page, "consultation-draft")

    # The draft's preview, then publication.
    page.get_by_role("link", name=t("Preview the public page")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title[lang])
    expect(page.locator(".preview-banner")).to_be_visible()
    audit.check(page, "consultation-preview")
    page.go_back()
    page.locator(".consultation-status").get_by_role("button", name=t("Publish")).click()
    expect(flash(page)).to_contain_text(t("The consultation is published: everyone can now see it."))
    page.get_by_role("link", name=t("See the public page")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title[lang])
    expect(page.locator(".preview-banner")).to_have_count(0)
    current = page.locator(".timeline li[aria-current=step]")
    expect(current).to_contain_text(t("Proposals"))
    expect(page.locator(".timeline > li")).to_have_count(4)
    categories = page.locator(".consultation-categories li")
    expect(categories).to_have_text(["Jardins", "Compost"] if lang == "fr" else ["Gardens", "Compost"])
    consultation_url = page.url
    audit.check(page, "consultation-published")
    sign_out(page, t)

    # A new resident may not take part yet: the page says how to be verified.
    resident = unique_email(f"verified-{lang}")
    register_and_confirm(page, audit, mail_sink, t, resident, f"Dominique {mark}")
    page.goto(consultation_url)
    expect(page.locator(".consultation-facts")).to_contain_text(t(
        "Your account is not verified for %(territory)s yet: ask its staff to verify it, with a proof of address.",
        territory=TERRITORY))
    expect(page.get_by_role("link", name=t("Make a proposal"), exact=True)).to_have_count(0)
    sign_out(page, t)

    # The admin verifies them.
    sign_in(page, t, "mairie@example.org")
    page.get_by_role("navigation", name=t("Main menu")).get_by_role("link", name=t("Administration")).click()
    page.get_by_role("link", name=t("Verified residents") + " — " + TERRITORY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Verified residents of %(name)s", name=TERRITORY))
    audit.check(page, "residents")
    page.get_by_label(t("Email address")).fill(resident)
    page.get_by_role("button", name=t("Verify"), exact=True).click()
    expect(flash(page)).to_contain_text(t(
        "%(name)s is now a verified resident of %(territory)s and may take part in the consultations open to "
        "verified residents.", name=f"Dominique {mark}", territory=TERRITORY))
    expect(page.get_by_role("cell", name=resident)).to_be_visible()
    sign_out(page, t)

    # Verified, the resident proposes in it.
    sign_in(page, t, resident)
    page.goto(consultation_url)
    expect(page.locator(".consultation-facts")).to_contain_text(t(
        "Your account is verified for %(territory)s.", territory=TERRITORY))
    proposal_title = f"Un jardin partagé derrière l'école ({mark})"
    proposal_url = post_proposal(page, audit, t, proposal_title,
                                 "La friche derrière l'école pourrait accueillir un jardin cultivé par les familles.",
                                 "Jardins" if lang == "fr" else "Gardens")
    sign_out(page, t)

    # The admin answers officially.
    sign_in(page, t, "mairie@example.org")
    page.goto(proposal_url)
    form = page.locator("form:has(textarea)").filter(has=page.get_by_label(t("Justification (French)")))
    form.get_by_label(t("Answer"), exact=True).select_option(label=t("Accepted"))
    form.get_by_label(t("Justification (French)")).fill("Le jardin sera créé au printemps.")
    form.get_by_label(t("Justification (English, optional)")).fill("The garden will be created in the spring.")
    audit.check(page, "answer-form")
    form.get_by_role("button", name=t("Publish the answer")).click()
    expect(flash(page)).to_contain_text(t("The official answer is published. The author and the followers of this "
                                          "proposal are notified."))
    answer = page.locator("#official-answer")
    expect(answer.get_by_role("heading")).to_have_text(t("Official answer — %(territory)s", territory=TERRITORY))
    expect(answer.locator(".badge-accent")).to_have_text(exact(t("Accepted")))
    expect(answer.locator(".markdown")).to_have_text(exact(t.pick("Le jardin sera créé au printemps.",
                                                                  "The garden will be created in the spring.")))
    audit.check(page, "answered")

    # A word to correct: the form starts from the answer published, which stays in the history.
    justification = form.get_by_label(t("Justification (French)"))
    expect(justification).to_have_value("Le jardin sera créé au printemps.")
    justification.fill("Le jardin sera créé au printemps prochain.")
    form.get_by_role("button", name=t("Publish the answer")).click()
    expect(answer.locator("summary")).to_have_text(t("Earlier answers (%(num)s)", num=1))
    expect(justification).to_have_value("Le jardin sera créé au printemps prochain.")

    # The admin tells the residents what happens next: the news is on the consultation's page.
    page.goto(consultation_url)
    page.get_by_role("link", name=t("Write a piece of news")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Manage the news"))
    page.get_by_label(t("Title in French")).fill(f"Visite de la friche ({mark})")
    page.get_by_label(t("Text in French")).fill("Rendez-vous **samedi à 10 h** devant l'école.")
    page.get_by_label(t("Photo"), exact=True).set_input_files(photo())
    page.get_by_label(t("What the photo shows")).fill("La friche derrière l'école, au printemps")
    audit.check(page, "news-form")
    page.get_by_role("button", name=t("Publish the news")).click()
    expect(flash(page)).to_contain_text(t("The news is published on the consultation's page."))
    page.goto(consultation_url)
    news = page.locator(".consultation-news")
    expect(news.get_by_role("heading", level=2)).to_have_text(t("News"))
    expect(news.get_by_role("heading", level=3)).to_have_text(f"Visite de la friche ({mark})")
    expect(news.locator("strong")).to_have_text("samedi à 10 h")
    expect(news.get_by_role("img", name="La friche derrière l'école, au printemps")).to_be_visible()
    audit.check(page, "consultation-news")

    # Another is scheduled for the council's evening: in the back office only until then.
    page.get_by_role("link", name=t("Write a piece of news")).click()
    page.get_by_label(t("Title in French")).fill(f"Réunion publique ({mark})")
    page.get_by_label(t("Text in French")).fill("Les idées retenues sont présentées au conseil.")
    page.get_by_label(t("Publish on")).fill("2030-06-03T18:30")
    page.get_by_role("button", name=t("Publish the news")).click()
    scheduled = page.locator("article.news-item").filter(has_text=f"Réunion publique ({mark})")
    expect(scheduled.locator(".badge")).to_have_text(t("Scheduled"))
    audit.check(page, "news-scheduled")
    page.goto(consultation_url)
    expect(news.get_by_role("heading", level=3)).to_have_text(f"Visite de la friche ({mark})")  # that one alone

    # The consultation file, for everyone to read: listed with its format, opened as a PDF.
    page.locator(".consultation-hero").get_by_role("link", name=t("Attach a document")).click()
    page.get_by_label(t("Title in French")).fill(f"Dossier de concertation ({mark})")
    page.get_by_label(t("File"), exact=True).set_input_files(pdf_file("Dossier de concertation"))
    audit.check(page, "documents-form")
    page.get_by_role("button", name=t("Attach the document")).click()
    expect(flash(page)).to_contain_text(t("The document “%(title)s” is attached: it is listed on the consultation's "
                                          "page.", title=f"Dossier de concertation ({mark})"))
    audit.check(page, "documents-list")
    page.get_by_role("link", name=f"{t('Edit')} Dossier de concertation ({mark})").click()
    expect(page.get_by_label(t("Title in French"))).to_have_value(f"Dossier de concertation ({mark})")
    audit.check(page, "document-edit")
    page.goto(consultation_url)
    link = page.locator(".consultation-documents").get_by_role("link", name=f"Dossier de concertation ({mark})")
    expect(page.locator(".consultation-documents")).to_contain_text("(PDF, 1")
    download = page.request.get(link.get_attribute("href"))
    assert download.ok and download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF-")
    audit.check(page, "consultation-documents")
