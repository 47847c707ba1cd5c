"""Every contribution of a consultation, in full, for a spreadsheet (proposals-excel.csv and
comments-excel.csv, linked from the results page): what the public sees, nothing held back by
moderation, authors by their display name, in the reader's language."""
import csv
import io
from datetime import datetime

from consult.consultations import export
from consult.extensions import db
from consult.proposals.models import ProposalAnswer


def _consultation(make):
    c = make.consultation(phase="proposals", vote_mode="for_against")
    alice, bob = make.user(name="Alice Martin"), make.user(name="=Bob")
    benches = make.proposal(c, alice, title="Des bancs; à l'ombre", body="Place Lafayette.\nDix bancs.",
                            category=make.category(c, fr="Cadre de vie", en="Living environment"),
                            address="Place Lafayette", latitude=45.76, longitude=4.83, answer_state="accepted",
                            created_at=datetime(2026, 11, 19, 23, 32, 5), votes_for=3, votes_against=1)
    db.session.add(ProposalAnswer(proposal=benches, state="accepted", text={"fr": "Oui.", "en": "Yes."}))
    withdrawn = make.proposal(c, bob, title="Une fête", status="withdrawn", created_at=datetime(2026, 7, 1, 10, 0))
    hidden = make.proposal(c, bob, title="Un texte caché", status="hidden")
    top = make.comment(benches, bob, body="Oui, =SOMME(A1)", stance="for", created_at=datetime(2026, 11, 20, 8, 0))
    reply = make.comment(benches, alice, body="Merci !", parent=top, created_at=datetime(2026, 11, 20, 9, 0))
    make.comment(benches, bob, body="Retiré par la modération", status="hidden")
    make.comment(hidden, alice, body="Sous une proposition cachée")
    other = make.proposal(make.consultation(), alice, title="Ailleurs")
    make.comment(other, bob, body="Dans une autre consultation")
    db.session.commit()
    return c, benches, withdrawn, top, reply


def _table(client, path, language="en"):
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    return response, list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_proposals_with_their_text_and_place(client, make):
    c, benches, withdrawn, *_ = _consultation(make)
    response, rows = _table(client, f"/consultations/{c.id}/proposals-excel.csv")
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="consultation-{c.id}-proposals-excel.csv"'
    assert rows[0] == ["Proposal no.", "Title", "Description", "Author", "Category", "Status", "Address", "Latitude",
                       "Longitude", "For", "Against", "Abstain", "Comments", "Official answer",
                       "Posted on (Europe/Paris)", "Link"]
    assert [row[:-1] for row in rows[1:]] == [
        [str(benches.id), "Des bancs; à l'ombre", "Place Lafayette.\nDix bancs.", "Alice Martin",
         "Living environment", "Published", "Place Lafayette", "45.76", "4.83", "3", "1", "0",
         str(benches.comments_count), "Accepted", "2026-11-20 00:32"],
        [str(withdrawn.id), "Une fête", withdrawn.body, "'=Bob", "", "Withdrawn", "", "", "", "0", "0", "0", "0", "",
         "2026-07-01 12:00"],
    ]  # the hidden proposal is not there
    assert rows[1][-1].endswith(f"/proposals/{benches.id}")


def test_the_published_comments_with_their_proposal(client, make):
    c, benches, _, top, reply = _consultation(make)
    _, rows = _table(client, f"/consultations/{c.id}/comments-excel.csv", "fr")
    assert rows[0] == ["N° du commentaire", "N° de la proposition", "Proposition", "En réponse au commentaire n°",
                       "Auteur ou autrice", "Position", "Commentaire", "Publié le (Europe/Paris)", "Lien"]
    assert [row[:-1] for row in rows[1:]] == [
        [str(top.id), str(benches.id), "Des bancs; à l'ombre", "", "'=Bob", "Pour", "Oui, =SOMME(A1)",
         "2026-11-20 09:00"],
        [str(reply.id), str(benches.id), "Des bancs; à l'ombre", str(top.id), "Alice Martin", "", "Merci !",
         "2026-11-20 10:00"],
    ]
    assert rows[2][-1].endswith(f"/comments/{reply.id}")


def test_the_results_page_links_both_and_a_hidden_consultation_has_none(client, make):
    c, *_ = _consultation(make)
    page = client.get(f"/consultations/{c.id}/results", headers={"Accept-Language": "en"}).text
    assert f'<a href="/consultations/{c.id}/proposals-excel.csv" download>the proposals, with their text and place</a>' \
        in page
    assert f'<a href="/consultations/{c.id}/comments-excel.csv" download>the comments</a>' in page
    draft = make.consultation(status="draft")
    for what in ("proposals", "comments"):
        assert client.get(f"/consultations/{draft.id}/{what}-excel.csv").status_code == 404
        assert client.get(f"/consultations/999999/{what}-excel.csv").status_code == 404


def test_coordinates_are_written_as_the_readers_spreadsheet_reads_them(client, make):
    c, *_ = _consultation(make)
    _, rows = _table(client, f"/consultations/{c.id}/proposals-excel.csv", "fr")
    assert rows[1][6:9] == ["Place Lafayette", "45,76", "4,83"]  # a French Excel reads 45.76 as text


def test_a_place_west_of_greenwich_keeps_numbers_and_a_formula_is_still_escaped(client, make):
    c = make.consultation(phase="proposals")
    make.proposal(c, title="Un abri au port de Brest", address="-2+3 cmd|' /C calc'!A0", latitude=48.38, longitude=-4.486)
    db.session.commit()
    for language, longitude in (("fr", "-4,486"), ("en", "-4.486")):
        _, rows = _table(client, f"/consultations/{c.id}/proposals-excel.csv", language)
        assert rows[1][6:9] == ["'-2+3 cmd|' /C calc'!A0", "48,38" if language == "fr" else "48.38", longitude]


def test_a_large_consultation_is_read_in_batches_before_it_is_sent(client, make, monkeypatch):
    """Rows read a few at a time, the file larger than its part kept in memory; and all read
    before the answer is sent: the request's database session is gone by then, as a server
    closes it when the view returns."""
    from consult.core import csvfiles

    c, benches, *_ = _consultation(make)
    for i in range(40):
        make.comment(benches, body=f"Commentaire n° {i} " + "x" * 200)
    db.session.commit()
    monkeypatch.setattr(export, "BATCH", 7)
    monkeypatch.setattr(csvfiles, "SPOOL_BYTES", 2048)  # the rest goes to a temporary file
    response = client.get(f"/consultations/{c.id}/comments-excel.csv", buffered=False)
    db.session.remove()
    body = response.get_data()
    response.close()
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 2 + 40
    assert rows[-1][6] == "Commentaire n° 39 " + "x" * 200


def test_downloads_are_limited_per_address(limited_app_with):
    from ..factories import Factory

    app = limited_app_with()
    with app.app_context():
        cid = Factory().consultation().id
    client = app.test_client()
    codes = [client.get(f"/consultations/{cid}/{what}-excel.csv").status_code
             for what in ("proposals", "comments") * 6]
    assert codes == [200] * 10 + [429] * 2
