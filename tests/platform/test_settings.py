"""Settings a town's team gets wrong on the first day: the site refuses to start with a clear
sentence instead of running quietly without its safeguards, and `gunicorn wsgi:app` reads the
same `.env` file as the `flask` commands."""
import os
import subprocess
import sys

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from consult import create_app
from consult.config import ConfigError
from consult.extensions import db

from ..helpers import ROOT, free_port, stop_process

GOOD = {"ENV": "production", "SECRET_KEY": "k" * 40, "PUBLIC_URL": "https://participation.example.org",
        "SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_SERVER": "smtp.ville.fr",
        "MAIL_DEFAULT_SENDER": "Participation <participation@ville.fr>", "CONTACT_EMAIL": "numerique@ville.fr"}
GOOD_ENVIRON = {"CONSULT_ENV": "production", "SECRET_KEY": "s" * 40, "PUBLIC_URL": "https://participation.example.org",
                "MAIL_SERVER": "smtp.ville.fr", "MAIL_DEFAULT_SENDER": "participation@ville.fr",
                "CONTACT_EMAIL": "numerique@ville.fr"}


@pytest.mark.parametrize("changes, words", [
    ({"ENV": "Production"}, "CONSULT_ENV is 'Production'"),
    ({"ENV": "prod"}, "CONSULT_ENV is 'prod'"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
    ({"SECRET_KEY": "dev-secret-change-me"}, "SECRET_KEY must be set"),
    ({"ENV": "testing"}, "CONSULT_ENV is 'testing'"),  # the test suite's own, never a site's
    ({"PUBLIC_URL": "http://127.0.0.1:5000"}, "PUBLIC_URL must be set in production"),
    ({"PUBLIC_URL": "http://127.0.0.1:5000/"}, "PUBLIC_URL must be set in production"),
    ({"PUBLIC_URL": ""}, "PUBLIC_URL must be set in production"),
    ({"PUBLIC_URL": "participation.ville.fr"}, "PUBLIC_URL must be set in production"),  # links need a scheme
    ({"ENV": "development", "DIGEST_HOUR": 24}, "DIGEST_HOUR is 24: it must be an hour from 0 to 23."),
    ({"MAIL_SERVER": "smtp.ville.fr", "MAIL_USERNAME": "participation", "MAIL_USE_TLS": False, "MAIL_USE_SSL": False},
     "the relay's password would cross the network in clear"),
    ({"MAIL_SERVER": ""}, "MAIL_SERVER must be set in production to the mail relay"),
    ({"MAIL_SERVER": "  "}, "MAIL_SERVER must be set in production to the mail relay"),
    ({"MAIL_DEFAULT_SENDER": "Consult <no-reply@consult.localhost>"}, "MAIL_DEFAULT_SENDER must be set in production"),
    ({"MAIL_DEFAULT_SENDER": "participation@localhost"}, "MAIL_DEFAULT_SENDER must be set in production"),
    ({"MAIL_DEFAULT_SENDER": ""}, "MAIL_DEFAULT_SENDER must be set in production"),
    ({"CONTACT_EMAIL": ""}, "CONTACT_EMAIL must be set in production to the platform team's address"),
    ({"CONTACT_EMAIL": "numerique"}, "CONTACT_EMAIL must be set in production"),
    ({"MAIL_USE_TLS": True, "MAIL_USE_SSL": True}, "MAIL_USE_TLS and MAIL_USE_SSL are both true: choose one"),
    ({"MAIL_CA_FILE": "/nonexistent/ca.pem"}, "MAIL_CA_FILE is '/nonexistent/ca.pem': it must be the PEM file"),
    ({"SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent/d/x.db"},
     r"DATABASE_URL names a SQLite file in a folder that does not exist \(/nonexistent/d\)"),
    ({"SQLALCHEMY_DATABASE_URI": "sqlite:///instance/consult.db"},  # relative: under instance/ already
     r"DATABASE_URL names a SQLite file in a folder that does not exist \(.*/instance/instance\)"),
    ({"UPLOAD_FOLDER": "/etc/passwd"}, "UPLOAD_FOLDER is '/etc/passwd': it must be a folder, not a file."),
    ({"UPLOAD_FOLDER": "/proc/no/such/folder"}, "UPLOAD_FOLDER is '/proc/no/such/folder': the folder cannot be made"),
])
def test_a_setting_that_would_disable_a_safeguard_stops_the_start(tmp_path, changes, words):
    with pytest.raises(ConfigError, match=words):
        create_app({**GOOD, "UPLOAD_FOLDER": str(tmp_path), **changes})


def test_a_fresh_clone_starts_with_its_default_database(tmp_path):
    """A clone has no instance/ folder (git keeps none): the default SQLite database's folder is
    made, not refused as missing."""
    import shutil

    for folder in ("consult", "migrations"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "UPLOAD_FOLDER", "CONSULT_ENV")}
    started = subprocess.run([sys.executable, "-c", "from consult import create_app; print(create_app().instance_path)"],
                             cwd=tmp_path, env={**env, "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == str(tmp_path / "instance") and (tmp_path / "instance").is_dir()


def test_a_command_on_a_database_it_cannot_reach_says_so_in_one_sentence(tmp_path):
    app = create_app({"ENV": "development", "UPLOAD_FOLDER": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://consult@127.0.0.1:1/consult"})
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: The database cannot be reached (DATABASE_URL): ")
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize("args", [["db", "upgrade"], ["db", "current"]])
def test_the_migrations_on_a_database_they_cannot_reach_say_so_in_one_sentence(tmp_path, args):
    """`flask db upgrade`, the first command of an installation and of every upgrade, with a wrong
    DATABASE_URL (a password, a port): the sentence of the other commands, not a traceback."""
    app = create_app({"ENV": "development", "UPLOAD_FOLDER": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://consult@127.0.0.1:1/consult"})
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: The database cannot be reached (DATABASE_URL): ")
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize("args", [["db", "upgrade"], ["send-mail"]])
def test_a_database_the_account_cannot_write_is_said_in_one_sentence(tmp_path, monkeypatch, args):
    """A SQLite database made by another account (`flask db upgrade` run as root): its lock file
    cannot be opened. The commands say so, and what to do, not in a traceback."""
    import consult.database

    def refused(path, *args):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(consult.database.os, "open", refused)
    app = create_app({"ENV": "development", "UPLOAD_FOLDER": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'consult.db'}"})
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output == (f"Error: The database cannot be reached (DATABASE_URL): {tmp_path}/consult.db-writer.lock: "
                             "Permission denied (the database's folder and files must be writable by the account "
                             "that runs the site and its commands)\n")


def test_a_command_on_a_database_without_tables_says_to_migrate_it(tmp_path):
    app = create_app({"ENV": "development", "UPLOAD_FOLDER": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.db'}"})
    result = app.test_cli_runner().invoke(args=["recount-votes", "--dry-run"])
    assert result.exit_code == 1
    assert result.output == "Error: The database has no tables yet: run `flask db upgrade` first.\n"


def test_a_command_on_a_database_behind_the_code_says_to_migrate_it(empty_app):
    """The new code pulled, `flask db upgrade` not run yet, and cron runs `flask send-mail` every
    minute: one sentence, not a traceback of a column missing; `flask db upgrade` still runs."""
    upgrade(revision="0017")  # outgoing_mail has no to_new_address yet (0018)
    db.session.execute(text(
        "INSERT INTO outgoing_mail (recipient, subject, text_body, headers, status, attempts, next_attempt_at,"
        " created_at) VALUES ('a@example.org', 'Hello', '…', '{}', 'queued', 0, CURRENT_TIMESTAMP,"
        " CURRENT_TIMESTAMP)"))
    db.session.commit()
    runner = empty_app.test_cli_runner()
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 1
    assert result.output == "Error: The database's schema is older than the code's: run `flask db upgrade` first.\n"
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0
    assert result.output.endswith("1 sent, 0 failed, 0 forgotten (older than the retention period)\n")


def test_a_command_on_a_database_ahead_of_the_code_says_so(empty_app):
    """The database migrated by a later version (the code went back to an earlier one): this
    code would write rows without what the later version's columns expect of them."""
    upgrade()
    db.session.execute(text("UPDATE alembic_version SET version_num = 'later'"))
    db.session.commit()
    result = empty_app.test_cli_runner().invoke(args=["recount-votes"])
    assert result.exit_code == 1
    assert result.output == ("Error: The database's schema is newer than the code's (a later version migrated it): "
                             "deploy that version, or downgrade the database with its code.\n")


@pytest.mark.parametrize("mail", [
    {},  # GOOD's relay, no login
    {"MAIL_SERVER": "smtp.ville.fr", "MAIL_USERNAME": "participation", "MAIL_USE_TLS": True},
    {"MAIL_SERVER": "smtp.ville.fr", "MAIL_USERNAME": "participation", "MAIL_USE_SSL": True},
    {"MAIL_SERVER": "127.0.0.1", "MAIL_USERNAME": "participation"},  # the machine's own relay
])
def test_production_starts_once_its_settings_are_right(tmp_path, mail):
    app = create_app({**GOOD, "UPLOAD_FOLDER": str(tmp_path), **mail})
    assert app.config["ENV"] == "production"


def run_wsgi(folder, dotenv):
    """Import wsgi.py in a fresh process started in `folder`, beside a `.env` holding `dotenv`."""
    (folder / ".env").write_text("".join(f"{k}={v}\n" for k, v in dotenv.items()))
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "HOME": str(folder)}
    code = "import wsgi; c = wsgi.app.config; print(c['ENV'], c['SESSION_COOKIE_SECURE'], c['PUBLIC_URL'])"
    return subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=60)


def test_the_site_reads_the_dotenv_file_as_the_commands_do(tmp_path):
    result = run_wsgi(tmp_path, {**GOOD_ENVIRON,
                                 "DATABASE_URL": f"sqlite:///{tmp_path / 'site.db'}",
                                 "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["production", "True", "https://participation.example.org"]


def test_a_refused_setting_is_one_sentence_without_a_traceback(tmp_path):
    result = run_wsgi(tmp_path, {"CONSULT_ENV": "Production", "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    assert result.returncode == 3  # gunicorn's "worker failed to boot": see test_gunicorn_stops_…
    assert result.stderr.strip() == ("Consult cannot start: CONSULT_ENV is 'Production': it must be one of "
                                     "development, production.")


def test_production_without_a_mail_relay_does_not_start(tmp_path):
    """Mail written to the log in production would be lost, its confirmation links with it."""
    environ = {k: v for k, v in GOOD_ENVIRON.items() if not k.startswith("MAIL_")}
    result = run_wsgi(tmp_path, {**environ, "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "Consult cannot start: MAIL_SERVER must be set in production to the mail relay (e.g. smtp.ville.fr): "
        "without it, mail (confirmation and password links included) would be written to the log instead of "
        "being sent.",
        "Consult cannot start: MAIL_DEFAULT_SENDER must be set in production to the address the mail comes from "
        "(e.g. Participation <participation@ville.fr>): mail from a .localhost address is refused."]


def test_the_console_mail_is_kept_for_development(tmp_path):
    app = create_app({"ENV": "development", "MAIL_SERVER": "", "UPLOAD_FOLDER": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["MAIL_SERVER"] == ""


def test_gunicorn_stops_at_once_when_the_settings_are_refused(tmp_path):
    """Refused settings stop gunicorn before any worker starts, with exit code 3 (gunicorn.conf.py
    checks them in the master), instead of starting workers that fail, for ever."""
    (tmp_path / ".env").write_text("CONSULT_ENV=production\n")
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "-w", "2",
           "-b", f"127.0.0.1:{free_port()}", "wsgi:app"]
    process = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        stop_process(process)
        pytest.fail(f"gunicorn was still running after 20 s:\n{process.communicate()[0]}")
    assert process.returncode == 3, output
    assert "Consult cannot start: SECRET_KEY must be set to a random value of at least 32 characters" in output
    assert output.count("Consult cannot start: SECRET_KEY") == 1  # said once, by the master: no worker started
    assert "Booting worker" not in output


@pytest.mark.parametrize("args", [["send-mail", "--limit", "9223372036854775808"],
                                  ["send-mail", "--retry-failed", "--retry-hours", "99999999999"],
                                  ["notify-phases", "--since-minutes", "3000000000"],
                                  ["sweep-uploads", "--grace-hours", "99999999999"]])
def test_a_cron_command_given_a_number_too_large_says_which_in_one_line(app, args):
    """Not a traceback from a date or an integer overflowing further on: click's usage error (2)."""
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2
    assert f"Invalid value for '{args[-2]}'" in result.output and "is not in the range" in result.output
