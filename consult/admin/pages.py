"""The platform admin writes the platform pages (terms of use, moderation charter, …): edits
them, creates new ones and deletes those that are not built in."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..core.errors import form_status
from ..pages.forms import NewPageForm, PageForm, StatementForm
from ..pages.models import BUILTIN
from ..pages.services import delete_page, get_page, page_or_default, save_page, valid_slug
from ..permissions import can_delete_page, can_edit_pages, require
from . import bp


def _save(form, slug):
    compliance = form.compliance.data if "compliance" in form else None
    save_page(slug, form.title_fr.data, form.title_en.data, form.body_fr.data, form.body_en.data, compliance)
    flash(_("The page is saved and published."), "success")
    return redirect(url_for("pages.show", slug=slug))


@bp.route("/pages/new", methods=["GET", "POST"])
@login_required
def page_create():
    require(can_edit_pages(current_user))
    form = NewPageForm()
    if form.validate_on_submit():
        return _save(form, form.slug.data)
    return render_template("admin/page_form.html", form=form, page=None, slug=None), form_status()


@bp.route("/pages/<slug>", methods=["GET", "POST"])
@login_required
def page_edit(slug):
    """Edit a page that exists, or write a built-in one; other pages start from "New page"."""
    require(can_edit_pages(current_user))
    page = get_page(slug) if valid_slug(slug) else None
    if page is None and slug not in BUILTIN:
        abort(404)
    form = StatementForm() if slug == "accessibility" else PageForm()
    shown = page or page_or_default(slug)  # a built-in page not written yet: its default text
    if request.method == "GET":
        form.title_fr.data, form.title_en.data = shown.title.get("fr", ""), shown.title.get("en", "")
        form.body_fr.data, form.body_en.data = shown.body.get("fr", ""), shown.body.get("en", "")
        if "compliance" in form:  # the built-in statement's is "none"; one saved before it was asked, none
            form.compliance.data = page.compliance if page else "none"
    if form.validate_on_submit():
        return _save(form, slug)
    delete_form = ActionForm() if page and can_delete_page(current_user, page) else None
    return render_template("admin/page_form.html", form=form, page=page, slug=slug, name=shown.text("title"),
                           delete_form=delete_form), form_status()


@bp.post("/pages/<slug>/delete")
@login_required
def page_delete(slug):
    require(can_edit_pages(current_user))
    page = get_page(slug) if valid_slug(slug) else None
    if page is None:
        abort(404)
    require(can_delete_page(current_user, page))
    if not ActionForm().validate_on_submit():
        abort(400)
    title = page.text("title")
    delete_page(page)
    flash(_("The page “%(title)s” is deleted: its address %(path)s no longer leads anywhere.",
            title=title, path=url_for("pages.show", slug=slug)), "success")
    return redirect(url_for("admin.index", _anchor="pages-title"))
