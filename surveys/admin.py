from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import Survey


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["title", "province", "starts_on", "ends_on"]
