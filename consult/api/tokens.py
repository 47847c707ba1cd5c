"""Personal API tokens on /me/tokens (shown once, stored hashed), and `flask api-token`."""
import click
from flask import Blueprint, flash, redirect, render_template, url_for
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length

from .. import permissions
from ..auth.forms import ActionForm
from ..auth.models import ApiToken
from ..auth.services import find_user_by_email
from ..core.errors import fail, form_status
from ..core.ratelimits import PostingForm, limit_posts
from ..database import utcnow
from ..extensions import db
from .auth import create_token

tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/me/tokens")
NAME_MAX = ApiToken.__table__.c.name.type.length  # 80


class TokenForm(PostingForm):
    """A new token: its creation counts as a post (POST_RATE_LIMIT), so that a stolen session
    cannot mint tokens at machine speed."""

    name = StringField(_l("Name of the token"), validators=[DataRequired(), Length(max=NAME_MAX)],
                       description=_l("To recognise it later, e.g. “Town website”."))
    scope = RadioField(_l("Access"), default="read", validators=[DataRequired()],
                       choices=[SelectChoice("read", _l("Read only")),
                                SelectChoice("write", _l("Read and write (act on my behalf)"))])


def _tokens():
    return db.session.scalars(
        db.select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()


@tokens_bp.route("", methods=["GET", "POST"])
@limit_posts
@login_required
def index():
    form = TokenForm()
    if form.is_submitted() and not permissions.can_create_token(current_user):
        fail(403, _("Confirm your email address first: the link is in the mail we sent you."))
    if form.validate_on_submit():
        _token, raw = create_token(current_user, form.name.data.strip(), form.scope.data)
        flash(_("Your token is created. Copy it now: it will not be shown again."), "success")
        page = render_template("api/tokens.html", form=TokenForm(formdata=None), tokens=_tokens(),
                               new_token=raw, revoke=ActionForm())
        return page, {"Cache-Control": "no-store"}  # the secret must not outlive the page
    return render_template("api/tokens.html", form=form, tokens=_tokens(), new_token=None,
                           revoke=ActionForm()), form_status()


@tokens_bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None or not permissions.can_revoke_token(current_user, token):
        fail(404, _("This token does not exist."))
    if ActionForm().validate_on_submit() and token.revoked_at is None:
        token.revoked_at = utcnow()
        flash(_("The token “%(name)s” is revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))


@click.command("api-token")
@click.argument("email")
@click.option("--scope", type=click.Choice(("read", "write")), default="read", show_default=True,
              help="read: what the account may read; write: also post, vote and act as the account may.")
@click.option("--name", default="command line", show_default=True,
              help=f"A name to recognise the token on /me/tokens (1 to {NAME_MAX} characters).")
@with_appcontext
def api_token_command(email, scope, name):
    """Print a new API token for the account EMAIL (for scripts)."""
    name = name.strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise click.UsageError(f"The name of the token must have 1 to {NAME_MAX} characters ({len(name)} given).")
    user = find_user_by_email(email)
    if user is None or user.deleted_at is not None:
        raise click.UsageError(f"No account for {email}.")
    if not permissions.can_create_token(user):
        raise click.UsageError(f"{email} has not confirmed its address yet.")
    _token, raw = create_token(user, name, scope)
    db.session.commit()
    click.echo(raw)
