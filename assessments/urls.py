from django.urls import path

from . import evidence_views, review_views, version_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("tinh/<int:pk>/", views.province_matrix, name="province_matrix"),
    path("don-vi/<int:pk>/<int:year>/", views.scorecard, name="scorecard"),
    path("don-vi/<int:pk>/<int:year>/nhap-lieu/", views.enter_figures, name="enter_figures"),
    path("don-vi/<int:pk>/<int:year>/xem-truoc/", views.preview, name="preview"),
    path("don-vi/<int:pk>/<int:year>/minh-chung/", views.upload_evidence, name="upload_evidence"),
    path("don-vi/<int:pk>/<int:year>/ly-do-minh-chung/", evidence_views.give_reason, name="give_evidence_reason"),
    path("don-vi/<int:pk>/<int:year>/ly-do-minh-chung/<int:reason_id>/xet/", evidence_views.judge_reason,
         name="judge_evidence_reason"),
    path("minh-chung/<int:pk>/", views.download_evidence, name="download_evidence"),
    path("don-vi/<int:pk>/<int:year>/chuyen/<slug:action>/", review_views.transition, name="transition"),
    path("don-vi/<int:pk>/<int:year>/phieu/", review_views.vote, name="vote"),
    path("don-vi/<int:pk>/<int:year>/phien-ban/<int:version>/", version_views.what_if, name="what_if"),
    path("tinh/<int:pk>/bo-tieu-chi/", version_views.province_versions, name="province_versions"),
    path("viec-can-lam/", review_views.todo, name="todo"),
    path("tinh/<int:pk>/cong-nhan/", review_views.recognitions, name="recognitions"),
    path("cong-nhan/<int:pk>/kiem-tra/", review_views.check_recognition, name="check_recognition"),
    path("cong-nhan/<int:pk>/quyet-dinh/", review_views.decision_file, name="decision_file"),
]
