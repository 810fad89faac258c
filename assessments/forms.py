"""Forms for the assessment pages. Validation of figures is the engine's (engine.inputs)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from engine.framework import Framework
from engine.inputs import parse_values

from . import eligibility

BOOL_CHOICES = [("", _("— not entered —")), ("true", _("Met")), ("false", _("Not met"))]


class AsciiIntegerField(forms.IntegerField):
    """An integer written with the digits 0–9 only: Python's int() also reads Arabic-Indic or full-width digits."""

    def to_python(self, value):
        if value not in self.empty_values and not _ASCII_INT.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


_ASCII_INT = re.compile(r"\s*[0-9]{1,9}\s*", re.ASCII)


class YearForm(forms.Form):
    nam = AsciiIntegerField(label=_("Year"), required=False)

    def clean_nam(self):
        year = self.cleaned_data["nam"]
        if year is not None and not eligibility.year_in_program(year):
            raise forms.ValidationError(_("The year must be between %(first)s and %(last)s.") % {
                "first": eligibility.first_year(), "last": eligibility.today().year}, code="year_out_of_range")
        return year


class FiguresForm(forms.Form):
    """One field per indicator, plus ``prev_<code>`` for last year's figure where needed."""

    # The revision the form was opened at: exactly one, always (a save without it could overwrite someone else's).
    revision = AsciiIntegerField(widget=forms.HiddenInput, min_value=0,
                                 error_messages={"required": _("The form is incomplete (no revision number): reload the page and enter your changes again."),
                                                 "invalid": _("The form is incomplete (no revision number): reload the page and enter your changes again.")})

    def __init__(self, framework: Framework, *args, prev_codes=(), provided=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.prev_codes = list(prev_codes)
        self.provided = [c for c in framework.indicators if c in provided]  # figures a register computes
        for code, ind in framework.indicators.items():
            self.fields[code] = self._field(ind)
        for code in self.prev_codes:
            ind = framework.indicators[code]
            field = self._field(ind)
            field.label = _("%(label)s (last year)") % {"label": ind.label}
            self.fields[f"prev_{code}"] = field
        for code in self.provided:
            self.fields[f"override_{code}"] = forms.BooleanField(label=_("Type over the computed figure"), required=False)
            self.fields[f"override_reason_{code}"] = forms.CharField(label=_("Reason"), required=False, max_length=500)

    @staticmethod
    def _field(ind):
        if ind.type == "bool":
            return forms.ChoiceField(label=ind.label, choices=BOOL_CHOICES, required=False, help_text=ind.help)
        mode = "numeric" if ind.type == "int" else "decimal"
        return forms.CharField(
            label=ind.label,
            required=False,
            max_length=30,
            help_text=ind.help,
            widget=forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "class": "num"}),
        )

    # The raw strings as typed: the engine (engine.inputs) is the one validator of figures,
    # so the same text gets the same verdict in the form, the live preview and the API.
    # Only the fields sent: a field absent from the request is left as stored, never read as "clear this figure".
    def raw_values(self) -> dict:
        # a computed figure is taken from its register unless the user typed over it (with a reason)
        skip = {c for c in self.provided if c not in self.overrides()}
        return {code: self.data[code] for code in self.framework.indicators if code in self.data and code not in skip}

    def overrides(self) -> dict:
        """Code → reason, for each computed figure the user chose to type over."""
        return {c: self.data.get(f"override_reason_{c}", "") for c in self.provided if self.data.get(f"override_{c}")}

    def raw_previous(self) -> dict:
        return {code: self.data[f"prev_{code}"] for code in self.prev_codes if f"prev_{code}" in self.data}

    def clean_revision(self):
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None and len(getlist("revision")) != 1:
            raise forms.ValidationError(self.fields["revision"].error_messages["invalid"], code="revision")
        return self.cleaned_data["revision"]

    def clean(self):
        data = super().clean()
        values = parse_values(self.framework, self.raw_values())
        previous = parse_values(self.framework, self.raw_previous(), codes=self.prev_codes)
        for code, message in values.errors.items():
            self.add_error(code if code in self.fields else None, message)
        for code, message in previous.errors.items():
            self.add_error(f"prev_{code}" if f"prev_{code}" in self.fields else None, message)
        return data


class EvidenceForm(forms.Form):
    criterion = forms.CharField(max_length=20)
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    ALLOWED = {
        "pdf": (b"%PDF",),
        "jpg": (b"\xff\xd8\xff",),
        "jpeg": (b"\xff\xd8\xff",),
        "png": (b"\x89PNG\r\n\x1a\n",),
        "docx": (b"PK\x03\x04",),
        "xlsx": (b"PK\x03\x04",),
    }

    def __init__(self, *args, criteria_codes=(), documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria_codes = set(criteria_codes)
        self.documents = documents or {}  # criterion code → the documents the framework lists for it
        self.document = ""

    def clean_criterion(self):
        # "TC01" (a file for the criterion) or "TC01#2" (the criterion's second listed document)
        code, _sep, index = self.cleaned_data["criterion"].partition("#")
        if code not in self.criteria_codes:
            raise forms.ValidationError(_("Unknown criterion."), code="unknown_criterion")
        if index:
            listed = self.documents.get(code, ())
            if not (index.isascii() and index.isdigit() and 1 <= int(index) <= len(listed)):
                raise forms.ValidationError(_("Unknown criterion."), code="unknown_criterion")
            self.document = listed[int(index) - 1]
        return code

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.EVIDENCE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1024 / 1024, 1), "limit": limit // 1024 // 1024},
                code="too_large",
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if ext not in self.ALLOWED:
            raise forms.ValidationError(
                _("Only PDF, JPG, PNG, DOCX or XLSX files are accepted."), code="bad_type"
            )
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in self.ALLOWED[ext]):
            raise forms.ValidationError(
                _("The file's content does not match its .%(ext)s extension.") % {"ext": ext}, code="bad_content"
            )
        upload.name = shorten_filename(upload.name)
        return upload


def shorten_filename(name: str, limit: int = 200) -> str:
    """A file name that fits ``limit`` characters and keeps its extension (the download's type is read from it)."""
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        return name[:limit]
    return stem[: limit - len(ext) - 2] + "…." + ext
