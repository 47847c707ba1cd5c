"""Phases live in `consult.phases` (imported by the permissions without loading this package)."""
from ..phases import PHASE_ACTIONS, PHASE_KINDS, allows, current_phase, phase_state  # noqa: F401
