"""Demo consultations in every phase, with proposals, threaded comments, votes and answers.

Idempotent: a consultation whose French title already exists is left untouched, with its
proposals. Randomness is deterministic (the same demo on every machine).
"""
import random
from datetime import timedelta

from ..auth.services import create_user, find_user_by_email
from ..comments.models import Comment
from ..consultations.models import Category, Consultation, ConsultationDocument, ConsultationNews, Phase
from ..consultations.services import refresh_search_text
from ..database import utcnow
from ..extensions import db
from ..proposals.models import Proposal, ProposalAnswer
from ..territories.models import Territory
from ..text import search_text
from ..uploads.documents import save_document
from ..votes.models import Participation, Vote
from ..votes.services import COUNTER
from .accounts import PASSWORD, appoint
from .consultations_data import COMMENTS, CONSULTATIONS, METROPOLE_ADMIN, REPLIES, RESIDENTS
from .pdf import simple_pdf


def _user(email, name):
    return find_user_by_email(email) or create_user(email, name, PASSWORD, confirmed=True)


def _staff(territories):
    """The Métropole gets its own territory admin; Villeneuve's comes from the accounts loader."""
    metropole = _user(*METROPOLE_ADMIN)
    appoint(territories["grand-lyon"], metropole, "admin")
    return {"grand-lyon": metropole, "villeneuve-sur-lot": find_user_by_email("mairie@example.org")}


def _between(rng, start, end):
    """A random moment between start and end (end capped at now)."""
    end = min(end, utcnow())
    if end <= start:
        return start
    return start + timedelta(seconds=rng.randint(0, int((end - start).total_seconds())))


def _consultation(data, territory, author, now):
    c = Consultation(territory=territory, created_by_id=author.id if author else None,
                     title=data["title"], summary=data["summary"], description=data["description"],
                     themes=data["themes"], status=data.get("status", "published"), **data["settings"])
    if c.status != "draft":
        c.published_at = now + timedelta(days=data["phases"][0][1] - 3)
    for position, (fr, en) in enumerate(data["categories"]):
        c.categories.append(Category(name={"fr": fr, "en": en}, position=position))
    for kind, start, end in data["phases"]:  # end None: results that stay
        c.phases.append(Phase(kind=kind, starts_at=now + timedelta(days=start),
                              ends_at=None if end is None else now + timedelta(days=end)))
    refresh_search_text(c)
    db.session.add(c)
    db.session.flush()
    return c


def _phase(c, kind):
    return next((p for p in c.phases if p.kind == kind), None)


def _proposals(rng, c, data, residents):
    phase = _phase(c, "proposals")
    proposals = []
    for index, (category, title, body) in enumerate(data["proposals"]):
        created = _between(rng, phase.starts_at, phase.ends_at)
        p = Proposal(consultation=c, author=residents[index % len(residents)], category=c.categories[category],
                     title=title, body=body, language="fr", search_text=search_text(title, body),
                     random_key=rng.randint(0, 2**31 - 1), created_at=created, updated_at=created,
                     published_at=created)
        proposals.append(p)
    # One author changed their mind: a withdrawn proposal stays visible, marked.
    if len(proposals) > 15:
        proposals[15].status = "withdrawn"
        proposals[15].withdrawn_at = _between(rng, proposals[15].created_at, phase.ends_at)
    db.session.add_all(proposals)
    db.session.flush()
    return proposals


def _comment(proposal, author, stance, body, created, parent=None):
    comment = Comment(proposal=proposal, author=author, body=body, language="fr", stance=stance,
                      parent=parent, depth=parent.depth + 1 if parent else 1, created_at=created,
                      published_at=created)
    proposal.comments_count += 1
    db.session.add(comment)
    return comment


def _comments(rng, proposals, count, residents):
    until = min(utcnow(), _phase(proposals[0].consultation, "vote").ends_at)
    live = [p for p in proposals if p.status == "published"]
    for proposal in rng.sample(live, min(count, len(live))):
        for _n in range(rng.randint(1, 3)):
            stance, body = rng.choice(COMMENTS)
            author = rng.choice([r for r in residents if r.id != proposal.author_id])
            top = _comment(proposal, author, stance, body, _between(rng, proposal.created_at, until))
            if rng.random() < 0.5:
                stance, body = rng.choice(REPLIES)
                reply = _comment(proposal, proposal.author, stance, body, _between(rng, top.created_at, until),
                                 parent=top)
                if rng.random() < 0.4:
                    _comment(proposal, author, None, "Merci pour votre réponse, je comprends mieux.",
                             _between(rng, reply.created_at, until), parent=reply)


def _votes(rng, c, proposals, count, residents):
    """Random votes within each person's limit, with the counters kept in step, and the threshold
    marked as reached where it is (its notice is not told again at the next support). Alice (the
    first resident) keeps a vote to spare: the README's API example casts it."""
    phase = _phase(c, "vote")
    if phase.starts_at > utcnow():
        phase = _phase(c, "proposals")  # supports during the proposals phase
    live = [p for p in proposals if p.status == "published"]
    used = {}
    seen = set()
    for _n in range(count):
        voter, proposal = rng.choice(residents), rng.choice(live)
        limit = c.max_votes - (voter is residents[0]) if c.max_votes else 0
        if (voter.id, proposal.id) in seen or (limit and used.get(voter.id, 0) >= limit):
            continue
        seen.add((voter.id, proposal.id))
        value = 1 if c.vote_mode == "support" else rng.choice((1, 1, 1, -1, 0))
        created = _between(rng, max(phase.starts_at, proposal.created_at), phase.ends_at)
        db.session.add(Vote(user_id=voter.id, proposal_id=proposal.id, consultation_id=c.id, value=value,
                            created_at=created, updated_at=created))
        attribute = COUNTER[value]
        setattr(proposal, attribute, getattr(proposal, attribute) + 1)
        proposal.votes_score += value
        used[voter.id] = used.get(voter.id, 0) + 1
    for user_id, votes_used in used.items():
        db.session.add(Participation(user_id=user_id, consultation_id=c.id, votes_used=votes_used))
    for proposal in live:
        if c.support_threshold and proposal.votes_for >= c.support_threshold:
            proposal.threshold_reached_at = phase.starts_at


def _answers(c, proposals, answers, author, documents):
    """Given in the results phase; told then, unless the consultation is a draft (told when it is
    published, as the site does). An answer may rest on one of the consultation's `documents`
    (its index, after the text)."""
    for index, state, text, *document in answers:
        proposal = proposals[index]
        created = _phase(c, "results").starts_at + timedelta(days=1)
        db.session.add(ProposalAnswer(proposal=proposal, author_id=author.id if author else None,
                                      state=state, text={"fr": text}, created_at=created,
                                      document=documents[document[0]] if document else None,
                                      announced_at=None if c.status == "draft" else created))
        proposal.answer_state = state


def _news(c, news, author, now):
    """Published on the day given; one to come is scheduled (its followers are told then)."""
    for days, title, body in news:
        published = now + timedelta(days=days)
        db.session.add(ConsultationNews(consultation=c, author_id=author.id if author else None, title=title,
                                        body=body, created_at=min(published, now), published_at=published,
                                        announced_at=published if published <= now else None))


def _documents(c, documents, author):
    made = []
    for title, lines in documents:
        data = simple_pdf(title["fr"], lines)
        made.append(ConsultationDocument(consultation=c, author_id=author.id if author else None, title=title,
                                         file_path=save_document(data, "pdf"), file_format="pdf", size=len(data)))
    db.session.add_all(made)
    return made


def load():
    rng = random.Random(42)
    now = utcnow().replace(hour=8, minute=0, second=0, microsecond=0)
    territories = {t.slug: t for t in db.session.scalars(db.select(Territory))}
    residents = [_user(email, name) for email, name in
                 [("alice@example.org", "Alice Martin"), ("bob@example.org", "Bob Durand")] + RESIDENTS]
    staff = _staff(territories)
    existing_fr = {title.get("fr") for title in db.session.scalars(db.select(Consultation.title))
                   if isinstance(title, dict)}
    created = proposals_count = 0
    for data in CONSULTATIONS:
        if data["title"]["fr"] in existing_fr or data["territory"] not in territories:
            continue
        c = _consultation(data, territories[data["territory"]], staff[data["territory"]], now)
        _news(c, data.get("news", []), staff[data["territory"]], now)
        documents = _documents(c, data.get("documents", []), staff[data["territory"]])
        created += 1
        if not data["proposals"]:
            continue
        proposals = _proposals(rng, c, data, residents)
        proposals_count += len(proposals)
        _comments(rng, proposals, data.get("comments", 0), residents)
        _votes(rng, c, proposals, data.get("votes", 0), residents)
        _answers(c, proposals, data.get("answers", []), staff[data["territory"]], documents)
        db.session.flush()
    if not created:
        return []
    return [f"Demo consultations: {created} created, with {proposals_count} proposals."]
