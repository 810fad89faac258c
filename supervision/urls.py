from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/giam-sat/", views.province_visits, name="province_visits"),
    path("giam-sat/<int:pk>/", views.visit, name="visit"),
]
