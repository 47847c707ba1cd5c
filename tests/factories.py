"""Factory functions for tests: each builds valid objects, flushed and committed."""
import itertools
import secrets
from datetime import timedelta

from consult.auth.models import SignIn, User
from consult.comments.models import Comment
from consult.consultations.models import Category, Consultation, Phase
from consult.database import utcnow
from consult.extensions import db
from consult.proposals.models import Proposal
from consult.territories.models import Membership, Territory
from consult.text import search_text

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


class Factory:
    def _save(self, obj):
        db.session.add(obj)
        db.session.commit()
        return obj

    def signed_in(self, user):
        """A sign-in row for `user` (as signing in makes): user.get_id() then opens a session."""
        user.sign_in_key = secrets.token_hex(16)
        return self._save(SignIn(key=user.sign_in_key, user_id=user.id)) and user

    def user(self, email=None, name=None, confirmed=True, platform_admin=False, locale=None, **kw):
        n = next(_seq)
        user = User(email=email or f"person{n}@example.org", display_name=name or f"Person {n}",
                    confirmed_at=utcnow() if confirmed else None, is_platform_admin=platform_admin,
                    locale=locale, terms_accepted_at=utcnow(), **kw)
        user.set_password(PASSWORD)
        return self._save(user)

    def territory(self, slug=None, name=None, **kw):
        n = next(_seq)
        return self._save(Territory(slug=slug or f"commune-{n}", name=name or f"Commune {n}",
                                    kind=kw.pop("kind", "commune"), **kw))

    def member(self, user, territory, role):
        self._save(Membership(user=user, territory=territory, role=role))
        db.session.expire(user)
        return user

    def consultation(self, territory=None, phase="proposals", status="published", title=None, **kw):
        """A consultation whose `phase` is open now (None: every phase in the future)."""
        territory = territory or self.territory()
        title = title or {"fr": "Budget participatif", "en": "Participatory budget"}
        c = Consultation(territory=territory, title=title, summary=kw.pop("summary", {"fr": "Résumé"}),
                         description=kw.pop("description", {"fr": "Description"}), status=status,
                         search_text=search_text(*title.values()), **kw)
        now = utcnow()
        kinds = ["information", "proposals", "vote", "results"]
        current = kinds.index(phase) if phase in kinds else -1
        for i, kind in enumerate(kinds):
            start = now + timedelta(days=10 * (i - current)) - timedelta(days=5)
            if phase is None:
                start = now + timedelta(days=10 * (i + 1))
            c.phases.append(Phase(kind=kind, starts_at=start, ends_at=start + timedelta(days=10)))
        return self._save(c)

    def category(self, consultation, fr="Mobilité", en="Mobility"):
        return self._save(Category(consultation=consultation, name={"fr": fr, "en": en}))

    def proposal(self, consultation=None, author=None, title="Des pistes cyclables sécurisées",
                 body="Créer des pistes cyclables séparées de la route vers les écoles.", **kw):
        consultation = consultation or self.consultation()
        author = author or self.user()
        kw.setdefault("votes_score", kw.get("votes_for", 0) - kw.get("votes_against", 0))
        kw.setdefault("published_at", _published_at(kw))
        return self._save(Proposal(consultation=consultation, author=author, title=title, body=body,
                                   search_text=search_text(title, body), random_key=next(_seq) * 7919 % 100003,
                                   **kw))

    def comment(self, proposal, author=None, body="Je suis d'accord avec cette idée.", parent=None, **kw):
        author = author or self.user()
        kw.setdefault("published_at", _published_at(kw))
        comment = Comment(proposal=proposal, author=author, body=body, parent=parent,
                          depth=(parent.depth + 1) if parent else 1, **kw)
        proposal.comments_count += 1
        return self._save(comment)


def _published_at(kw):
    """A made item was published when made, unless it waits for moderation or was rejected."""
    return None if kw.get("status") in ("pending", "rejected") else kw.get("created_at") or utcnow()
