"""A consultation's rules as plain values: what permissions.py asks of a consultation.

Frequent requests (a vote, a listing served from the page cache) read these few columns in
one query, or keep them a few seconds, instead of loading the ORM objects; the same
permission functions apply to both (same attribute names).
"""
from dataclasses import dataclass, field
from datetime import datetime

from ..phases import PhaseDates


@dataclass(frozen=True)
class PhaseRow(PhaseDates):
    kind: str
    starts_at: datetime
    ends_at: datetime | None


@dataclass
class ConsultationRules:
    id: int
    status: str
    participation: str
    vote_mode: str
    max_votes: int
    support_threshold: int
    supports_during_proposals: bool
    max_proposals_per_person: int
    territory_id: int
    phases: list = field(default_factory=list)

    @classmethod
    def of(cls, consultation):
        """The rules of a loaded Consultation (phases included)."""
        values = {name: getattr(consultation, name) for name in COLUMNS}
        phases = [PhaseRow(p.kind, p.starts_at, p.ends_at) for p in consultation.phases]
        return cls(**values, phases=sorted(phases, key=lambda p: p.starts_at))


COLUMNS = ("id", "status", "participation", "vote_mode", "max_votes", "support_threshold",
           "supports_during_proposals", "max_proposals_per_person", "territory_id")
