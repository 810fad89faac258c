from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm

urlpatterns = [
    # Lockouts (django-axes) apply through the authentication backend, here and on the admin's login alike.
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm), name="login"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc-hai-lop/", views.otp_setup, name="otp_setup"),
    path("xac-thuc-hai-lop/ma-du-phong/", views.otp_backup_codes, name="otp_backup_codes"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(success_url="/"), name="password_change"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]
