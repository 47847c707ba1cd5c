"""What a vote needs to know about its proposal, read in one query.

A vote is the most frequent write of the platform: instead of loading the proposal, its
consultation and the phases as ORM objects (two queries and their bookkeeping), one joined
SELECT reads the few columns the rules of permissions.py ask for.
"""
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from ..consultations.models import Consultation, Phase
from ..consultations.rules import COLUMNS, ConsultationRules, PhaseRow
from ..extensions import db
from ..proposals.models import Proposal


@dataclass
class ProposalRow:
    id: int
    status: str
    title: str
    language: str  # the title's, for the vote box to mark it (i18n.in_its_language)
    author_id: int
    votes_for: int
    votes_against: int
    votes_abstain: int
    threshold_reached_at: object
    consultation: ConsultationRules


_P, _C, _PH = Proposal.__table__.c, Consultation.__table__.c, Phase.__table__.c
_PROPOSAL = (_P.id, _P.status, _P.title, _P.language, _P.author_id, _P.votes_for, _P.votes_against,
             _P.votes_abstain, _P.threshold_reached_at)
_QUERY = (
    select(*_PROPOSAL, *(_C[name] for name in COLUMNS), _PH.kind, _PH.starts_at, _PH.ends_at)
    .select_from(Proposal.__table__.join(Consultation.__table__, _C.id == _P.consultation_id)
                 .outerjoin(Phase.__table__, _PH.consultation_id == _C.id))
    .where(_P.id == bindparam("proposal"))
)


def load_vote_target(proposal_id):
    """The proposal with its consultation's rules (one query), or None."""
    rows = db.session.connection().execute(_QUERY, {"proposal": proposal_id}).all()
    if not rows:
        return None
    first, n = rows[0], len(_PROPOSAL)
    consultation = ConsultationRules(*first[n:n + len(COLUMNS)])
    consultation.phases = sorted((PhaseRow(*row[-3:]) for row in rows if row[-3] is not None),
                                 key=lambda phase: phase.starts_at)
    return ProposalRow(*first[:n], consultation=consultation)
