"""Sending over SMTP: one connection for a run of messages, and what counts as the relay's
outage (not the message's fault) rather than a message refused."""
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app

log = logging.getLogger("consult.mail")


def build_message(mail, sender):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = mail.recipient
    msg["Subject"] = mail.subject
    # Required (Date) or expected (Message-ID) of every message: a relay does not always add
    # them, and spam filters count against mail without them.
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    for name, value in (mail.headers or {}).items():
        msg[name] = value
    msg.set_content(mail.text_body)
    if mail.html_body:
        msg.add_alternative(mail.html_body, subtype="html")
    return msg


def _log_unsent(msg):
    """Without MAIL_SERVER, the mail is written to the server's console, readable (links
    whole, not quoted-printable), so that a demo's confirmation or reset link can be followed."""
    if not log.hasHandlers() or log.getEffectiveLevel() > logging.INFO:
        log.setLevel(logging.INFO)
        log.addHandler(logging.StreamHandler())
    body = msg.get_body(("plain",))
    log.info("Mail (no MAIL_SERVER set, not sent)\nTo: %s\nSubject: %s\n\n%s", msg["To"], msg["Subject"],
             body.get_content() if body is not None else "")


class RelayUnavailable(Exception):
    """The relay could not be reached, refused the connection (TLS, login) or cannot serve now
    (421): the run stops. deliver_pending sets `sent` and `failed`, for the messages before."""

    sent = failed = 0


class Transport:
    """One SMTP connection for a run of messages, opened at the first and closed by `close()`
    (or at the end of a `with` block). A relay that closed a connection kept open is reached
    again once, for the same message; one that cannot be reached stops the run (RelayUnavailable).
    TLS (STARTTLS with MAIL_USE_TLS, or from the first byte with MAIL_USE_SSL) checks the
    server's certificate, against MAIL_CA_FILE when the relay has a private authority."""

    def __init__(self):
        self.smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _open(self):
        cfg = current_app.config
        host, port = cfg["MAIL_SERVER"], cfg["MAIL_PORT"]
        smtp = None
        try:  # the authority's file unreadable since the start is the relay's problem, not a message's
            context = ssl.create_default_context(cafile=cfg.get("MAIL_CA_FILE") or None)
            if cfg.get("MAIL_USE_SSL"):
                smtp = smtplib.SMTP_SSL(host, port, timeout=20, context=context)
            else:
                smtp = smtplib.SMTP(host, port, timeout=20)
                if cfg.get("MAIL_USE_TLS"):
                    smtp.starttls(context=context)
            if cfg.get("MAIL_USERNAME"):
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        except (smtplib.SMTPException, OSError) as error:
            if smtp is not None:
                smtp.close()
            raise RelayUnavailable(f"{type(error).__name__}: {error}") from error
        return smtp

    def send(self, msg):
        """Send one message. RelayUnavailable when the relay cannot be reached or refuses the
        connection or the login, or says it cannot serve now (421): not the message's fault.
        Any other failure is the message's own (counted against it), including a connection
        lost while sending it on a connection just opened: otherwise a message that breaks the
        connection would be tried first at every run, for ever, and hold up the queue."""
        if not current_app.config.get("MAIL_SERVER"):
            _log_unsent(msg)
            return
        fresh = self.smtp is None
        if fresh:
            self.smtp = self._open()
        try:
            self._send_or_close(msg)
        except (smtplib.SMTPException, OSError) as error:
            if fresh or not _connection_lost(error):
                _stop_if_unavailable(error)
                raise
            self.smtp = self._open()  # the relay closed the connection between two messages
            try:
                self._send_or_close(msg)
            except (smtplib.SMTPException, OSError) as again:
                _stop_if_unavailable(again)
                raise

    def _send_or_close(self, msg):
        try:
            self.smtp.send_message(msg)
        except Exception:
            self.close()
            raise

    def close(self):
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def _stop_if_unavailable(error):
    """RelayUnavailable when the relay says it cannot serve now (421)."""
    if getattr(error, "smtp_code", None) == 421:
        raise RelayUnavailable(f"{type(error).__name__}: {error}") from error


def _connection_lost(error):
    """The relay closed the connection, or is closing it (421), or it broke, rather than
    refusing a message."""
    if isinstance(error, smtplib.SMTPServerDisconnected) or getattr(error, "smtp_code", None) == 421:
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)  # a reset, a timeout


def refusal_code(error):
    """The kind of a message's failure and the relay's code (SMTPRecipientsRefused 550), without
    the addresses or the text the relay answered, which may name the recipient."""
    codes = [code for code, _ in getattr(error, "recipients", {}).values()] or [getattr(error, "smtp_code", None)]
    return " ".join([type(error).__name__, *(str(code) for code in codes if code is not None)])


def relay_name():
    """The relay as MAIL_SERVER:MAIL_PORT, for the messages saying it could not be reached."""
    return f"{current_app.config['MAIL_SERVER']}:{current_app.config['MAIL_PORT']}"
