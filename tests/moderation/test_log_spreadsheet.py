"""The audit log for a spreadsheet, next to the CSV for programs: semicolons, a byte order mark,
labels in the reader's language, dates in the platform's time zone."""
import csv
import io
from datetime import datetime

from consult.account.erasure import delete_account
from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import ModerationAction


def _entries(world, make):
    db.session.add_all([
        ModerationAction(territory_id=world.territory.id, moderator_id=world.admin.id, subject_user_id=world.alice.id,
                         target_type="proposal", target_id=world.proposal.id, action="hide", rule="off_topic",
                         explanation="Hors sujet ; voir la charte.", created_at=datetime(2026, 11, 28, 23, 30, 5)),
        ModerationAction(territory_id=world.territory.id, subject_user_id=world.alice.id, target_type="user",
                         target_id=world.alice.id, action="block", rule="spam", explanation="=Publicité",
                         blocked_until=datetime(2026, 7, 1, 22, 0), created_at=datetime(2026, 6, 30, 10, 0)),
    ])
    db.session.commit()


def test_the_log_page_offers_both_downloads_with_its_filters(world, as_user, client):
    as_user(world.admin)
    html = client.get("/moderation/log?action=hide").text
    assert ('Download the log:\n  <a href="/moderation/log.csv?action=hide" download>CSV</a> ·\n'
            '  <a href="/moderation/log-excel.csv?action=hide" download>CSV for Excel (semicolon)</a>') in html


def test_the_spreadsheet_log_reads_in_columns_with_local_dates(world, make, as_user, client):
    _entries(world, make)
    as_user(world.admin)
    response = client.get("/moderation/log-excel.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="moderation-log-excel.csv"'
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf") and "Villeneuve".encode() in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    proposal_id, alice_id = str(world.proposal.id), str(world.alice.id)
    assert rows[0] == ["No.", "Date (Europe/Paris)", "Territory", "Action", "Item", "Item no.", "Moderator",
                       "Person concerned", "Rule", "Explanation", "Blocked until (Europe/Paris)"]
    assert [row[1:] for row in rows[1:]] == [
        ["2026-11-29 00:30", "Villeneuve", "Hidden", "Proposal", proposal_id, "Theo Admin", "Alice Martin",
         "Off-topic", "Hors sujet ; voir la charte.", ""],
        ["2026-06-30 12:00", "Villeneuve", "Person blocked", "Person", alice_id, "Automatic", "Alice Martin",
         "Spam", "'=Publicité", "2026-07-02 00:00"],
    ]
    # the CSV for programs keeps its codes and UTC dates
    open_rows = list(csv.reader(io.StringIO(client.get("/moderation/log.csv").text)))
    assert open_rows[0] == ["id", "date", "territory", "action", "target_type", "target_id", "moderator", "person",
                            "rule", "explanation", "blocked_until"]
    assert [row[1:] for row in open_rows[1:]] == [
        ["2026-11-28T23:30:05Z", "Villeneuve", "hide", "proposal", proposal_id, "Theo Admin", "Alice Martin",
         "off_topic", "Hors sujet ; voir la charte.", ""],
        ["2026-06-30T10:00:00Z", "Villeneuve", "block", "user", alice_id, "", "Alice Martin", "spam", "'=Publicité",
         "2026-07-01T22:00:00Z"],
    ]


def test_the_spreadsheet_log_speaks_the_readers_language(world, make, as_user, client):
    _entries(world, make)
    as_user(world.admin)
    text = client.get("/moderation/log-excel.csv?action=hide", headers={"Accept-Language": "fr"}).text
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [header[i] for i in (2, 3, 6, 7, 8, 9)] == ["Territoire", "Action", "Modérateur ou modératrice",
                                                        "Personne concernée",
                                                        "Règle", "Explication"]
    assert [row[i] for i in (1, 3, 4, 8)] == ["2026-11-29 00:30", "Masquage", "Proposition", "Hors sujet"]


def test_the_spreadsheet_log_takes_the_same_filters(world, make, as_user, client):
    _entries(world, make)
    as_user(world.admin)
    text = client.get("/moderation/log-excel.csv?start=2026-11-29&end=2026-11-29").text
    assert len(list(csv.reader(io.StringIO(text), delimiter=";"))) == 2  # the header and the hiding
    refused = client.get("/moderation/log-excel.csv?action=nonsense")
    assert refused.status_code == 422 and refused.text == "Some filters are not valid.\n"


def test_both_downloads_name_deleted_accounts_as_the_log_page_does(world, as_user, client):
    db.session.add(ModerationAction(territory_id=world.territory.id, moderator_id=world.moderator.id,
                                    subject_user_id=world.alice.id, target_type="proposal",
                                    target_id=world.proposal.id, action="hide", rule="spam",
                                    explanation="Publicité."))
    for person in (world.moderator, world.alice):
        delete_account(person, utcnow())
    db.session.commit()
    as_user(world.admin)

    def names(url, language="en", delimiter=";"):  # the moderator and the person concerned
        text = client.get(url, headers={"Accept-Language": language}).text.lstrip("\ufeff")
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))[1][6:8]

    assert names("/moderation/log-excel.csv") == ["Deleted account", "Deleted account"]
    assert names("/moderation/log-excel.csv", "fr") == ["Compte supprimé", "Compte supprimé"]
    assert names("/moderation/log.csv", delimiter=",") == ["Deleted account", "Deleted account"]
