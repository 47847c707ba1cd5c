"""The results for a spreadsheet (results-excel.csv): semicolons and a byte order mark, headers
and values in the reader's language, dates in the platform's time zone; the open-data CSV
next to it keeps its machine headers, codes and UTC dates."""
import csv
import io
from datetime import datetime

from consult.extensions import db
from consult.proposals.models import ProposalAnswer
from consult.votes.models import Vote


def _consultation(make, vote_mode="for_against"):
    c = make.consultation(phase="vote", vote_mode=vote_mode, support_threshold=3)
    bob = make.user(name="Bob Durand")
    party = make.proposal(c, bob, title="Une fête de quartier", category=make.category(c, fr="Fête", en="Party"),
                          created_at=datetime(2026, 11, 19, 23, 32, 5), answer_state="not_retained")
    benches = make.proposal(c, make.user(name="=Alice"), title="Des bancs; publics",
                            created_at=datetime(2026, 7, 1, 10, 0))
    for value in (1, 1, 1, -1):
        db.session.add(Vote(user_id=make.user().id, proposal_id=party.id, consultation_id=c.id, value=value))
    party.votes_for, party.votes_against = 3, 1
    db.session.add(ProposalAnswer(proposal=party, state="not_retained",
                                  text={"fr": "Le budget ne le permet pas.", "en": "The budget does not allow it."}))
    db.session.commit()
    return c, party, benches


def _rows(client, c, language="en"):
    response = client.get(f"/consultations/{c.id}/results-excel.csv", headers={"Accept-Language": language})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data().startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))


def test_the_page_offers_the_spreadsheet_after_the_open_data(client, make):
    c, *_ = _consultation(make)
    page = client.get(f"/consultations/{c.id}/results").text
    link = f'<a href="/consultations/{c.id}/results-excel.csv" download>CSV for Excel (semicolon)</a>'
    assert link in page and page.index(f'/consultations/{c.id}/results.csv"') < page.index(link)
    response = client.get(f"/consultations/{c.id}/results-excel.csv")
    assert response.headers["Content-Disposition"] == f'attachment; filename="consultation-{c.id}-results-excel.csv"'


def test_the_spreadsheet_speaks_english_to_an_english_reader(client, make):
    c, party, benches = _consultation(make)
    rows = _rows(client, c)
    assert rows[0] == ["Rank", "Proposal no.", "Title", "Author", "Category", "For", "Against", "Abstain", "Total",
                       "Comments", "Eligible", "Official answer", "Text of the official answer",
                       "Document of the official answer", "Posted on (Europe/Paris)", "Link"]
    assert [row[:-1] for row in rows[1:]] == [
        ["1", str(party.id), "Une fête de quartier", "Bob Durand", "Party", "3", "1", "0", "4", "0", "Yes",
         "Not selected", "The budget does not allow it.", "", "2026-11-20 00:32"],
        ["2", str(benches.id), "Des bancs; publics", "'=Alice", "", "0", "0", "0", "0", "0", "No", "", "", "",
         "2026-07-01 12:00"],
    ]
    assert [row[-1].rsplit("/", 2)[1:] for row in rows[1:]] == [["proposals", str(party.id)],
                                                                 ["proposals", str(benches.id)]]


def test_the_spreadsheet_speaks_french_to_a_french_reader(client, make):
    c, party, benches = _consultation(make)
    header, first, _ = _rows(client, c, "fr")
    assert [header[i] for i in (0, 2, 4, 5, 6, 7, 8, 9, 10, 11)] == [
        "Rang", "Titre", "Catégorie", "Pour", "Contre", "Abstention", "Total", "Commentaires", "Éligible",
        "Réponse officielle"]
    assert [first[i] for i in (4, 11, 12, 13, 14)] == ["Fête", "Non retenue", "Le budget ne le permet pas.", "",
                                                       "2026-11-20 00:32"]


def test_in_support_mode_the_votes_column_says_supports(client, make):
    c, *_ = _consultation(make, vote_mode="support")
    assert _rows(client, c)[0][5] == "Supports"


def test_the_open_data_csv_keeps_codes_and_utc_dates(client, make):
    c, party, benches = _consultation(make)
    text = client.get(f"/consultations/{c.id}/results.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["rank", "proposal_id", "title", "author", "category", "votes_for", "votes_against",
                       "votes_abstain", "votes_total", "comments", "eligible", "answer_state", "answer",
                       "answer_document", "created_at", "url"]
    assert [row[:-1] for row in rows[1:]] == [
        ["1", str(party.id), "Une fête de quartier", "Bob Durand", "Fête", "3", "1", "0", "4", "0", "yes",
         "not_retained", "Le budget ne le permet pas.", "", "2026-11-19T23:32:05Z"],
        ["2", str(benches.id), "Des bancs; publics", "'=Alice", "", "0", "0", "0", "0", "0", "no", "", "", "",
         "2026-07-01T10:00:00Z"],
    ]
