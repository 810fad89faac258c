from django.contrib import admin
from django.urls import include, path

from health import views as health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("csp-report/", health.csp_report, name="csp_report"),
    path("", include("accounts.urls")),
    path("", include("assessments.urls")),
    path("", include("roadmaps.urls")),
    path("", include("reporting.urls")),
    path("", include("difficulties.urls")),
    path("", include("meetings.urls")),
    path("", include("supervision.urls")),
    path("", include("summary.urls")),
    path("", include("feedback.urls")),
    path("nguon-luc/", include("resources.urls")),
    path("phong-trao/", include("emulation.urls")),
    path("", include("surveys.urls")),
    path("van-ban/", include("documents.urls")),
    path("excel/", include("workbooks.urls")),
    path("", include("api.urls")),
    path("toan-quoc/", include("national.urls")),
    path("quan-tri/", admin.site.urls),
]
