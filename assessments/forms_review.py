"""Forms of the review workflow."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AppraisalVote


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(label=_("Council recommendation"), required=False, max_length=4000,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                    widget=forms.DateInput(attrs={"type": "date"}))
    signer = forms.CharField(label=_("Signer"), required=False, max_length=120)
    decision_file = forms.FileField(label=_("Scanned decision"), required=False)

    def inputs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "decision_file" and v not in (None, "")}
        if data.get("decision_date"):
            data["decision_date"] = data["decision_date"].isoformat()
        return data

    def uploads(self) -> dict:
        upload = self.cleaned_data.get("decision_file")
        return {"decision_file": upload} if upload else {}


class VoteForm(forms.Form):
    vote = forms.ChoiceField(label=_("Vote"), choices=AppraisalVote.Vote.choices)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
