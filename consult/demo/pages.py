"""Platform pages: terms of use and moderation charter, in French and English.

Idempotent: a page that already exists is left as it is (the platform admin may have edited it),
except for the sentences of earlier demo texts listed in CORRECTIONS, and the lines of the French
texts that earlier demos wrote with straight apostrophes and plain spaces, which are corrected in
place.
"""
from ..extensions import db
from ..pages.defaults import (ACCOUNT_FR, CONTRIBUTIONS_EN, CONTRIBUTIONS_FR, DATA_EN, DATA_FR, DEFAULTS, DRAFTS_EN,
                              DRAFTS_FR, REPORT_OUTCOME_EN, REPORT_OUTCOME_FR, REPORTING_EN, REPORTING_FR)
from ..pages.models import Page
from ..pages.services import filled_in

# What the terms said of the drafts when the browser kept their text only.
EARLIER_DRAFTS_FR = ("- Pendant que vous écrivez (une proposition, un commentaire, un signalement…), votre navigateur "
                     "garde le texte sur cet appareil jusqu'à ce qu'il soit envoyé, pour que rien ne soit perdu si la "
                     "page se ferme ou si la connexion se coupe. Ce texte ne quitte pas l'appareil. Il est effacé une "
                     "fois envoyé, quand vous vous déconnectez, ou au bout d'une semaine.")
EARLIER_DRAFTS_EN = ("- While you write (a proposal, a comment, a report…), your browser keeps the text on this device "
                     "until it is sent, so that nothing is lost if the page closes or the connection drops. This text "
                     "does not leave the device. It is erased once sent, when you sign out, or after a week.")

# What the terms said of other requests before they gave the platform team's address (what they
# still say when the platform has none).
UNADDRESSED_DATA = {"fr": DATA_FR.replace("{CONTACT}", ""), "en": DATA_EN.replace("{CONTACT}", "")}

# The pages the demo writes: its accessibility statement stays the platform's own, which only
# the town's audit can replace.
WRITTEN = ("terms", "charter")

# {slug: {language: [(sentence of an earlier demo text, its correction)]}}, where {PLATFORM} and
# {CONTACT} are filled in as in the default texts
CORRECTIONS = {
    "terms": {
        "fr": [("- Vos propositions, commentaires et votes sont publics, sauf votre adresse email, "
                "qui n'est jamais affichée.", CONTRIBUTIONS_FR),
               ("- Vous pouvez demander l'accès à vos données, leur rectification ou leur suppression à la "
                "collectivité qui organise la consultation.", DATA_FR),
               (EARLIER_DRAFTS_FR, DRAFTS_FR),
               (UNADDRESSED_DATA["fr"], DATA_FR),
               (DATA_FR, f"{DATA_FR}\n{DRAFTS_FR}"),
               ("- Un compte demande une adresse email valide, que vous confirmez avant de participer.", ACCOUNT_FR)],
        "en": [("- Your proposals, comments and votes are public, except your email address, which is never shown.",
                CONTRIBUTIONS_EN),
               ("- You may ask the local authority running the consultation to access, correct or delete your data.",
                DATA_EN),
               (EARLIER_DRAFTS_EN, DRAFTS_EN),
               (UNADDRESSED_DATA["en"], DATA_EN),
               (DATA_EN, f"{DATA_EN}\n{DRAFTS_EN}")],
    },
    "charter": {  # what reporters are told of their report
        "fr": [(REPORTING_FR, f"{REPORTING_FR}\n{REPORT_OUTCOME_FR}")],
        "en": [(REPORTING_EN, f"{REPORTING_EN}\n{REPORT_OUTCOME_EN}")],
    },
}


def straight(text):
    """`text` as earlier demos wrote French: straight apostrophes, plain spaces before « : » and
    inside « »."""
    return text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")


def in_french_typography(slug):
    """[(a line of the French default text of `slug` as earlier demos wrote it, the line now)], for
    the lines whose typography changed."""
    text = filled_in(DEFAULTS[slug][1], contact=False)["fr"]  # earlier demos gave no address
    return [(straight(line), line) for line in text.splitlines() if straight(line) != line]


def _correct(page, title):
    """Replace the sentences of earlier demo texts that the page still has (once: a correction
    may keep the sentence and add one), first those of its French default text in French
    typography; fill in {PLATFORM} and {CONTACT} as in the default texts; give the French
    default `title` its typography; keep everything else."""
    body = filled_in(page.body or {})
    corrections = CORRECTIONS.get(page.slug, {})
    fixes = {"fr": in_french_typography(page.slug) + corrections.get("fr", []), "en": corrections.get("en", [])}
    for language, pairs in fixes.items():
        for old, new in pairs:
            old, new = (filled_in({language: text})[language] for text in (old, new))
            if old in body.get(language, "") and new not in body[language]:
                body[language] = body[language].replace(old, new)
    if body != page.body:
        page.body = body
    if (page.title or {}).get("fr") == straight(title["fr"]) != title["fr"]:
        page.title = {**page.title, "fr": title["fr"]}


def load():
    for slug in WRITTEN:
        title, body = DEFAULTS[slug]
        page = db.session.scalar(db.select(Page).where(Page.slug == slug))
        if page is None:
            db.session.add(Page(slug=slug, title=title, body=filled_in(body)))
        else:
            _correct(page, title)
    db.session.flush()
    return []
