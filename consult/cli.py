"""Command-line interface: `flask create-user`, `flask demo`, `flask send-mail`, …

Each domain defines its commands in its own `cli.py`; they are listed here.
"""
import functools

import click
import sqlalchemy
from flask import current_app
from flask.cli import with_appcontext

from .core.health import schema_state
from .database import writing
from .extensions import db
from .mail.delivery import deliver_pending, failure_text, forget_old_mail, requeue_failed
from .mail.transport import RelayUnavailable, relay_name

# The longest a command looks back (--retry-hours, --since-minutes, --grace-hours): a larger number
# is a mistake, said by click as a bad value rather than a date overflowing further on.
HOURS_IN_A_YEAR = 24 * 366


@click.command("send-mail")
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 100_000),
              help="Maximum messages to send.")
@click.option("--retry-failed", is_flag=True,
              help="First put the mail given up (failed after 5 attempts) back in the queue, e.g. after a relay "
                   "outage, when it was queued in the last --retry-hours.")
@click.option("--retry-hours", default=72, show_default=True, type=click.IntRange(1, HOURS_IN_A_YEAR),
              help="With --retry-failed: how recent the mail put back is (older mail's links have expired).")
@with_appcontext
def send_mail_command(limit, retry_failed, retry_hours):
    """Deliver queued mail (safe to run from cron, even twice at once), and forget the mail done
    with for longer than MAIL_RETENTION_DAYS. Exits with 1 when a message could not be sent, or
    when the relay could not be reached (then the outage counts against no message: all wait for
    the next run), saying why, so that cron tells someone."""
    if retry_failed:
        click.echo(f"{requeue_failed(retry_hours)} failed message(s) put back in the queue")
    errors, outage = [], None
    try:
        sent, failed = deliver_pending(limit, errors)
    except RelayUnavailable as error:
        outage, sent, failed = error, error.sent, error.failed
    click.echo(f"{sent} sent, {failed} failed, {forget_old_mail()} forgotten (older than the retention period)")
    for mail_id, error in errors:
        click.echo(f"message {mail_id}: {failure_text(error)}", err=True)
    if outage is not None:
        click.echo(f"The mail relay {relay_name()} (MAIL_SERVER, MAIL_PORT) could not be reached or refused the "
                   f"connection ({outage}): the outage counted against no message, the queued mail waits for the next run.",
                   err=True)
    if failed or outage is not None:
        raise SystemExit(1)


@click.command("demo")
@with_appcontext
def demo_command():
    """Load demonstration data (safe to run again: nothing is duplicated). Refused in production:
    its accounts' password is published."""
    if current_app.config["ENV"] == "production":
        raise click.ClickException(
            "flask demo refuses to run in production (CONSULT_ENV=production): it would create a platform admin, "
            "admin@example.org, whose password is published in the README; create the first platform admin with "
            "flask create-user instead.")
    from .demo import load
    from .mail import deliver_queued

    for line in load():
        click.echo(line)
    if current_app.config["MAIL_DELIVER_AFTER_REQUEST"]:  # as a request would: not left for the next visitor's
        deliver_queued()


def recount_command(name, recount, help_text, exact_message):
    """A `flask <name> [--dry-run]` command around `recount(fix) -> differences`: print them, fix or
    roll back (what recount left in its last transaction: see locked_batches), and sum up."""
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


def locked_batches(model, columns, fix, size=1000):
    """The rows of `model` (its id, then `columns`), by batches of `size` in the order of their
    ids, for a recount: each batch read locked (SELECT … FOR UPDATE), then left to the caller to
    count and fix in the same transaction, then committed (`fix`) or rolled back. The site's
    writers change a counter only with its row locked, after the rows they count (a vote, a
    comment): what the caller counts is what the counters it read count, even while the site
    writes (PostgreSQL; SQLite, which begins the command's transactions as writes, writes one
    transaction at a time). The site waits for a batch at most (some 20 ms for 1,000 proposals),
    not for the whole run."""
    last = 0
    while rows := db.session.execute(sqlalchemy.select(model.id, *columns).where(model.id > last).order_by(model.id)
                                     .limit(size).with_for_update()).all():
        yield rows
        if fix:
            db.session.commit()
        else:
            db.session.rollback()
        last = rows[-1].id


def register(app):
    from .api.tokens import api_token_command
    from .auth.cli import create_user_command, platform_admin_command
    from .comments.cli import recount_comments_command
    from .notifications.cli import COMMANDS as notification_commands
    from .uploads.sweep import sweep_uploads_command
    from .votes.cli import recount_votes_command

    for command in (send_mail_command, demo_command, create_user_command, platform_admin_command, api_token_command,
                    *notification_commands, recount_votes_command, recount_comments_command, sweep_uploads_command):
        app.cli.add_command(_needing_tables(command))


SCHEMA_REFUSALS = {
    "empty": "The database has no tables yet: run `flask db upgrade` first.",
    "outdated": "The database's schema is older than the code's: run `flask db upgrade` first.",
    "ahead": "The database's schema is newer than the code's (a later version migrated it): deploy that version, "
             "or downgrade the database with its code.",
}


def unreachable(error):
    """The error a command ends with when the database cannot be reached (an OperationalError on
    connecting: the server down, a wrong password or port in DATABASE_URL): one sentence."""
    reason = str(error.orig).strip().splitlines()[0] if error.orig else ""
    return click.ClickException(f"The database cannot be reached (DATABASE_URL): {reason}")


def _needing_tables(command):
    """The command, said to need `flask db upgrade` first on a database without tables or behind
    the code (a traceback of "no such table" or "no such column" otherwise), and refused on one
    ahead of it (this code would write rows without what the later columns expect), with its
    transactions begun as writes (see database.writes_expected: they are short, and hold nothing
    while the command waits for a mail relay or walks folders)."""
    run = command.callback
    if getattr(run, "needs_tables", False):  # the commands are the module's: wrapped once, for every app
        return command

    @functools.wraps(run)
    @with_appcontext
    def checked(*args, **kwargs):
        try:
            schema = schema_state()  # one query on a migrated database: cron runs some every minute
            if schema in ("not migrated", "unversioned") and not sqlalchemy.inspect(db.engine).has_table("user"):
                schema = "empty"
        except sqlalchemy.exc.OperationalError as error:  # an outage: one sentence for cron to mail
            raise unreachable(error) from None
        finally:
            db.session.rollback()  # the check's transaction ends: the command's begin as writes
        if schema in SCHEMA_REFUSALS:
            raise click.ClickException(SCHEMA_REFUSALS[schema])
        with writing():  # SQLite: a cron run waits for the site's writes, never refused by them
            return run(*args, **kwargs)

    checked.needs_tables = True
    command.callback = checked
    return command
