"""The forms whose text the browser keeps while it is written (drafts.js; the browser side is
tested in tests/e2e/test_drafts.py): each under a key of the signed-in person's own."""
import re

DRAFT = re.compile(r'<form [^>]*data-draft="([^"]+)" data-draft-restored="([^"]+)" data-draft-discard="([^"]+)"')
SAVED_ELSEWHERE = re.compile(r'data-draft-changed="([^"]+)" data-draft-offer="([^"]+)"')


def _drafts(client, path, language="en"):
    html = client.get(path, headers={"Accept-Language": language}).get_data(as_text=True)
    return DRAFT.findall(html), html


def test_the_debate_forms_are_kept_under_the_persons_own_key(client, login, debate, make):
    _, proposal, alice, bob = debate
    top = make.comment(proposal, alice)
    login(bob)
    forms, html = _drafts(client, f"/proposals/{proposal.id}")
    assert [key for key, *_ in forms] == [f"{bob.id}:reply:{top.id}", f"{bob.id}:comment:{proposal.id}"]
    assert forms[0][1:] == ("What you wrote or chose here and did not send is back: this browser kept it.",
                            "Discard it")
    assert re.search(r'action="/auth/logout" class="inline-form" data-draft-forget>', html)
    french, _ = _drafts(client, f"/proposals/{proposal.id}", "fr")
    assert french[0][1:] == ("Ce que vous aviez écrit ou choisi ici sans l’envoyer est revenu\u00a0: ce navigateur "
                             "l’avait gardé.", "L’effacer")


def test_another_person_on_the_same_device_has_other_keys(client, login, debate, make):
    _, proposal, alice, bob = debate
    login(alice)
    forms, _ = _drafts(client, f"/proposals/{proposal.id}")
    assert [key for key, *_ in forms] == [f"{alice.id}:comment:{proposal.id}"]


def test_a_visitor_has_no_draft(client, debate):
    _, proposal, _, _ = debate
    forms, html = _drafts(client, f"/proposals/{proposal.id}")
    assert forms == [] and "data-draft" not in html


def test_the_writing_forms_keep_their_text(client, login, debate, make):
    """Each form is kept; those that edit something saved also carry what the page says when it
    was saved elsewhere since the draft began (shown as it is now, the draft offered)."""
    consultation, proposal, alice, _ = debate
    comment = make.comment(proposal, alice)
    untouched = make.proposal(consultation, alice)  # one with comments may not be edited
    login(alice)
    for path, key, edits in ((f"/consultations/{consultation.id}/proposals/new", f"proposal:{consultation.id}", False),
                             (f"/proposals/{untouched.id}/edit", f"proposal-edit:{untouched.id}", True),
                             (f"/comments/{comment.id}/edit", f"comment-edit:{comment.id}", True)):
        forms, html = _drafts(client, path)
        assert [k for k, *_ in forms] == [f"{alice.id}:{key}"], path
        assert bool(SAVED_ELSEWHERE.search(html)) == edits, path
    french = client.get(f"/proposals/{untouched.id}/edit", headers={"Accept-Language": "fr"}).text
    assert SAVED_ELSEWHERE.search(french).groups() == (
        "Ce contenu a été enregistré ailleurs depuis que vous avez commencé à le modifier ici\u00a0: il est affiché "
        "tel qu’il est maintenant, sans vos modifications non envoyées.", "Reprendre mes modifications")


def test_a_reply_given_back_as_a_comment_keeps_the_replys_draft(client, login, debate, make):
    """The comment replied to was deleted meanwhile: the text comes back in a form under the reply's
    key, whose draft the browser forgets once the text is published."""
    _, proposal, alice, bob = debate
    top = make.comment(proposal, alice, status="deleted")
    login(bob)
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": "Ma réponse", "parent_id": top.id})
    assert [key for key, *_ in DRAFT.findall(response.text)] == [f"{bob.id}:reply:{top.id}"]
