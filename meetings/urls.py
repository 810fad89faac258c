from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/hop/", views.province_meetings, name="province_meetings"),
    path("phuong/<int:pk>/hop/", views.ward_meetings, name="ward_meetings"),
    path("hop/moi/", views.schedule, name="schedule_meeting"),
    path("hop/<int:pk>/", views.meeting, name="meeting"),
]
