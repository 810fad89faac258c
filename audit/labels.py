"""What each audit action means, in words people read (the timeline, the admin's audit list).

The action codes are written by the apps that act; this table only names them, so the audit app imports none of
those apps. A code missing here is shown as it is.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "assessment.figures_saved": _("saved figures"),
    "assessment.submit": _("submitted"),
    "assessment.verify_district": _("confirmed at city/town level"),
    "assessment.verify": _("verified"),
    "assessment.return": _("returned for changes"),
    "assessment.appraise": _("recorded the appraisal"),
    "assessment.return_appraisal": _("returned (council)"),
    "assessment.recognize": _("recognized"),
    "assessment.refuse": _("refused recognition"),
    "assessment.reopen": _("reopened for correction"),
    "assessment.vote": _("voted"),
    "assessment.closed": _("closed (the ward ended)"),
    "evidence.uploaded": _("attached evidence"),
    "recognition.maintained": _("yearly check: maintained"),
    "recognition.warned": _("yearly check: warned"),
    "recognition.revoked": _("yearly check: revoked"),
    "units.imported": _("imported administrative units"),
    "units.reorganized": _("recorded a reorganization"),
    "framework.created": _("loaded a criteria framework"),
    "framework.updated": _("updated a criteria framework"),
    "account.totp_enabled": _("turned on two-step verification"),
    "account.backup_codes_created": _("made new backup codes"),
    "admin.added": _("added (administration)"),
    "admin.changed": _("changed (administration)"),
    "admin.deleted": _("deleted (administration)"),
    "demo.loaded": _("loaded demo data"),
    "agencies.loaded": _("loaded the program's bodies and tasks"),
    "report.saved": _("saved the report as a draft"),
    "report.submitted": _("submitted the report"),
    "report.resubmitted": _("submitted the report again"),
    "report.returned": _("returned the report"),
    "report.attached": _("attached a file to the report"),
    "workplan.created": _("recorded the work plan"),
    "workplan.updated": _("updated the work plan"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))
