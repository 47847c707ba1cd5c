"""The person's own data: downloading it (RGPD art. 15 and 20) and deleting the account (art. 17)."""
import orjson
from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.limits import password_checked
from ..auth.platform_admins import platform_admin_count
from ..auth.sign_ins import sign_out
from ..database import utcnow
from . import bp
from .erasure import ErasureRefused, delete_account, only_platform_admin
from .export import personal_data
from .forms import DeleteAccountForm


# Dates as ISO 8601 in UTC, saying so, to the second ("2026-11-29T20:53:24Z"), as the API writes
# them; indented as people read it. orjson writes it some twenty times faster than the standard
# library's indented encoder, which took most of a second for a busy account.
JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NAIVE_UTC | orjson.OPT_UTC_Z | orjson.OPT_OMIT_MICROSECONDS


@bp.get("/data.json")
@login_required
def export():
    body = orjson.dumps(personal_data(current_user, utcnow()), option=JSON_OPTIONS, default=str)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="consult-my-data.json"', "Cache-Control": "no-store"})


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@password_checked()
def delete():
    form = DeleteAccountForm(current_user)
    blocked = only_platform_admin(current_user)
    if form.validate_on_submit() and not blocked:
        try:
            delete_account(current_user, utcnow())
        except ErasureRefused:  # another platform admin left meanwhile
            blocked = True
        else:
            sign_out()
            flash(_("Your account is deleted. Your proposals and comments stay, signed “Deleted account”. "
                    "Thank you for taking part."), "success")
            return redirect(url_for("main.home"))
    status = (409 if blocked else 422) if form.is_submitted() else 200
    # Other platform admins may hold the role while blocked: they cannot run the platform either.
    others_blocked = blocked and platform_admin_count() > 1
    return render_template("account/delete.html", form=form, blocked=blocked, others_blocked=others_blocked), status
