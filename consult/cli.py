"""Command-line interface: `flask create-user`, `flask demo`, `flask send-mail`, …

Each domain defines its commands in its own `cli.py`; they are listed here.
"""
import click
from flask.cli import with_appcontext

from .mail import deliver_pending, forget_old_mail


@click.command("send-mail")
@click.option("--limit", default=500, show_default=True, help="Maximum messages to send.")
@with_appcontext
def send_mail_command(limit):
    """Deliver queued mail (safe to run from cron, even twice at once), and forget the mail done
    with for longer than MAIL_RETENTION_DAYS. Exits with 1 when a message could not be sent,
    saying why, so that cron tells someone; it is tried again later."""
    errors = []
    sent, failed = deliver_pending(limit, errors)
    click.echo(f"{sent} sent, {failed} failed, {forget_old_mail()} forgotten (older than the retention period)")
    for line in errors:
        click.echo(line, err=True)
    if failed:
        raise SystemExit(1)


@click.command("demo")
@with_appcontext
def demo_command():
    """Load demonstration data (safe to run again: nothing is duplicated)."""
    from .demo import load

    for line in load():
        click.echo(line)


def recount_command(name, recount, help_text, exact_message):
    """A `flask <name> [--dry-run]` command around `recount(fix) -> differences`: print them, fix or
    roll back, and sum up."""
    @click.command(name, help=help_text)
    @click.option("--dry-run", is_flag=True, help="Only report the differences (and exit with 1 if there are any).")
    @with_appcontext
    def command(dry_run):
        from .extensions import db

        differences = recount(fix=not dry_run)
        for line in differences:
            click.echo(line)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
        if not differences:
            click.echo(exact_message)
        else:
            click.echo(f"{len(differences)} difference(s) {'found' if dry_run else 'fixed'}.")
            if dry_run:
                raise SystemExit(1)  # for a monitoring script

    return command


def register(app):
    from .api.tokens import api_token_command
    from .auth.cli import create_user_command, platform_admin_command
    from .comments.cli import recount_comments_command
    from .notifications.cli import COMMANDS as notification_commands
    from .uploads.sweep import sweep_uploads_command
    from .votes.cli import recount_votes_command

    for command in (send_mail_command, demo_command, create_user_command, platform_admin_command, api_token_command,
                    *notification_commands, recount_votes_command, recount_comments_command, sweep_uploads_command):
        app.cli.add_command(command)
