"""A consultation's current phase, computed from its dates, and what each phase allows."""
PHASE_KINDS = ("information", "proposals", "vote", "results")
OPEN_ENDED = "results"  # the one phase that may have no end: results that stay on show


class PhaseDates:
    """What a phase is, for the rules below: a kind open from starts_at until ends_at, or for
    good when ends_at is None (a results phase may stay), shared by the Phase model and the
    light phases loaded with a vote."""

    def is_open(self, now):
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    def has_ended(self, now):
        return self.ends_at is not None and self.ends_at <= now


PHASE_ACTIONS = {
    "information": {"comment"},
    "proposals": {"propose", "comment"},
    "vote": {"vote", "comment"},
    "results": set(),
}


def _archived(consultation):
    """An archived consultation is over, whatever its dates say."""
    return getattr(consultation, "status", None) == "archived"


def current_phase(consultation, now):
    """The phase open at `now`, or None (before the first, between two, or after the last, or
    once the consultation is archived)."""
    if _archived(consultation):
        return None
    for phase in consultation.phases:
        if phase.is_open(now):
            return phase
    return None


def phase_state(consultation, now):
    """'upcoming', 'open' or 'closed', as the listing filters say (services.listing_query)."""
    phases = list(consultation.phases)
    if not phases or _archived(consultation):
        return "closed"
    if now < min(p.starts_at for p in phases):
        return "upcoming"
    if all(p.has_ended(now) for p in phases):
        return "closed"
    return "open"


def vote_over(consultation, now):
    """Whether the consultation's vote is over and its results stand: its results phase has begun,
    or the last phase in which proposals are posted or voted on (its vote phase, when it has one)
    has ended."""
    phases = list(consultation.phases)
    if any(p.kind == "results" and p.starts_at <= now for p in phases):
        return True
    ends = [p.ends_at for p in phases if p.kind in ("proposals", "vote")]
    return bool(ends) and now >= max(ends)


def allows(consultation, action, now):
    phase = current_phase(consultation, now)
    if phase is None:
        return False
    if action == "support" and phase.kind == "proposals":
        return consultation.supports_during_proposals and consultation.vote_mode == "support"
    return action in PHASE_ACTIONS[phase.kind]
