"""`flask create-user`: add an account from a script."""
import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale
from flask.cli import with_appcontext

from ..extensions import db
from ..territories.models import ROLES
from ..territories.services import add_member, get_by_slug
from ..text import one_line
from .forms import NAME_MAX, NAME_MIN
from .services import AccountError, create_user


def _typed():
    return sys.stdin.isatty()


def _read_password():
    """Typed in a terminal: asked for twice, never shown. Sent by a script: its first line."""
    if _typed():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    return sys.stdin.readline().rstrip("\r\n")


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Display name, 2 to 80 characters (as on the sign-up form).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input (asked for, without showing it, in a terminal).")
@click.option("--confirmed", is_flag=True,
              help="Mark the email address as confirmed (otherwise the person signs in once they confirm it, "
                   "e.g. through the 'forgotten password' link).")
@click.option("--platform-admin", is_flag=True,
              help="Make this person a platform admin; needs --confirmed (a platform admin's address is confirmed, "
                   "as the platform-admin command requires).")
@click.option("--role", type=click.Choice(ROLES), help="Role in the territory given by --territory; needs --confirmed.")
@click.option("--territory", "territory_slug", help="Territory slug for --role.")
@with_appcontext
def create_user_command(email, name, password_stdin, confirmed, platform_admin, role, territory_slug):
    """Create an account (the password is read from standard input)."""
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise click.UsageError(f"{email!r} is not an email address: {error}") from None
    if not password_stdin:
        raise click.UsageError("Pass --password-stdin and send the password on standard input.")
    name = one_line(name)  # as the sign-up form reads it
    if not NAME_MIN <= len(name) <= NAME_MAX:
        raise click.UsageError(f"The name must have {NAME_MIN} to {NAME_MAX} characters ({len(name)} given).")
    if platform_admin and not confirmed:
        raise click.UsageError("--platform-admin needs --confirmed: a platform admin's address must be confirmed.")
    password = _read_password()
    if len(password) < 10:
        raise click.UsageError("The password must have at least 10 characters.")
    if bool(role) != bool(territory_slug):
        raise click.UsageError("--role and --territory go together.")
    if role and not confirmed:
        raise click.UsageError("--role needs --confirmed: the address of a territory's staff must be confirmed.")
    territory = None
    if territory_slug:
        territory = get_by_slug(territory_slug)
        if territory is None:
            raise click.UsageError(f"No territory with the slug {territory_slug!r}.")
    try:
        user = create_user(email, name, password, confirmed=confirmed, platform_admin=platform_admin)
    except AccountError:
        raise click.UsageError(f"An account already exists for {email}.") from None
    if territory is not None:  # as on the team page: logged, and the person is told
        add_member(territory, user.email, role)
    db.session.commit()
    roles = ["platform admin"] if platform_admin else []
    roles += [f"{role} of {territory.name}"] if territory is not None else []
    click.echo(f"Created {user.email} (id {user.id}){''.join(f', {r}' for r in roles)}.")
    if territory is not None:
        _say_the_mail_goes_out(user)
    if platform_admin:
        click.echo("No mail tells them they are a platform admin (the site does not announce that role by mail "
                   "either): tell them yourself.")


def _say_the_mail_goes_out(user):
    """The mail telling the person of their role goes out now, as after the team page's request
    (MAIL_DELIVER_AFTER_REQUEST), or waits for `flask send-mail`: say which."""
    from ..mail import deliver_queued
    from ..notifications.models import OutgoingMail

    if current_app.config["MAIL_DELIVER_AFTER_REQUEST"]:
        deliver_queued()
    sent = db.session.scalar(db.select(OutgoingMail.id).where(OutgoingMail.user_id == user.id,
                                                              OutgoingMail.status == "sent"))
    if sent is not None:
        click.echo(f"A mail told {user.email} of their role.")
    else:
        click.echo(f"A mail telling {user.email} of their role waits in the queue: flask send-mail sends it.")


@click.command("platform-admin")
@click.argument("email")
@click.option("--remove", is_flag=True, help="Take the role back (never from the last platform admin).")
@with_appcontext
def platform_admin_command(email, remove):
    """Make the account EMAIL a platform admin (its address must be confirmed), or --remove the role."""
    from .platform_admins import PlatformAdminError, appoint_platform_admin, remove_platform_admin
    from .services import find_user_by_email

    try:
        if remove:
            user = find_user_by_email(email)
            if user is None or not user.is_platform_admin:
                raise click.UsageError(f"{email} is not a platform admin.")
            remove_platform_admin(user)
        else:
            user = appoint_platform_admin(email)
    except PlatformAdminError as error:
        with force_locale("en"):  # the command line speaks English, as its other messages
            raise click.UsageError(str(error)) from None
    db.session.commit()
    click.echo(f"{user.email} is {'no longer' if remove else 'now'} a platform admin.")
