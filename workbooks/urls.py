from django.urls import path

from . import views

urlpatterns = [
    path("tinh/<int:pk>/", views.province_page, name="workbook_province"),
    path("tinh/<int:pk>/<int:year>/mau.xlsx", views.template_xlsx, name="workbook_template"),
    path("tinh/<int:pk>/<int:year>/tai-len/", views.upload, name="workbook_upload"),
    path("nhap/<int:pk>/", views.preview, name="workbook_preview"),
    path("nhap/<int:pk>/xac-nhan/", views.confirm, name="workbook_confirm"),
    path("nhap/<int:pk>/huy/", views.cancel, name="workbook_cancel"),
]
