"""Accounts and API tokens."""
from datetime import datetime

from flask_babel import gettext
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, and_, func, or_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import utcnow
from ..extensions import db
from ..text import fold


def shown_name(name, deleted_at):
    """A person's display name from its columns (for queries that load no User)."""
    return gettext("Deleted account") if deleted_at is not None else name


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column("display_name", String(80))  # read it as display_name
    # The name folded ("Élodie" → "elodie"), kept with it: people are sorted and found by it, the
    # same on every database (SQLite's lower() leaves "É" as it is).
    folded_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(5))  # the language the person chose
    # The language the person last saw the pages in while signed in (i18n.note_language): the
    # mail written to them later is in it when they chose none.
    last_locale: Mapped[str | None] = mapped_column(String(5))
    is_platform_admin: Mapped[bool] = mapped_column(default=False)
    confirmed_at: Mapped[datetime | None]
    terms_accepted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    # Bumped on password change or block: every open session and remember cookie stops working.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    blocked_until: Mapped[datetime | None]
    blocked_for_good: Mapped[bool] = mapped_column(default=False, server_default="0")
    # Set when the person deleted their account (account/erasure.py): what identified them is
    # gone, what they wrote in public stays under "Deleted account".
    deleted_at: Mapped[datetime | None]

    memberships = relationship("Membership", back_populates="user", cascade="all, delete-orphan")
    verifications = relationship("ResidentVerification", foreign_keys="ResidentVerification.user_id",
                                 back_populates="user", cascade="all, delete-orphan")

    @hybrid_property
    def display_name(self):
        """The name shown next to what the person wrote; "Deleted account", in the reader's
        language, once the account is deleted."""
        return shown_name(self.name, self.deleted_at)

    @display_name.inplace.setter
    def _display_name_setter(self, value):
        self.name = value

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls):
        return cls.name

    @validates("name")
    def _fold_name(self, _key, name):
        self.folded_name = fold(name)
        return name

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def is_blocked(self, now=None):
        if self.blocked_for_good:
            return True
        return self.blocked_until is not None and self.blocked_until > (now or utcnow())

    @classmethod
    def unblocked(cls, now=None):
        """The clause of the accounts is_blocked says no to, for a query."""
        return and_(cls.blocked_for_good.is_(False),
                    or_(cls.blocked_until.is_(None), cls.blocked_until <= (now or utcnow())))

    def get_id(self):
        """What the session and the remember cookie hold: the account, its session version and
        the key of this browser's sign-in (auth/sign_ins.py)."""
        return f"{self.id}:{self.session_version}:{self.__dict__.get('sign_in_key', '')}"

    def __repr__(self):
        return f"<User {self.email}>"


class ApiToken(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(10), default="read")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user = relationship("User")


class SignIn(db.Model):
    """One browser signed in to an account. Signing out deletes it: a copy of the session (or
    remember) cookie taken before then stops working."""
    __tablename__ = "sign_in"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
