"""The verified residents of a territory: recorded by its admins, one account at a time."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..core.errors import form_status
from ..core.urls import page_arg
from ..database import utcnow
from ..permissions import can_verify_residents
from ..territories.access import row_of_territory_or_404, territory_or_404
from ..territories.forms import ResidentForm
from ..territories.models import ResidentVerification
from ..territories.services import MemberError
from ..territories.verification import verified_residents, verify_resident, withdraw_verification
from . import bp


@bp.route("/territories/<slug>/residents", methods=["GET", "POST"])
@login_required
def residents(slug):
    territory = territory_or_404(slug, can_verify_residents)
    form = ResidentForm()
    if form.validate_on_submit():
        try:
            verification = verify_resident(territory, form.email.data, current_user, utcnow())
        except MemberError as error:
            form.email.errors.append(str(error))
        else:
            flash(_("%(name)s is now a verified resident of %(territory)s and may take part in the consultations "
                    "open to verified residents.", name=verification.user.display_name, territory=territory.name),
                  "success")
            return redirect(url_for("admin.residents", slug=territory.slug))
    return render_template("admin/residents.html", territory=territory, form=form, remove_form=ActionForm(),
                           pagination=verified_residents(territory, page_arg())), form_status()


@bp.post("/territories/<slug>/residents/<int:verification_id>/remove")
@login_required
def resident_remove(slug, verification_id):
    territory = territory_or_404(slug, can_verify_residents)
    verification = row_of_territory_or_404(ResidentVerification, verification_id, territory)
    if not ActionForm().validate_on_submit():
        abort(400)
    name = verification.user.display_name
    withdraw_verification(verification, actor=current_user)
    flash(_("%(name)s is no longer a verified resident of %(territory)s.", name=name, territory=territory.name),
          "success")
    return redirect(url_for("admin.residents", slug=territory.slug))
