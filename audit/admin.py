"""Admin for the audit trail, and the base every other admin uses so that its changes are audited too."""

from django.apps import apps
from django.contrib import admin
from django.db import router, transaction
from django.utils.translation import gettext_lazy as _

from kieumau.collation import vi_key

from .labels import action_label

from .models import AuditEvent, record


def _plain(value):
    """A JSON-safe rendering of a form value (model instances, dates, querysets)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "__iter__") and not isinstance(value, (bytes, dict)):
        return [str(v) for v in value]
    return str(value)


def _diff(form) -> dict:
    # A password is never written to the trail, only the fact that it changed.
    return {name: {"before": _plain(form.initial.get(name)), "after": _plain(form.cleaned_data.get(name))}
            if "password" not in name else {"changed": True}
            for name in form.changed_data}


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete made in /quan-tri/ writes an audit row (before and after of each changed field).

    The admin already runs each save in a transaction, so the row commits or rolls back with the change.
    """

    def save_model(self, request, obj, form, change):
        diff = _diff(form)
        super().save_model(request, obj, form, change)
        if diff or not change:
            record(request.user, f"admin.{'changed' if change else 'added'}", obj, data={"fields": diff, "object": str(obj)})

    def delete_model(self, request, obj):
        record(request.user, "admin.deleted", obj, data={"object": str(obj)})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # The list's "delete selected" action runs outside the transaction Django gives the change and delete views:
        # the events and the deletion commit together, or a reader could file the rows about to go under the new
        # version (kieumau.fragments) and keep showing them
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                record(request.user, "admin.deleted", obj, data={"object": str(obj)})
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        for inline in formset.forms:
            if inline in formset.deleted_forms and inline.instance.pk:
                record(request.user, "admin.deleted", inline.instance, data={"object": str(inline.instance), "via": str(form.instance)})
        instances = formset.save(commit=False)
        changed = {id(f.instance): f for f in formset.forms if f.has_changed()}
        for obj in instances:
            inline = changed.get(id(obj))
            adding = obj.pk is None
            obj.save()
            record(request.user, f"admin.{'added' if adding else 'changed'}", obj,
                   data={"fields": _diff(inline) if inline else {}, "object": str(obj), "via": str(form.instance)})
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class ActionFilter(admin.SimpleListFilter):
    """Filter by action, listed by what it means."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        codes = AuditEvent.objects.values_list("action", flat=True).distinct()
        return sorted(((code, action_label(code)) for code in codes), key=lambda item: vi_key(item[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and read here; changed only where the change is audited and announced (or never: the audit trail)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "what", "object_kind", "object_id", "unit"]
    list_filter = [ActionFilter, "object_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    @admin.display(description=_("action"), ordering="action")
    def what(self, obj):
        return action_label(obj.action)

    @admin.display(description=_("object type"), ordering="object_type")
    def object_kind(self, obj):
        try:
            return apps.get_model(obj.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            return obj.object_type
