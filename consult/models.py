"""Imports every domain's models so that the metadata (and Alembic) sees them all."""
from .auth.models import ApiToken, User  # noqa: F401
from .comments.models import Comment  # noqa: F401
from .consultations.models import Category, Consultation, Phase  # noqa: F401
from .moderation.models import Appeal, ModerationAction, Report  # noqa: F401
from .notifications.models import Follow, Notification, NotificationPreference, OutgoingMail  # noqa: F401
from .pages.models import Page  # noqa: F401
from .proposals.models import Proposal, ProposalAnswer  # noqa: F401
from .territories.models import Invitation, Membership, Territory  # noqa: F401
from .territories.staff_log import StaffLogEntry  # noqa: F401
from .votes.models import Participation, Vote  # noqa: F401
