"""Fixtures of the consultations tests."""
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db

from ..fixtures import image_bytes, territory, territory_admin  # noqa: F401


@pytest.fixture
def shift_phases():
    """Move every phase of a consultation by `days` (negative: into the past)."""
    def _shift(consultation, days):
        for phase in consultation.phases:
            phase.starts_at += timedelta(days=days)
            if phase.ends_at is not None:  # results that stay
                phase.ends_at += timedelta(days=days)
        db.session.commit()
        return consultation
    return _shift


def local(days, hours=0):
    """A datetime-local form value, `days` from now."""
    return (utcnow() + timedelta(days=days, hours=hours)).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides):
    data = {
        "title_fr": "Aménager la place de l'École",
        "title_en": "",
        "summary_fr": "Donnez votre avis sur la future place.",
        "summary_en": "",
        "description_fr": "La place sera **réaménagée** en 2026.",
        "description_en": "",
        "themes": ["public_space", "mobility"],
        "categories": "Mobilité | Mobility\nEspaces verts",
        "information_start": local(-2), "information_end": local(1),
        "proposals_start": local(1), "proposals_end": local(20),
        "vote_start": "", "vote_end": "",
        "results_start": local(30), "results_end": local(60),
        "participation": "confirmed", "moderation": "post", "comments_enabled": "y",
        "max_proposals_per_person": "0", "vote_mode": "support", "max_votes": "5",
        "support_threshold": "10",
    }
    data.update(overrides)
    return data
