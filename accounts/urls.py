from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import ThrottledAuthenticationForm

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=ThrottledAuthenticationForm), name="login"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc-hai-lop/", views.otp_setup, name="otp_setup"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(success_url="/"), name="password_change"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]
