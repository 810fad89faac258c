from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/tong-hop-ky/", views.period_summary, name="period_summary"),
]
