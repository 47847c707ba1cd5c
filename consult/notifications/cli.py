"""`flask send-digests`, `flask notify-phases` and `flask announce-news`, for cron."""
import click
from flask.cli import with_appcontext

from ..cli import HOURS_IN_A_YEAR
from .digests import notify_opened_phases, send_digests


@click.command("send-digests")
@click.option("--force", is_flag=True, help="Send the daily and weekly digests now, without waiting for their hour.")
@with_appcontext
def send_digests_command(force):
    """Queue daily and weekly digest emails (safe to run at any frequency, even twice at once)."""
    count = send_digests(force=force)
    click.echo(f"{count} digest(s) queued")


@click.command("notify-phases")
@click.option("--since-minutes", default=60, show_default=True, type=click.IntRange(1, 60 * HOURS_IN_A_YEAR),
              help="Announce phases that opened within this many minutes.")
@with_appcontext
def notify_phases_command(since_minutes):
    """Tell followers of consultations about phases that just opened (never twice)."""
    count = notify_opened_phases(since_minutes=since_minutes)
    click.echo(f"{count} notification(s) created")


@click.command("announce-news")
@with_appcontext
def announce_news_command():
    """Tell the followers of consultations about their news once the public reads it: scheduled news
    whose time has come, news written on a consultation published since (never twice)."""
    from ..consultations.news import announce_due_news

    count = announce_due_news()
    click.echo(f"{count} piece(s) of news announced")


COMMANDS = (send_digests_command, notify_phases_command, announce_news_command)
