from django.urls import path

from . import views

urlpatterns = [
    path("kho-khan/", views.mine, name="my_difficulties"),
    path("kho-khan/<int:pk>/", views.detail, name="difficulty"),
    path("tinh/<int:pk>/kho-khan/", views.province_list, name="province_difficulties"),
]
