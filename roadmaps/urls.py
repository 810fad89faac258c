from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/lo-trinh/", views.roadmap, name="roadmap"),
    path("tinh/<int:pk>/lo-trinh.xlsx", views.roadmap_xlsx, name="roadmap_xlsx"),
]
