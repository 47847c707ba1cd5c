"""Demonstration data, loaded by `flask demo`. Every loader is idempotent.

Each domain has its own module; `load` runs them in order and returns lines to print.
"""
from ..extensions import db
from . import accounts, consultations, moderation, pages

LOADERS = [accounts.load, consultations.load, moderation.load, pages.load]


def load():
    lines = []
    for loader in LOADERS:
        lines.extend(loader() or [])
        db.session.commit()
    lines.extend(accounts.summary())
    return lines
