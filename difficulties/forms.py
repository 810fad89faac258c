from django import forms

from kieumau.posted import MAX_TEXT


class RaiseForm(forms.Form):
    title = forms.CharField(label="Tiêu đề", max_length=200)
    text = forms.CharField(label="Khó khăn, vướng mắc", max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5}))
    proposal = forms.CharField(label="Đề xuất, kiến nghị", max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3}))
