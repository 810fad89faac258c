"""The public forms: feedback, and the citizen's verdict on an answer. Text is plain text: markup is refused."""

from __future__ import annotations

import re

from django import forms

from gate import captcha, honeypot
from gate.text import problem
from kieumau.posted import Refused

from . import finder, photos
from .models import Category

_PHONE = re.compile(r"\+?[0-9][0-9 .\-]{7,18}")


def plain(value: str, what: str) -> str:
    value = (value or "").strip()
    why = problem(value, what)
    if why:
        raise forms.ValidationError(why)
    return value


class FeedbackForm(forms.Form):
    unit = forms.CharField(max_length=10, error_messages={"required": "Hãy tìm và chọn phường nơi bạn phản ánh."})
    category = forms.ChoiceField(error_messages={"required": "Hãy chọn lĩnh vực phản ánh.",
                                                 "invalid_choice": "Lĩnh vực đã chọn không có trong danh sách; hãy chọn lại."})
    content = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
                              error_messages={"required": "Hãy viết nội dung phản ánh.",
                                              "max_length": "Nội dung dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."})
    photo = forms.FileField(required=False)
    name = forms.CharField(max_length=120, required=False)
    phone = forms.CharField(max_length=20, required=False)
    email = forms.EmailField(max_length=200, required=False, error_messages={"invalid": "Địa chỉ thư điện tử không đúng."})
    consent = forms.CharField(required=False, max_length=20)
    captcha_token = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(required=False, max_length=20)

    def __init__(self, *args, needs_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_captcha = needs_captcha
        self.categories = {c.code: c for c in Category.objects.filter(active=True)}
        self.fields["category"].choices = [(c.code, c.name) for c in self.categories.values()]

    def clean_unit(self):
        ward = finder.ward_today(self.cleaned_data["unit"])
        if ward is None:
            raise forms.ValidationError("Không tìm thấy phường có mã này đang tồn tại; hãy tìm và chọn lại phường.")
        return ward

    def clean_category(self):
        return self.categories[self.cleaned_data["category"]]

    def clean_content(self):
        value = plain(self.cleaned_data["content"], "Nội dung phản ánh")
        if not value:
            raise forms.ValidationError("Hãy viết nội dung phản ánh.")
        return value

    def clean_name(self):
        return plain(self.cleaned_data["name"], "Họ tên")

    def clean_phone(self):
        value = (self.cleaned_data["phone"] or "").strip()
        if value and not _PHONE.fullmatch(value):
            raise forms.ValidationError("Số điện thoại chỉ gồm chữ số (có thể có dấu +, khoảng trắng), từ 8 đến 15 số.")
        return value

    def clean_photo(self):
        try:
            return photos.clean(self.cleaned_data.get("photo"))
        except Refused as e:
            raise forms.ValidationError(str(e)) from None

    def clean(self):
        data = super().clean()
        if honeypot.tripped(self.data):
            raise forms.ValidationError("Không gửi được phản ánh. Hãy tải lại trang và gửi lại.")
        if self.needs_captcha and not captcha.check(self.data.get("captcha_token", ""), self.data.get("captcha_answer", "")):
            self.add_error("captcha_answer", "Mã kiểm tra chưa đúng; hãy gõ lại các ký tự trong hình mới.")
        data["consent"] = bool((self.data.get("consent") or "").strip())
        if (data.get("name") or data.get("phone") or data.get("email")) and not data["consent"]:
            self.add_error("consent", "Bạn đã để lại họ tên, số điện thoại hoặc thư điện tử: hãy đánh dấu đồng ý xử lý dữ liệu "
                                      "cá nhân, hoặc xóa các thông tin đó để gửi ẩn danh.")
        return data


class RatingForm(forms.Form):
    satisfied = forms.ChoiceField(choices=[("1", "Hài lòng"), ("0", "Chưa hài lòng")],
                                  error_messages={"required": "Hãy chọn hài lòng hoặc chưa hài lòng."})
    comment = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_comment(self):
        return plain(self.cleaned_data["comment"], "Ý kiến của bạn")
