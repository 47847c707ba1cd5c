"""The town's voices in the debate: a comment by an admin or a moderator of the proposal's
territory carries a badge that says so, in the reader's language; the same person's roles
elsewhere, or roles suspended by a block, give none."""
import re
from datetime import timedelta

from consult.database import utcnow
from consult.extensions import db

BADGE = re.compile(r'<strong class="comment-author">([^<]+)</strong>\s*(?:<span class="badge badge-staff">([^<]+)</span>)?')


def _authors(client, proposal, language="en"):
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": language}).text
    return BADGE.findall(html)


def test_staff_comments_carry_their_role(client, debate, make):
    consultation, proposal, alice, bob = debate
    territory = consultation.territory
    mayor = make.member(make.user(name="Claire Mairie"), territory, "admin")
    make.member(mayor, territory, "moderator")  # both: the admin's badge
    moderator = make.member(make.user(name="Mo Dération"), territory, "moderator")
    elsewhere = make.member(make.user(name="Éric Ailleurs"), make.territory(), "admin")
    for author in (bob, mayor, moderator, elsewhere):
        make.comment(proposal, author, body=f"Un avis de {author.display_name}")
    db.session.commit()
    name = territory.name
    assert _authors(client, proposal) == [("Bob Durand", ""), ("Claire Mairie", f"Team of {name}"),
                                          ("Mo Dération", f"Moderation of {name}"), ("Éric Ailleurs", "")]
    french = _authors(client, proposal, "fr")
    assert french[1:3] == [("Claire Mairie", f"Équipe de {name}"), ("Mo Dération", f"Modération de {name}")]


def test_a_blocked_staff_member_speaks_without_the_badge(client, debate, make):
    consultation, proposal, _, _ = debate
    mayor = make.member(make.user(name="Claire Mairie"), consultation.territory, "admin")
    make.comment(proposal, mayor)
    mayor.blocked_until = utcnow() + timedelta(days=3)
    db.session.commit()
    assert _authors(client, proposal) == [("Claire Mairie", "")]
