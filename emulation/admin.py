from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin import ReadOnlyAdmin

from .models import MassModel, Propaganda, Reward


@admin.register(Reward)
class RewardAdmin(ReadOnlyAdmin):
    """Read-only: proposals and decisions are recorded on the movement's pages, where each step is audited."""

    list_display = ["recipient_name", "unit", "recipient_kind", "level", "state", "proposed_on", "decision_date"]
    list_filter = ["state", "recipient_kind", "movement", "level"]


@admin.register(MassModel)
class MassModelAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "kind", "status", "started_on", "status_since"]
    list_filter = ["kind"]
    list_select_related = ["unit"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("changes")  # the current status is the latest change

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.current.get_status_display()

    @admin.display(description=_("status since"))
    def status_since(self, obj):
        return obj.current.since


@admin.register(Propaganda)
class PropagandaAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "kind", "held_on", "quantity", "audience"]
    list_filter = ["kind"]
