from django.urls import path

from . import public_views, views

urlpatterns = [
    path("cong-dan/phan-anh/", public_views.feedback_form, name="feedback_form"),
    path("cong-dan/tim-phuong/", public_views.ward_search, name="feedback_ward_search"),
    path("cong-dan/tra-cuu/", public_views.track, name="feedback_track"),
    path("cong-dan/tra-cuu/danh-gia/", public_views.verdict, name="feedback_verdict"),
    path("cong-dan/phuong/<str:code>/", public_views.ward_page, name="feedback_ward"),
    path("phan-anh-cong-dan/", views.case_list, name="feedback_list"),
    path("phan-anh-cong-dan/<int:pk>/", views.case_detail, name="feedback_case"),
    path("phan-anh-cong-dan/<int:pk>/anh/", views.photo, name="feedback_photo"),
]
