"""The proposals of a consultation: visibility, filters, search, sorts, pagination, queries."""
import re
from datetime import timezone
from zoneinfo import ZoneInfo

import pytest
from flask import session

from consult.extensions import db
from consult.proposals.listing import PER_PAGE, RANDOM_ORDERS, SEED_SESSION_KEY, build_listing, pivot_for, visitor_seed
from consult.proposals.models import Proposal

from ..helpers import count_queries, current_page, pagination_links


def titles(html):
    return re.findall(r'<h3><a href="/proposals/\d+"(?: lang="fr")?>([^<]+)</a></h3>', html)


def url(c, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/consultations/{c.id}/proposals" + (f"?{query}" if query else "")


def test_visible_proposals_and_own_pending_marked(client, make, login, open_consultation):
    me, other = make.user(), make.user()
    make.proposal(open_consultation, other, title="Une proposition publiée")
    make.proposal(open_consultation, other, title="Une proposition retirée", status="withdrawn")
    make.proposal(open_consultation, other, title="Une proposition en attente", status="pending")
    make.proposal(open_consultation, me, title="Ma proposition en attente", status="pending")
    make.proposal(open_consultation, other, title="Une proposition rejetée", status="rejected")
    html = client.get(url(open_consultation)).text
    assert sorted(titles(html)) == ["Une proposition publiée", "Une proposition retirée"]
    assert "Withdrawn" in html
    login(me)
    html = client.get(url(open_consultation)).text
    assert sorted(titles(html)) == ["Ma proposition en attente", "Une proposition publiée", "Une proposition retirée"]
    assert "Awaiting moderation" in html
    html = client.get(url(open_consultation, mine="y")).text
    assert titles(html) == ["Ma proposition en attente"]


def test_filters_category_status_answer(client, make, open_consultation):
    culture = make.category(open_consultation, fr="Culture", en="Culture")
    make.proposal(open_consultation, title="Un festival de musique", category=culture)
    make.proposal(open_consultation, title="Un parking à vélos", answer_state="accepted")
    make.proposal(open_consultation, title="Un banc public retiré", status="withdrawn")
    assert titles(client.get(url(open_consultation, category=culture.id)).text) == ["Un festival de musique"]
    assert titles(client.get(url(open_consultation, status="withdrawn")).text) == ["Un banc public retiré"]
    html = client.get(url(open_consultation, status="accepted")).text
    assert titles(html) == ["Un parking à vélos"]
    assert "Accepted" in html
    # What the town has still to answer: published, without an answer (a withdrawn one awaits none).
    html = client.get(url(open_consultation, status="unanswered")).text
    assert titles(html) == ["Un festival de musique"]
    assert '<option selected value="unanswered">Not answered yet</option>' in html
    # Unknown values are ignored rather than failing.
    assert client.get(url(open_consultation, category="999", status="nope", sort="x", page="abc")).status_code == 200


def test_the_count_of_proposals_to_answer_follows_each_answer(app, client, make, open_consultation):
    from consult.proposals.services import answer_proposal

    app.config["PROPOSAL_COUNT_CACHE_SECONDS"] = 10  # counts kept, as in production

    first, _ = make.proposal(open_consultation), make.proposal(open_consultation)
    assert "2 proposals" in client.get(url(open_consultation, status="unanswered")).text
    answer_proposal(first, make.user(), "accepted", "Oui.")
    db.session.commit()
    assert "1 proposal" in client.get(url(open_consultation, status="unanswered")).text  # not 10 s later


def test_the_count_of_proposals_follows_each_moderation_decision(app, client, make, open_consultation):
    from consult.moderation.services import load_target, set_status

    app.config["PROPOSAL_COUNT_CACHE_SECONDS"] = 10  # counts kept, as in production
    make.proposal(open_consultation)
    held = make.proposal(open_consultation, status="pending")
    assert "1 proposal" in client.get(url(open_consultation)).text
    set_status(load_target("proposal", held.id, None), "published")
    db.session.commit()
    assert "2 proposals" in client.get(url(open_consultation)).text  # not 10 s later
    set_status(load_target("proposal", held.id, None), "hidden")
    db.session.commit()
    assert "1 proposal" in client.get(url(open_consultation)).text


def test_counts_are_written_as_the_reader_s_language_writes_numbers(client, make, open_consultation, many):
    open_consultation.support_threshold = 1500
    many(open_consultation, 999)
    make.proposal(open_consultation, title="Pistes cyclables près des écoles", comments_count=1500, votes_for=1200)
    page = f"/consultations/{open_consultation.id}?sort=commented"
    en = client.get(page).text
    assert "Proposals with 1,500 supports are eligible" in en
    assert "1,000 proposals" in en and "<span>1,500 comments</span>" in en
    fr = client.get(page, headers={"Accept-Language": "fr"}).text
    assert "au moins 1\u202f500 soutiens" in fr and "<span>1\u202f500 commentaires</span>" in fr
    similar = client.get(f"/consultations/{open_consultation.id}/proposals/similar?title=piste+cyclable+%C3%A9cole").text
    assert "1,200 supports" in similar


def test_form_has_labels(client, make, open_consultation):
    make.proposal(open_consultation)
    html = client.get(url(open_consultation)).text
    for name in ("q", "category", "status", "sort"):
        assert f'<label for="{name}"' in html


def test_search_accent_insensitive_and_all_keywords(client, make, open_consultation):
    make.proposal(open_consultation, title="Pistes cyclables près des écoles",
                  body="Sécuriser les trajets des enfants à vélo.")
    make.proposal(open_consultation, title="Un jardin partagé", body="Des légumes pour l'école du quartier.")
    assert len(titles(client.get(url(open_consultation, q="ECOLE")).text)) == 2
    assert titles(client.get(url(open_consultation, q="école vélo")).text) == ["Pistes cyclables près des écoles"]
    assert titles(client.get(url(open_consultation, q="les des")).text) != []  # only stop words: no filter
    assert titles(client.get(url(open_consultation, q="piscine")).text) == []
    nothing = client.get(url(open_consultation, q="piscine")).text
    assert "No proposal matches." in nothing  # and the way back to every proposal:
    assert f'<a href="/consultations/{open_consultation.id}/proposals#proposals">Show all the proposals</a>' in nothing


def test_search_spells_out_letters_such_as_oe_and_reads_every_script(client, make, open_consultation):
    make.proposal(open_consultation, title="L’œuvre du cœur de ville", body="Une fresque sur la place.")
    make.proposal(open_consultation, title="Un mur végétal", body="Du lierre sur le mur de l’école.")
    make.proposal(open_consultation, title="Straßenfest", body="Праздник улицы, как в Москве.")
    assert titles(client.get(url(open_consultation, q="oeuvre")).text) == ["L’œuvre du cœur de ville"]
    assert titles(client.get(url(open_consultation, q="CŒUR")).text) == ["L’œuvre du cœur de ville"]  # no "mur"
    assert titles(client.get(url(open_consultation, q="strassenfest")).text) == ["Straßenfest"]
    assert titles(client.get(url(open_consultation, q="МОСКВЕ")).text) == ["Straßenfest"]
    assert titles(client.get(url(open_consultation, q="Париж")).text) == []  # a word of no proposal


def test_search_finds_a_word_in_the_singular_and_in_the_plural(client, make, open_consultation):
    make.proposal(open_consultation, title="Une piste cyclable", body="Vers l’école du quartier.")
    make.proposal(open_consultation, title="Des locaux pour les associations", body="Et un journal de quartier.")
    make.proposal(open_consultation, title="Une maison des jeunes", body="Pour les adolescents du quartier.")
    assert titles(client.get(url(open_consultation, q="pistes+cyclables")).text) == ["Une piste cyclable"]
    assert titles(client.get(url(open_consultation, q="écoles")).text) == ["Une piste cyclable"]
    assert titles(client.get(url(open_consultation, q="local")).text) == ["Des locaux pour les associations"]
    assert titles(client.get(url(open_consultation, q="journaux")).text) == ["Des locaux pour les associations"]
    assert titles(client.get(url(open_consultation, q="jeux")).text) == []  # not the « jeu » of « jeunes »
    found = client.get(f"/api/v1/consultations/{open_consultation.id}/proposals?q=pistes+cyclables").json
    assert [p["title"] for p in found["items"]] == ["Une piste cyclable"]  # as on the page


def test_an_empty_consultation_says_so_without_filters(client, make, open_consultation):
    page = client.get(url(open_consultation)).text
    assert "No proposal yet." in page and 'class="filters proposal-filters"' not in page
    make.proposal(open_consultation, title="Une première proposition")
    page = client.get(url(open_consultation)).text
    assert "No proposal yet." not in page and 'class="filters proposal-filters"' in page


def test_before_proposals_open_the_empty_listing_says_from_when(client, make):
    """During the information phase, "no proposal yet" alone reads as if nobody cared to make one."""
    informing = make.consultation(phase="information")
    opening = informing.phases[1].starts_at.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/Paris"))
    page = client.get(f"/consultations/{informing.id}", headers={"Accept-Language": "fr"}).text
    said = re.search(r"Pas encore de proposition\s: vous pourrez en faire à partir du (\d+)\s\S+\s(\d{4}) à (\S+)\.", page)
    assert said and said.groups() == (str(opening.day), str(opening.year), f"{opening:%H:%M}")
    assert "vous pourrez en faire" not in client.get(url(make.consultation()), headers={"Accept-Language": "fr"}).text


def test_sorts(client, make, open_consultation):
    a = make.proposal(open_consultation, title="Proposition A très suivie", votes_for=10, comments_count=1)
    b = make.proposal(open_consultation, title="Proposition B commentée", votes_for=2, comments_count=9)
    c = make.proposal(open_consultation, title="Proposition C la dernière")
    a.created_at = a.created_at.replace(year=2020)
    b.created_at = b.created_at.replace(year=2021)
    db.session.commit()
    assert titles(client.get(url(open_consultation, sort="supported")).text)[0] == a.title
    assert titles(client.get(url(open_consultation, sort="commented")).text)[0] == b.title
    assert titles(client.get(url(open_consultation, sort="newest")).text) == [c.title, b.title, a.title]


def test_in_the_for_against_mode_most_supported_is_for_minus_against(client, make):
    consultation = make.consultation(phase="vote", vote_mode="for_against")
    divisive = make.proposal(consultation, title="Proposition très discutée", votes_for=10, votes_against=9)
    liked = make.proposal(consultation, title="Proposition bien accueillie", votes_for=4)
    rejected = make.proposal(consultation, title="Proposition rejetée", votes_for=1, votes_against=6)
    page = client.get(url(consultation, sort="supported")).text
    assert titles(page) == [liked.title, divisive.title, rejected.title]
    assert '<option selected value="supported">Most supported (for minus against)</option>' in page


def _keys(consultation, keys):
    for k in keys:
        db.session.add(Proposal(consultation=consultation, author_id=consultation.created_by_id, title=f"Clé {k:03d}",
                                body="corps", random_key=k, search_text=""))
    db.session.commit()


def test_random_order_rotates_from_seed_and_is_stable(app, make, open_consultation):
    author = make.user()
    open_consultation.created_by_id = author.id
    _keys(open_consultation, range(0, 1000, 10))  # 100 proposals, keys 0, 10, … 990
    pivot = 505  # a seed whose pivot falls between the keys 500 and 510
    from consult.proposals import listing as mod

    original = mod.pivot_for
    mod.pivot_for = lambda s: pivot
    try:
        pages = [build_listing(open_consultation, None, {"page": n}, seed=1) for n in range(1, 6)]
    finally:
        mod.pivot_for = original
    keys = [p.random_key for page in pages for p in page.proposals]
    assert keys == list(range(510, 1000, 10)) + list(range(0, 510, 10))
    assert len(set(keys)) == 100 and pages[0].total == 100 and pages[0].pages == 5
    again = build_listing(open_consultation, None, {}, seed=42)
    assert [p.id for p in again.proposals] == [p.id for p in build_listing(open_consultation, None, {}, seed=42).proposals]


def test_random_order_differs_between_seeds(app, make, open_consultation):
    author = make.user()
    open_consultation.created_by_id = author.id
    _keys(open_consultation, [pivot_for(s) for s in range(50)])
    first = [p.id for p in build_listing(open_consultation, None, {}, seed=3).proposals]
    second = [p.id for p in build_listing(open_consultation, None, {}, seed=17).proposals]
    assert first != second
    assert first[0] == next(p.id for p in Proposal.query if p.random_key == pivot_for(3))


def test_visitor_seed_kept_in_session(client, make, open_consultation, many):
    many(open_consultation, 30)
    one = titles(client.get(url(open_consultation)).text)
    two = titles(client.get(url(open_consultation)).text)
    assert one == two and len(one) == PER_PAGE
    rest = titles(client.get(url(open_consultation, page=2)).text)
    assert len(rest) == 10 and not set(rest) & set(one)


def test_a_visitor_without_cookies_follows_the_same_order_from_page_to_page(app, make, open_consultation, many):
    many(open_consultation, 30)
    client = app.test_client(use_cookies=False)
    first = client.get(url(open_consultation)).text
    nav = pagination_links(first, "Pages of proposals")
    [next_page] = re.findall(r'<a href="([^"]+)" rel="next">', nav)
    assert "order=" in next_page
    second = client.get(next_page.replace("&amp;", "&")).text
    assert len(titles(first)) == PER_PAGE and len(titles(second)) == 10
    assert len(set(titles(first)) | set(titles(second))) == 30  # each proposal once, none missed


@pytest.mark.parametrize("order, seed", [("0", 0), ("15", 15), ("007", 7)])
def test_a_link_s_order_is_followed_and_kept(app, order, seed):
    with app.test_request_context("/", query_string={"order": order}):
        session[SEED_SESSION_KEY] = 3
        assert visitor_seed() == seed and session[SEED_SESSION_KEY] == seed


@pytest.mark.parametrize("order", ["-1", str(RANDOM_ORDERS), "9" * 30, "9" * 5000, "+5", " 5", "5\n", "5.0", "٥", ""])
def test_an_order_out_of_range_or_not_a_number_is_ignored(app, order):
    """Read with core.urls.bounded_int: a huge, negative or odd value never reaches the query."""
    with app.test_request_context("/", query_string={"order": order}):
        session[SEED_SESSION_KEY] = 3
        assert visitor_seed() == 3


def test_a_huge_order_in_the_address_shows_the_listing(client, open_consultation, many):
    many(open_consultation, PER_PAGE + 1)
    response = client.get(url(open_consultation, order="9" * 5000))
    assert response.status_code == 200 and len(titles(response.text)) == PER_PAGE
    [order] = set(re.findall(r"order=(\d+)", pagination_links(response.text, "Pages of proposals")))
    assert 0 <= int(order) < RANDOM_ORDERS


def test_page_links_keep_the_sort_and_show_first_and_last_pages(client, open_consultation, many):
    many(open_consultation, PER_PAGE * 12)
    nav = pagination_links(client.get(url(open_consultation, sort="newest", page=6)).text, "Pages of proposals")
    base = f"/consultations/{open_consultation.id}/proposals"
    assert current_page(6) in nav
    assert f'<a href="{base}?sort=newest&amp;page=5#proposals" rel="prev">Previous page</a>' in nav
    assert f'<a href="{base}?sort=newest&amp;page=7#proposals" rel="next">Next page</a>' in nav
    shown = [int(n) for n in re.findall(r'page=(\d+)#proposals"><span class="visually-hidden">Page </span>', nav)]
    assert shown == [1, 2, 4, 5, 7, 8, 9, 10, 11, 12]
    assert nav.count("…") == 1


def test_consultation_page_and_listing_share_the_visitors_order(client, make, open_consultation, many):
    many(open_consultation, 30)
    on_the_consultation_page = titles(client.get(f"/consultations/{open_consultation.id}").text)
    assert on_the_consultation_page == titles(client.get(url(open_consultation)).text)


@pytest.mark.parametrize("sort", ["random", "supported", "newest"])
def test_query_count_does_not_depend_on_data_size(client, make, login, open_consultation, sort, many):
    user = login(make.user())
    other = make.user()
    make.proposal(open_consultation, user, status="pending")
    counts = []
    for size in (5, 55):
        many(open_consultation, size, author=other)
        many(open_consultation, 2, author=other, status="withdrawn")
        with count_queries() as counter:
            for page in (1, 2):
                assert client.get(url(open_consultation, sort=sort, page=page)).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    assert user


def test_proposal_page_query_count_bounded(client, make, login, open_consultation):
    login(make.user())
    commenter = make.user()
    counts = []
    for n in (1, 12):
        p = make.proposal(open_consultation, commenter)
        for _ in range(n):
            make.comment(p, commenter)
        with count_queries() as counter:
            assert client.get(f"/proposals/{p.id}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_public_count_is_cached_briefly(app, make, open_consultation, many):
    app.config["PROPOSAL_COUNT_CACHE_SECONDS"] = 30
    many(open_consultation, 3)
    assert build_listing(open_consultation, None, {}, seed=1).total == 3
    many(open_consultation, 2)
    assert build_listing(open_consultation, None, {}, seed=1).total == 3  # a few seconds stale at most
    from consult.proposals.listing import forget_counts

    forget_counts(open_consultation.id)
    assert build_listing(open_consultation, None, {}, seed=1).total == 5


def test_deep_random_pages_cover_everything_once(app, make, open_consultation, many):
    many(open_consultation, 95)
    seen = []
    for page in range(1, 6):
        seen += [p.id for p in build_listing(open_consultation, None, {"page": page}, seed=12345).proposals]
    assert len(seen) == 95 and len(set(seen)) == 95
