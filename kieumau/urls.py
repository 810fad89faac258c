from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("assessments.urls")),
    path("", include("roadmaps.urls")),
    path("", include("reporting.urls")),
    path("quan-tri/", admin.site.urls),
]
