"""Platform pages: terms of use and moderation charter, in French and English.

Idempotent: a page that already exists is left as it is (the platform admin may have edited it),
except for the sentences of earlier demo texts listed in CORRECTIONS, which are corrected in place.
"""
from ..extensions import db
from ..pages.defaults import CONTRIBUTIONS_EN, CONTRIBUTIONS_FR, DATA_EN, DATA_FR, DEFAULTS, DRAFTS_EN, DRAFTS_FR
from ..pages.models import Page
from ..pages.services import platform_named

# What the terms said of the drafts when the browser kept their text only.
EARLIER_DRAFTS_FR = ("- Pendant que vous écrivez (une proposition, un commentaire, un signalement…), votre navigateur "
                     "garde le texte sur cet appareil jusqu'à ce qu'il soit envoyé, pour que rien ne soit perdu si la "
                     "page se ferme ou si la connexion se coupe. Ce texte ne quitte pas l'appareil. Il est effacé une "
                     "fois envoyé, quand vous vous déconnectez, ou au bout d'une semaine.")
EARLIER_DRAFTS_EN = ("- While you write (a proposal, a comment, a report…), your browser keeps the text on this device "
                     "until it is sent, so that nothing is lost if the page closes or the connection drops. This text "
                     "does not leave the device. It is erased once sent, when you sign out, or after a week.")

# {slug: {language: [(sentence of an earlier demo text, its correction)]}}
CORRECTIONS = {
    "terms": {
        "fr": [("- Vos propositions, commentaires et votes sont publics, sauf votre adresse email, "
                "qui n'est jamais affichée.", CONTRIBUTIONS_FR),
               ("- Vous pouvez demander l'accès à vos données, leur rectification ou leur suppression à la "
                "collectivité qui organise la consultation.", DATA_FR),
               (EARLIER_DRAFTS_FR, DRAFTS_FR),
               (DATA_FR, f"{DATA_FR}\n{DRAFTS_FR}")],
        "en": [("- Your proposals, comments and votes are public, except your email address, which is never shown.",
                CONTRIBUTIONS_EN),
               ("- You may ask the local authority running the consultation to access, correct or delete your data.",
                DATA_EN),
               (EARLIER_DRAFTS_EN, DRAFTS_EN),
               (DATA_EN, f"{DATA_EN}\n{DRAFTS_EN}")],
    },
}


def _correct(page):
    """Replace the sentences of earlier demo texts that the page still has (once: a correction
    may keep the sentence and add one), and name the platform where they said {PLATFORM}; keep
    everything else."""
    body = platform_named(page.body or {})
    for language, fixes in CORRECTIONS.get(page.slug, {}).items():
        for old, new in fixes:
            if old in body.get(language, "") and new not in body[language]:
                body[language] = body[language].replace(old, new)
    if body != page.body:
        page.body = body


def load():
    for slug, (title, body) in DEFAULTS.items():
        page = db.session.scalar(db.select(Page).where(Page.slug == slug))
        if page is None:
            db.session.add(Page(slug=slug, title=title, body=platform_named(body)))
        else:
            _correct(page)
    db.session.flush()
    return []
