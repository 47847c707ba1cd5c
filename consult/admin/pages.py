"""The platform admin edits the platform pages (terms of use, moderation charter, …)."""
import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..pages.forms import PageForm
from ..pages.services import get_page, save_page
from ..permissions import can_edit_pages, require
from . import bp

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@bp.route("/pages/<slug>", methods=["GET", "POST"])
@login_required
def page_edit(slug):
    require(can_edit_pages(current_user))
    if not SLUG.match(slug) or len(slug) > 40:
        abort(404)
    page = get_page(slug)
    form = PageForm()
    if request.method == "GET" and page is not None:
        form.title_fr.data, form.title_en.data = page.title.get("fr", ""), page.title.get("en", "")
        form.body_fr.data, form.body_en.data = page.body.get("fr", ""), page.body.get("en", "")
    if form.validate_on_submit():
        save_page(slug, form.title_fr.data, form.title_en.data, form.body_fr.data, form.body_en.data)
        flash(_("The page is saved and published."), "success")
        return redirect(url_for("pages.show", slug=slug))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/page_form.html", form=form, page=page, slug=slug), status
