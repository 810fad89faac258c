from django.urls import path

from . import review_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("tinh/<int:pk>/", views.province_matrix, name="province_matrix"),
    path("don-vi/<int:pk>/<int:year>/", views.scorecard, name="scorecard"),
    path("don-vi/<int:pk>/<int:year>/nhap-lieu/", views.enter_figures, name="enter_figures"),
    path("don-vi/<int:pk>/<int:year>/xem-truoc/", views.preview, name="preview"),
    path("don-vi/<int:pk>/<int:year>/minh-chung/", views.upload_evidence, name="upload_evidence"),
    path("minh-chung/<int:pk>/", views.download_evidence, name="download_evidence"),
    path("don-vi/<int:pk>/<int:year>/chuyen/<slug:action>/", review_views.transition, name="transition"),
    path("don-vi/<int:pk>/<int:year>/phieu/", review_views.vote, name="vote"),
    path("viec-can-lam/", review_views.todo, name="todo"),
    path("tinh/<int:pk>/cong-nhan/", review_views.recognitions, name="recognitions"),
    path("cong-nhan/<int:pk>/kiem-tra/", review_views.check_recognition, name="check_recognition"),
    path("cong-nhan/<int:pk>/quyet-dinh/", review_views.decision_file, name="decision_file"),
]
