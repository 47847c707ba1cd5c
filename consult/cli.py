"""Command-line interface: `flask create-user`, `flask demo`, `flask send-mail`, …

Each domain defines its commands in its own `cli.py`; they are listed here.
"""
import click
from flask.cli import with_appcontext

from .mail import deliver_pending


@click.command("send-mail")
@click.option("--limit", default=500, show_default=True, help="Maximum messages to send.")
@with_appcontext
def send_mail_command(limit):
    """Deliver queued mail (safe to run from cron, even twice at once)."""
    sent, failed = deliver_pending(limit)
    click.echo(f"{sent} sent, {failed} failed")


@click.command("demo")
@with_appcontext
def demo_command():
    """Load demonstration data (safe to run again: nothing is duplicated)."""
    from .demo import load

    for line in load():
        click.echo(line)


def register(app):
    from .auth.cli import create_user_command

    for command in (send_mail_command, demo_command, create_user_command):
        app.cli.add_command(command)
