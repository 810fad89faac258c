from django.urls import path

from . import views

urlpatterns = [
    path("co-quan/", views.my_reports, name="my_reports"),
    path("co-quan/ke-hoach/<slug:program>/<int:holder>/<int:year>/", views.work_plan, name="work_plan"),
    path("bao-cao/<slug:program>/<str:period>/<int:holder>/", views.report, name="report"),
    path("bao-cao/tep/<int:pk>/", views.attachment, name="report_attachment"),
    path("tinh/<int:pk>/co-quan-phoi-hop/", views.bodies, name="bodies"),
    path("tinh/<int:pk>/bao-cao-dinh-ky/", views.dashboard, name="reporting_dashboard"),
]
