"""Proposals that look like the one being written, so people support rather than duplicate.

1. The text's keywords (accent-free, without stop words, consult.text.keywords) are reduced
   to light French/English stems (plural endings dropped: "pistes" → "piste").
2. Candidates: published proposals of the same consultation whose search text contains at
   least one stem (portable LIKE, so it works on SQLite and PostgreSQL), best-matching first
   by the number of stems found, at most CANDIDATES of them.
3. Ranking in Python: cosine similarity of TF-IDF vectors (IDF over the candidates), title
   words counted twice. Only scores above MIN_SCORE are kept, at most `limit`.
"""
import math
from collections import Counter

from sqlalchemy import case, literal

from ..extensions import db
from ..text import keywords, singular
from .models import Proposal

CANDIDATES = 200
MAX_QUERY_STEMS = 12
MIN_SCORE = 0.12


def stem(word):
    """A very light stemmer: enough to match singular and plural forms."""
    word = singular(word)
    if len(word) > 4 and word.endswith("e"):  # cyclable / cyclables, ecole / ecoles: same stem
        word = word[:-1]
    return word


def stems(text):
    return [stem(w) for w in keywords(text)]


def _query_stems(title, body):
    """Title stems first, then the body's most frequent ones."""
    chosen = []
    for s in stems(title):
        if s not in chosen and len(s) > 2:
            chosen.append(s)
    for s, _n in Counter(stems(body)).most_common():
        if len(chosen) >= MAX_QUERY_STEMS:
            break
        if s not in chosen and len(s) > 2:
            chosen.append(s)
    return chosen[:MAX_QUERY_STEMS]


def _vector(title, search_text):
    counts = Counter(stem(w) for w in search_text.split())
    counts.update(stems(title))  # title words weigh twice
    return counts


def _cosine(a, b, idf):
    dot = sum(a[t] * b[t] * idf.get(t, 1.0) ** 2 for t in a.keys() & b.keys())
    if not dot:
        return 0.0
    na = math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in a.items()))
    nb = math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in b.items()))
    return dot / (na * nb)


def similar_proposals(consultation, title, body="", exclude_id=None, limit=5):
    """Up to `limit` published proposals of `consultation` resembling this title and body."""
    query = _query_stems(title or "", body or "")
    if not query:
        return []
    likes = [Proposal.search_text.contains(s, autoescape=True) for s in query]
    matched = sum((case((like, 1), else_=0) for like in likes), literal(0)).label("matched")
    stmt = (
        db.select(Proposal.id, Proposal.title, Proposal.search_text, matched)
        .where(Proposal.consultation_id == consultation.id, Proposal.status == "published",
               db.or_(*likes))
        .order_by(matched.desc(), Proposal.id.desc())
        .limit(CANDIDATES)
    )
    if exclude_id:
        stmt = stmt.where(Proposal.id != exclude_id)
    rows = db.session.execute(stmt).all()
    if not rows:
        return []
    vectors = {r.id: _vector(r.title, r.search_text or "") for r in rows}
    mine = Counter(stems(f"{title} {body}"))
    mine.update(stems(title or ""))
    df = Counter(t for v in vectors.values() for t in v)
    n = len(vectors) + 1
    idf = {t: math.log((n + 1) / (df.get(t, 0) + 1)) + 1 for t in set(df) | set(mine)}
    scored = sorted(((_cosine(mine, v, idf), pid) for pid, v in vectors.items()), key=lambda x: (-x[0], -x[1]))
    best = [pid for score, pid in scored if score >= MIN_SCORE][:limit]
    if not best:
        return []
    found = {p.id: p for p in db.session.scalars(db.select(Proposal).where(Proposal.id.in_(best)))}
    return [found[i] for i in best if i in found]
