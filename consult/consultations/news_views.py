"""Writing the news of a consultation, in the back office (their public page is in views.py)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..core.errors import form_status
from ..core.urls import page_arg
from ..database import utcnow
from ..extensions import db
from ..i18n import datetime_text
from ..uploads import ImageError, ask_again
from . import news
from .access import consultation_to_manage, part_to_manage
from .admin_views import admin_bp, confirmed_deletion
from .models import ConsultationNews


def _saved(form, save):
    """The news `save()` wrote from the valid form, or None: a file that is no image is refused
    next to its field, and so is a date given with a draft."""
    valid = form.validate_on_submit()
    if _dated_draft(form):
        form.publish_at.errors.append(_("A draft has no publication date: publish the news to show it from "
                                        "this date, or empty the date to keep it as a draft."))
        valid = False
    if not valid:
        ask_again(form.image)
        return None
    try:
        return save()
    except ImageError as error:
        form.image.errors.append(str(error))
        return None


def _dated_draft(form):
    """Whether a draft is asked for with a date typed in, which a draft does not keep (news.py):
    refused, not forgotten. The date a scheduled piece of news had is no such date: saved as a
    draft, it is taken back."""
    return (not _publishing() and form.publish_at.data and not form.publish_at.errors
            and form.publication_time() != form.scheduled)


def _back_office(consultation):
    return redirect(url_for("consultations_admin.news_index", consultation_id=consultation.id), 303)


def _saved_message(item, was_draft):
    if item.published_at is None:
        return _("The draft is saved: nobody sees it until you publish it.")
    if not item.shown(utcnow()):
        return _("The news will be published on %(date)s; nobody sees it until then.",
                 date=datetime_text(item.published_at))
    if not was_draft:
        return _("Your changes are saved.")
    return (_("The news is published on the consultation's page.") if news.is_public(item.consultation)
            else _("The news is saved: it will be shown when the consultation is published."))


def _publishing():
    """Which button sent the form: publish (the default), or keep as a draft."""
    return request.form.get("action") != "draft"


@admin_bp.route("/consultations/<int:consultation_id>/news", methods=["GET", "POST"])
@login_required
def news_index(consultation_id):
    """The consultation's news (its drafts first), a page at a time, and the form of a new one."""
    consultation = consultation_to_manage(consultation_id)
    form = news.NewsForm()
    item = _saved(form, lambda: news.post_news(consultation, current_user, form, _publishing()))
    if item is not None:
        flash(_saved_message(item, was_draft=True), "success")
        return _back_office(consultation)
    pagination = db.paginate(news.news_query(consultation.id, drafts=True), page=page_arg(),
                             per_page=news.ADMIN_PER_PAGE, error_out=False)
    return render_template("consultations/admin/news.html", consultation=consultation,
                           territory=consultation.territory, form=form, pagination=pagination,
                           delete_form=ActionForm(), public=news.is_public(consultation), now=utcnow()), form_status()


@admin_bp.route("/news/<int:news_id>/edit", methods=["GET", "POST"])
@login_required
def news_edit(news_id):
    """Change a piece of news; one not shown yet is kept (back) as a draft, or published (now or later)."""
    item = part_to_manage(ConsultationNews, news_id)
    was_draft = not item.shown(utcnow())
    form = (news.NewsForm(has_image=bool(item.image_path), scheduled=item.published_at) if request.method == "POST"
            else news.NewsForm.of(item))
    if _saved(form, lambda: news.edit_news(item, form, _publishing())) is not None:
        flash(_saved_message(item, was_draft), "success")
        return _back_office(item.consultation)
    return render_template("consultations/admin/news_form.html", consultation=item.consultation,
                           territory=item.consultation.territory, form=form, item=item, now=utcnow()), form_status()


@admin_bp.post("/news/<int:news_id>/delete")
@login_required
def news_delete(news_id):
    item = part_to_manage(ConsultationNews, news_id)
    return confirmed_deletion(lambda: news.delete_news(item), _("The news is deleted."),
                              _back_office(item.consultation))
