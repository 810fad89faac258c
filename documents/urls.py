from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/", views.province_documents, name="province_documents"),
    path("don-vi/<int:pk>/<int:year>/", views.ward_documents, name="ward_documents"),
    path("<int:doc_id>/trang-thai/", views.status, name="document_status"),
    path("<int:doc_id>/tai/", views.download, name="document_download"),
]
