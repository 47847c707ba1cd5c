"""Demo territories and one account per role (password: consult-demo).

The teams are appointed and Alice verified through the site's services, so that the staff
activity log and the appointees' notifications tell it as they would tell a real team's."""
from ..auth.models import User
from ..auth.services import create_user, find_user_by_email
from ..database import utcnow
from ..extensions import db
from ..territories.models import Membership, ResidentVerification, Territory
from ..territories.services import MemberError, add_member
from ..territories.verification import verify_resident

PASSWORD = "consult-demo"

TERRITORIES = [
    {"slug": "villeneuve-sur-lot", "name": "Villeneuve-sur-Lot", "kind": "commune", "insee_code": "47323",
     "accent_color": "#0b6e4f",
     "description": "Commune du Lot-et-Garonne : les habitantes et habitants imaginent la ville de demain.",
     "description_en": "A town of the Lot-et-Garonne, whose residents imagine the town of tomorrow."},
    {"slug": "grand-lyon", "name": "Métropole de Lyon", "kind": "intercommunalite", "insee_code": None,
     "accent_color": "#c2410c",
     "description": "Intercommunalité : mobilités, climat et services publics du territoire métropolitain.",
     "description_en": "A metropolitan authority: transport, climate and public services across the area."},
]

ACCOUNTS = [
    ("admin@example.org", "Admin plateforme", {"platform_admin": True}, None),
    ("mairie@example.org", "Mairie de Villeneuve", {}, ("villeneuve-sur-lot", "admin")),
    ("moderation@example.org", "Équipe modération", {}, ("villeneuve-sur-lot", "moderator")),
    ("alice@example.org", "Alice Martin", {}, None),
    ("bob@example.org", "Bob Durand", {}, None),
]


def _territory(data):
    territory = db.session.scalar(db.select(Territory).filter_by(slug=data["slug"]))
    if territory is None:
        territory = Territory(**data)
        db.session.add(territory)
        db.session.flush()
    elif not territory.description_en and territory.description == data["description"]:
        territory.description_en = data["description_en"]  # loaded before descriptions had an English one
    return territory


def load():
    territories = {t["slug"]: _territory(t) for t in TERRITORIES}
    for email, name, flags, membership in ACCOUNTS:
        user = find_user_by_email(email) or create_user(
            email, name, PASSWORD, confirmed=True, platform_admin=flags.get("platform_admin", False)
        )
        if membership:
            appoint(territories[membership[0]], user, membership[1])
    _verify("alice@example.org", territories["villeneuve-sur-lot"], "mairie@example.org")
    return []


def appoint(territory, user, role):
    """`user` given `role` in `territory` by the demo's platform admin, unless they have it (or
    someone trying the demo blocked them since: the loader runs at every `make run`)."""
    if db.session.scalar(db.select(Membership.id).filter_by(territory_id=territory.id, user_id=user.id,
                                                             role=role)) is None:
        try:
            add_member(territory, user.email, role, actor=find_user_by_email(ACCOUNTS[0][0]))
        except MemberError:
            pass


def _verify(email, territory, by):
    """A resident the town hall verified (for the consultations open to verified residents only)."""
    user = find_user_by_email(email)
    if db.session.scalar(db.select(ResidentVerification.id).filter_by(territory_id=territory.id,
                                                                       user_id=user.id)) is None:
        verify_resident(territory, email, find_user_by_email(by), utcnow())


def summary():
    lines = ["", "Demo accounts (password: consult-demo):"]
    roles = {"admin@example.org": "platform admin", "mairie@example.org": "territory admin (Villeneuve-sur-Lot)",
             "moderation@example.org": "moderator (Villeneuve-sur-Lot)",
             "metropole@example.org": "territory admin (Métropole de Lyon)",
             "alice@example.org": "resident, verified in Villeneuve-sur-Lot", "bob@example.org": "resident"}
    for email, role in roles.items():
        if db.session.scalar(db.select(User.id).filter_by(email=email)):
            lines.append(f"  {email:<26} {role}")
    return lines
