"""The data of a large town, for bench/large_town_bench.py: 3 territories, 30 consultations,
one of them with 5,000 proposals (2,000 of them answered), 50,000 votes and a debate of 500 comments on one proposal,
30,000 comments in threads, 2,000 open reports, 20,000 notices for one resident and 5,000
lines of the staff log. Written with SQLAlchemy Core bulk inserts (a few seconds).

fill() returns a Town: the ids the benchmark's pages are built from.
"""
import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import insert

RESIDENTS = 20_000
TERRITORIES = (("grande-ville", "Grande-Ville", "commune"), ("metropole", "Métropole", "intercommunalite"),
               ("departement", "Département", "departement"))
CONSULTATIONS_PER_TERRITORY = 10
BIG_PROPOSALS, OTHER_PROPOSALS, ANSWERED, THRESHOLD = 5_000, 50, 2_000, 15
VOTES, COMMENTS, DEBATE = 50_000, 30_000, 500
REPORTS, DECISIONS, NOTICES, STAFF_LOG = 2_000, 1_000, 20_000, 5_000
CATEGORIES = ("Mobilité", "Environnement", "Culture", "Éducation", "Espace public")
WORDS = ("piste cyclable ecole jardin partage arbre banc parc eclairage trottoir bus navette "
         "compost marche place fontaine bibliotheque musique sport stade piscine securite").split()


@dataclass
class Town:
    territory: str  # the big territory's slug
    consultation: int  # the big consultation
    proposal: int  # its proposal with a debate of DEBATE comments
    comment: int  # a reported comment of that debate
    resident: int  # the busy resident: notices, votes, comments, proposals
    moderator: int
    territory_admin: int
    platform_admin: int


def _bulk(model, rows, size=5_000):
    from consult.extensions import db

    for start in range(0, len(rows), size):
        db.session.execute(insert(model), rows[start:start + size])


def _ids(model, *where):
    from consult.extensions import db

    return db.session.scalars(db.select(model.id).where(*where).order_by(model.id)).all()


def _people(now):
    from consult.auth.models import User

    staff = [("platform@example.org", True), ("mairie@example.org", False), ("moderation@example.org", False)]
    rows = [{"email": email, "name": email.split("@")[0].title(), "folded_name": email.split("@")[0],
             "password_hash": "!", "confirmed_at": now, "terms_accepted_at": now, "created_at": now,
             "session_version": 1, "is_platform_admin": admin, "blocked_for_good": False} for email, admin in staff]
    rows += [{"email": f"habitant{i}@example.org", "name": f"Habitant {i}", "folded_name": f"habitant {i}",
              "password_hash": "!", "confirmed_at": now, "terms_accepted_at": now,
              "created_at": now - timedelta(minutes=i), "session_version": 1, "is_platform_admin": False,
              "blocked_for_good": False} for i in range(RESIDENTS)]
    _bulk(User, rows)
    return _ids(User)


def _territories(now, people):
    from consult.extensions import db
    from consult.territories.models import Membership, ResidentVerification, Territory

    territories = [Territory(slug=slug, name=name, kind=kind) for slug, name, kind in TERRITORIES]
    db.session.add_all(territories)
    db.session.flush()
    ids = [t.id for t in territories]
    _bulk(Membership, [{"territory_id": t, "user_id": people[1], "role": "admin", "created_at": now} for t in ids]
          + [{"territory_id": t, "user_id": people[2], "role": "moderator", "created_at": now} for t in ids])
    _bulk(ResidentVerification, [{"territory_id": ids[0], "user_id": u, "verified_by_id": people[1],
                                  "created_at": now - timedelta(minutes=i)} for i, u in enumerate(people[3:3003])])
    return ids


def _consultations(now, territory_ids):
    from consult.consultations.models import Category, Consultation, ConsultationNews, Phase
    from consult.extensions import db

    consultations = []
    for t, territory_id in enumerate(territory_ids):
        for n in range(CONSULTATIONS_PER_TERRITORY):
            c = Consultation(territory_id=territory_id, title={"fr": f"Consultation {t}-{n}", "en": f"Consultation {t}-{n}"},
                             summary={"fr": "Résumé"}, description={"fr": "Une description."}, status="published",
                             vote_mode="support" if n % 2 == 0 else "for_against", published_at=now,
                             search_text=f"consultation {t} {n}", support_threshold=THRESHOLD)
            current = 2 if n == 0 else n % 4  # the big one is in its vote phase
            for i, kind in enumerate(("information", "proposals", "vote", "results")):
                start = now + timedelta(days=10 * (i - current)) - timedelta(days=5)
                c.phases.append(Phase(kind=kind, starts_at=start, ends_at=start + timedelta(days=10)))
            c.categories = [Category(name={"fr": name}, position=p) for p, name in enumerate(CATEGORIES)]
            consultations.append(c)
    db.session.add_all(consultations)
    db.session.flush()
    big = consultations[0]
    _bulk(ConsultationNews, [{"consultation_id": big.id, "title": {"fr": f"Actualité {i}"}, "body": {"fr": "Texte."},
                              "image_alt": "", "created_at": now - timedelta(days=i),
                              "published_at": now - timedelta(days=i), "announced_at": now} for i in range(60)])
    return [(c.id, [cat.id for cat in c.categories]) for c in consultations]


def _proposals(now, rng, consultations, people):
    from consult.extensions import db
    from consult.proposals.listing import RANDOM_KEY_MAX
    from consult.proposals.models import Proposal, ProposalAnswer

    rows = []
    for index, (cid, categories) in enumerate(consultations):
        for i in range(BIG_PROPOSALS if index == 0 else OTHER_PROPOSALS):
            words = rng.sample(WORDS, 6)
            author = people[3] if i % 100 == 0 else people[3 + rng.randrange(RESIDENTS)]
            rows.append({"consultation_id": cid, "author_id": author, "category_id": categories[i % len(categories)],
                         "title": f"Proposition {i + 1} : {' '.join(words[:3])}",
                         "body": "Une proposition pour la commune : " + " ".join(words) + ".",
                         "language": "fr", "search_text": " ".join(words),
                         "status": "withdrawn" if i % 50 == 7 else "published", "votes_for": 0, "votes_against": 0,
                         "votes_abstain": 0, "votes_score": 0, "comments_count": 0,
                         "random_key": rng.randrange(RANDOM_KEY_MAX), "created_at": now - timedelta(minutes=i),
                         "updated_at": now, "published_at": now - timedelta(minutes=i)})
    _bulk(Proposal, rows)
    big = _ids(Proposal, Proposal.consultation_id == consultations[0][0], Proposal.status == "published")
    db.session.execute(db.update(Proposal).where(Proposal.id.in_(big[:ANSWERED])).values(answer_state="accepted"))
    _bulk(ProposalAnswer, [{"proposal_id": p, "author_id": people[1], "state": "accepted", "text": {"fr": "Retenue."},
                            "created_at": now, "announced_at": now} for p in big[:ANSWERED]])
    return big


def _votes(now, rng, consultation_id, proposals, people):
    from consult.extensions import db
    from consult.proposals.models import Proposal
    from consult.votes.models import Participation, Vote

    pairs = {(people[3], p) for p in proposals[:10]}
    while len(pairs) < VOTES:
        pairs.add((people[3 + rng.randrange(RESIDENTS)], rng.choice(proposals)))
    _bulk(Vote, [{"user_id": u, "proposal_id": p, "consultation_id": consultation_id, "value": 1,
                  "created_at": now - timedelta(minutes=rng.randrange(20_000)), "updated_at": now} for u, p in pairs])
    used = {}
    for u, _p in pairs:
        used[u] = used.get(u, 0) + 1
    _bulk(Participation, [{"user_id": u, "consultation_id": consultation_id, "votes_used": n} for u, n in used.items()])
    counts = db.select(db.func.count()).where(Vote.proposal_id == Proposal.id).scalar_subquery()
    db.session.execute(db.update(Proposal).where(Proposal.consultation_id == consultation_id)
                       .values(votes_for=counts, votes_score=counts))


def _comments(now, rng, debated, proposals, people):
    """DEBATE comments on `debated` (conversations three levels deep), the rest spread over
    `proposals`, half of them replies; returns the ids of the debate's comments."""
    from consult.comments.models import Comment
    from consult.extensions import db
    from consult.proposals.models import Proposal

    def row(i, proposal, parent=None, root=None, depth=1):
        author = people[3] if i % 20 == 0 else people[3 + rng.randrange(RESIDENTS)]
        return {"proposal_id": proposal, "author_id": author, "body": f"Commentaire {i}", "language": "fr",
                "status": "published", "stance": ("for", "against", None)[i % 3], "depth": depth,
                "parent_id": parent, "root_id": root, "created_at": now - timedelta(minutes=COMMENTS - i),
                "published_at": now}

    spread = (COMMENTS - DEBATE) // 2
    _bulk(Comment, [row(i, debated) for i in range(DEBATE // 2)]
          + [row(i, rng.choice(proposals)) for i in range(spread)])
    tops = db.session.execute(db.select(Comment.id, Comment.proposal_id).order_by(Comment.id)).all()
    roots, elsewhere = tops[:DEBATE // 2], tops[DEBATE // 2:]
    _bulk(Comment, [row(i, debated, roots[i].id, roots[i].id, 2) for i in range(DEBATE // 4)]
          + [row(i, elsewhere[i].proposal_id, elsewhere[i].id, elsewhere[i].id, 2) for i in range(spread)])
    replies = _ids(Comment, Comment.proposal_id == debated, Comment.depth == 2)
    _bulk(Comment, [row(i, debated, replies[i], roots[i].id, 3) for i in range(DEBATE - DEBATE // 2 - DEBATE // 4)])
    counts = db.select(db.func.count()).where(Comment.proposal_id == Proposal.id).scalar_subquery()
    db.session.execute(db.update(Proposal).values(comments_count=counts))
    return _ids(Comment, Comment.proposal_id == debated)


def _moderation(now, territory_id, comments, people):
    from consult.moderation.models import ModerationAction, Report

    reporters = people[4:4 + REPORTS]
    targets = comments[:REPORTS // 4]
    _bulk(Report, [{"territory_id": territory_id, "reporter_id": r, "target_type": "comment",
                    "target_id": targets[i % len(targets)], "reason": "off_topic", "details": "",
                    "status": "open", "created_at": now - timedelta(minutes=i)} for i, r in enumerate(reporters)])
    _bulk(ModerationAction, [{"territory_id": territory_id, "moderator_id": people[2], "subject_user_id": people[3],
                              "target_type": "comment", "target_id": comments[-1 - i % 100], "action": "approve",
                              "explanation": "", "created_at": now - timedelta(hours=i)} for i in range(DECISIONS)])
    return targets[0]


def _notices_and_log(now, rng, consultation_id, territory_id, people, proposals):
    from consult.notifications.models import Follow, Notification
    from consult.territories.staff_log import StaffLogEntry

    resident = people[3]
    _bulk(Notification, [{"user_id": resident, "kind": "proposal_comment", "url": f"/proposals/{p}",
                          "payload": {"proposal_id": p, "proposal_title": f"Proposition {p}", "title_language": "fr",
                                      "consultation_id": consultation_id, "comment_id": 1, "author_id": people[4]},
                          "created_at": now - timedelta(minutes=i), "read_at": now if i > 50 else None,
                          "email_state": "skipped", "repeats": 1}
                         for i, p in enumerate(rng.choice(proposals) for _ in range(NOTICES))])
    _bulk(Follow, [{"user_id": resident, "target_type": "proposal", "target_id": p, "active": True, "created_at": now}
                   for p in proposals[:1_000]])
    _bulk(StaffLogEntry, [{"territory_id": territory_id, "actor_id": people[1], "subject_id": people[3 + i],
                           "action": "verified", "created_at": now - timedelta(minutes=i)} for i in range(STAFF_LOG)])


def fill(database_url):
    """Build the data set in the (empty) database at `database_url`; returns a Town."""
    from consult import create_app
    from consult.database import utcnow
    from consult.extensions import db
    from consult.proposals.models import Proposal

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})
    rng = random.Random(500_000)
    with app.app_context():
        db.create_all()
        now = utcnow()
        people = _people(now)
        territory_ids = _territories(now, people)
        consultations = _consultations(now, territory_ids)
        big = _proposals(now, rng, consultations, people)
        _votes(now, rng, consultations[0][0], big, people)
        debated = big[len(big) // 2]
        published = _ids(Proposal, Proposal.status == "published", Proposal.id != debated)
        debate = _comments(now, rng, debated, published, people)
        reported = _moderation(now, territory_ids[0], debate, people)
        _notices_and_log(now, rng, consultations[0][0], territory_ids[0], people, big)
        db.session.commit()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        db.engine.dispose()
    return Town(territory=TERRITORIES[0][0], consultation=consultations[0][0], proposal=debated, comment=reported,
                resident=people[3], moderator=people[2], territory_admin=people[1], platform_admin=people[0])

