from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/lo-trinh/", views.roadmap, name="roadmap"),
    path("tinh/<int:pk>/lo-trinh.xlsx", views.roadmap_xlsx, name="roadmap_xlsx"),
    path("tinh/<int:pk>/lo-trinh/dieu-chinh/", views.propose_adjustment, name="propose_adjustment"),
    path("tinh/<int:pk>/lo-trinh/dieu-chinh/<int:adj>/", views.decide_adjustment, name="decide_adjustment"),
]
