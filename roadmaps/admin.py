from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Candidate, Milestone, Plan, PlanTarget


class TargetInline(admin.TabularInline):
    model = PlanTarget
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    """Plans are written by the province; targets are kept as written (re-basing is computed, never stored)."""

    list_display = ["title", "version", "province", "start_year", "end_year", "base_units"]
    # versions are made by approved adjustments (roadmaps.adjustments), never typed
    readonly_fields = ["version", "replaced_by", "adopted_at"]
    raw_id_fields = ["province"]
    inlines = [TargetInline, MilestoneInline, CandidateInline]
