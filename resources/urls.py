from django.urls import path

from . import views

urlpatterns = [
    path("phuong/<int:pk>/", views.ward, name="resources_ward"),
    path("tinh/<int:pk>/", views.province, name="resources_province"),
]
