"""Following territories, consultations and proposals."""
import re

from consult.extensions import db
from consult.notifications.models import Follow
from consult.notifications.services import follow, is_following, unfollow

from ..helpers import count_queries


def test_auto_follow_respects_opt_out(app, make):
    user = make.user()
    follow(user, "proposal", 5)
    assert is_following(user, "proposal", 5)
    unfollow(user, "proposal", 5)
    follow(user, "proposal", 5, auto=True)
    assert not is_following(user, "proposal", 5)
    follow(user, "proposal", 5, auto=False)
    assert is_following(user, "proposal", 5)
    assert db.session.scalar(db.select(db.func.count(Follow.id))) == 1


def test_follow_route_and_button_state(app, client, make, login):
    user = login(make.user())
    proposal = make.proposal()
    response = client.post(f"/follow/proposal/{proposal.id}", data={"next": f"/proposals/{proposal.id}"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/proposals/{proposal.id}")
    assert is_following(user, "proposal", proposal.id)
    response = client.post(f"/unfollow/proposal/{proposal.id}", data={"next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil" not in response.headers["Location"]
    assert not is_following(user, "proposal", proposal.id)


def test_follow_territory_and_consultation(app, client, make, login):
    user = login(make.user())
    territory = make.territory()
    consultation = make.consultation(territory)
    assert client.post(f"/follow/territory/{territory.id}").status_code == 302
    assert client.post(f"/follow/consultation/{consultation.id}").status_code == 302
    assert is_following(user, "territory", territory.id)
    assert is_following(user, "consultation", consultation.id)


def test_cannot_follow_what_one_may_not_see(app, client, make, login):
    user = login(make.user())
    draft = make.consultation(status="draft")
    hidden = make.proposal(status="hidden")
    assert client.post(f"/follow/consultation/{draft.id}").status_code == 404
    assert client.post(f"/follow/proposal/{hidden.id}").status_code == 404
    assert client.post("/follow/user/1").status_code == 404
    assert client.post("/follow/proposal/999999").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Follow.id)).where(Follow.user_id == user.id)) == 0


def test_follow_needs_sign_in_and_confirmed_account(app, client, make, login):
    proposal = make.proposal()
    response = client.post(f"/follow/proposal/{proposal.id}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    login(make.user(confirmed=False))
    assert client.post(f"/follow/proposal/{proposal.id}").status_code == 403


def test_follow_requires_csrf(app, client, make, login):
    app.config["WTF_CSRF_ENABLED"] = True
    user = login(make.user())
    proposal = make.proposal()
    assert client.post(f"/follow/proposal/{proposal.id}").status_code == 400
    assert not is_following(user, "proposal", proposal.id)


def test_follow_button_renders(app, client, make, login):
    from flask import render_template_string

    user = make.user()
    proposal = make.proposal()
    follow(user, "proposal", proposal.id)
    db.session.commit()
    login(user)
    with app.test_request_context("/proposals/1", headers={"Accept-Language": "en"}):
        from flask_login import login_user

        login_user(user)
        html = render_template_string('{% include "notifications/_follow_button.html" %}',
                                      target_type="proposal", target=proposal)
        assert f"/unfollow/proposal/{proposal.id}" in html  # says so, and offers to stop
        assert "You are following</span>" in html and re.search(r">\s*Stop following\s*</button>", html)
        html = render_template_string('{% include "notifications/_follow_button.html" %}',
                                      target_type="proposal", target=proposal, following=False)
        assert f"/follow/proposal/{proposal.id}" in html and re.search(r">\s*Follow\s*</button>", html)
        assert "You are following" not in html


def test_follow_buttons_on_territory_and_consultation_pages(client, make, login):
    territory = make.territory(slug="lyon")
    consultation = make.consultation(territory)
    login(make.user())
    for url, target in (("/territories/lyon", f"/follow/territory/{territory.id}"),
                        (f"/consultations/{consultation.id}", f"/follow/consultation/{consultation.id}")):
        page = client.get(url).get_data(as_text=True)
        assert target in page and re.search(r">\s*Follow\s*</button>", page)


def test_telling_many_people_reads_their_accounts_and_preferences_once(app, make):
    """Telling followers costs the same few reads whether they are 3 or 12."""
    from consult.notifications.models import Notification
    from consult.notifications.services import notify_all, set_preference

    def selects_for(count):
        people = [make.user() for _ in range(count)]
        for person in people:
            set_preference(person, "phase_opened", "daily")
        ids = [person.id for person in people]
        db.session.commit()
        db.session.expire_all()
        with count_queries() as counter:
            notify_all(ids, "phase_opened", {}, "/")
        db.session.commit()
        return counter.selects

    assert selects_for(3) == selects_for(12) == 2
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.email_state == "pending")) == 15
