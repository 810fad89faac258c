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
    "plan.adjustment_proposed": _("proposed a plan adjustment"),
    "plan.adjustment_approved": _("approved a plan adjustment (new plan version)"),
    "plan.adjustment_rejected": _("rejected a plan adjustment"),
    "difficulty.raised": _("reported a difficulty"),
    "difficulty.answered": _("answered the difficulty"),
    "difficulty.forwarded": _("forwarded the difficulty"),
    "difficulty.adjustment_proposed": _("proposed a plan adjustment from the difficulty"),
    "meeting.scheduled": _("scheduled the meeting"),
    "meeting.held": _("recorded the meeting's minutes"),
    "meeting.updated": _("updated the meeting's minutes"),
    "meeting.action_added": _("assigned an action item"),
    "meeting.action_done": _("marked an action item done"),
    "visit.recorded": _("recorded a supervision visit"),
    "finding.added": _("added a finding"),
    "finding.answered": _("answered a finding"),
    "finding.followed_up": _("asked for more on a finding"),
    "finding.closed": _("closed a finding"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))
