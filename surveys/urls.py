from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/khao-sat/", views.province_surveys, name="province_surveys"),
    path("khao-sat/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("khao-sat/<int:pk>/phuong/<int:ward_id>/ap-phich/", views.poster, name="survey_poster"),
    path("cong-dan/khao-sat/<str:token>/", views.answer, name="survey_answer"),
]
