from django.urls import path

from . import province_views, views

urlpatterns = [
    path("phuong/<int:pk>/", views.ward, name="emulation_ward"),
    path("tinh/<int:pk>/khen-thuong/", province_views.rewards, name="emulation_rewards"),
    path("tinh/<int:pk>/khen-thuong/in/", province_views.rewards_print, name="emulation_rewards_print"),
    path("tinh/<int:pk>/mo-hinh/", province_views.models, name="emulation_models"),
    path("tinh/<int:pk>/tuyen-truyen/", province_views.propaganda, name="emulation_propaganda"),
]
