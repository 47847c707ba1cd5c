"""What a vote needs to know about its proposal, read in one query.

A vote is the most frequent write of the platform: instead of loading the proposal, its
consultation and the phases as ORM objects (two queries and their bookkeeping), one joined
SELECT reads the few columns the rules of permissions.py ask for, into plain objects with
the same attribute names, so the same rules apply to both.
"""
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import select

from ..consultations.models import Consultation, Phase
from ..extensions import db
from ..phases import PhaseDates
from ..proposals.models import Proposal


@dataclass(frozen=True)
class PhaseRow(PhaseDates):
    kind: str
    starts_at: datetime
    ends_at: datetime


@dataclass
class ConsultationRow:
    id: int
    status: str
    participation: str
    vote_mode: str
    max_votes: int
    support_threshold: int
    supports_during_proposals: bool
    territory_id: int
    phases: list = field(default_factory=list)

    @property
    def territory(self):
        return SimpleNamespace(id=self.territory_id)


@dataclass
class ProposalRow:
    id: int
    status: str
    title: str
    author_id: int
    votes_for: int
    votes_against: int
    votes_abstain: int
    consultation: ConsultationRow


_P, _C, _PH = Proposal.__table__.c, Consultation.__table__.c, Phase.__table__.c
_PROPOSAL = (_P.id, _P.status, _P.title, _P.author_id, _P.votes_for, _P.votes_against, _P.votes_abstain)
_CONSULTATION = (_C.id, _C.status, _C.participation, _C.vote_mode, _C.max_votes, _C.support_threshold,
                 _C.supports_during_proposals, _C.territory_id)
_QUERY = (
    select(*_PROPOSAL, *_CONSULTATION, _PH.kind, _PH.starts_at, _PH.ends_at)
    .select_from(Proposal.__table__.join(Consultation.__table__, _C.id == _P.consultation_id)
                 .outerjoin(Phase.__table__, _PH.consultation_id == _C.id))
)


def load_vote_target(proposal_id):
    """The proposal with its consultation and phases (one query), or None."""
    rows = db.session.connection().execute(_QUERY.where(_P.id == proposal_id)).all()
    if not rows:
        return None
    first = rows[0]
    n = len(_PROPOSAL)
    consultation = ConsultationRow(*first[n:n + len(_CONSULTATION)])
    consultation.phases = sorted((PhaseRow(*row[-3:]) for row in rows if row[-3] is not None),
                                 key=lambda phase: phase.starts_at)
    return ProposalRow(*first[:n], consultation=consultation)
