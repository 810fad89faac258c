"""Tokens in the admin: listed and read only (made where they can be shown once; revoked by their owner, or by an
administrator with the action below, which is audited like the owner's)."""

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.admin import ReadOnlyAdmin

from . import tokens
from .models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "name", "owner", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["owner__username", "name", "prefix"]
    exclude = ["digest"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = sum(tokens.revoke(row, request.user) for row in queryset.select_related("owner"))
        self.message_user(request, gettext("Tokens revoked: %(count)d.") % {"count": count}, messages.SUCCESS)
