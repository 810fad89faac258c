from django.urls import path

from . import views
from .main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/khoa-api/", views.create_token, name="create_token"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", views.revoke_token, name="revoke_token"),
]
