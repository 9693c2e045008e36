import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin
from bureau.uploads import PDF_AND_IMAGES, checked_extension

from .models import (
    Firm,
    Lawyer,
    RestructuringDocument,
    RestructuringStep,
    StandardisationRating,
    TrainingSession,
)
from .services import DIRECTOR_EDITABLE_FIELDS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class VersionedForm(BootstrapMixin, forms.ModelForm):
    """Carries the version the record had when the form was opened (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def expected_version(self):
        # A post without the version it was opened at cannot prove it is not stale: the save
        # then matches no row and is refused like any stale edit.
        return self.cleaned_data.get("version")


class FirmForm(VersionedForm):
    class Meta:
        model = Firm
        fields = [
            "name",
            "short_name",
            "credit_code",
            "licence_no",
            "organisation_form",
            "founded_on",
            "status",
            "deregistered_on",
            "director",
            "address",
            "phone",
            "email",
            *DIRECTOR_EDITABLE_FIELDS[3:],
        ]
        widgets = {"founded_on": forms.DateInput, "deregistered_on": forms.DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["director"].queryset = self.instance.lawyers.exclude(
                status=Lawyer.Status.DEREGISTERED
            )
        else:
            del self.fields["director"]

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()


class FacilitiesForm(VersionedForm):
    """What a firm director may change: contact details, rooms and equipment."""

    class Meta:
        model = Firm
        fields = list(DIRECTOR_EDITABLE_FIELDS)


# A lawyer's registry record, as the bureau edits it and as the spreadsheet import reads it.
LAWYER_FIELDS = (
    "name",
    "gender",
    "id_number",
    "licence_no",
    "licence_date",
    "category",
    "is_partner",
    "status",
    "phone",
    "education",
    "political_status",
)


class LawyerForm(VersionedForm):
    class Meta:
        model = Lawyer
        fields = list(LAWYER_FIELDS)
        widgets = {"licence_date": forms.DateInput}

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()

    def clean_licence_date(self):
        value = self.cleaned_data["licence_date"]
        if value and value > datetime.date.today():
            raise forms.ValidationError(_("首次执业日期不能晚于今天。"))
        return value


class LawyerCreateForm(LawyerForm):
    firm = forms.ModelChoiceField(
        queryset=Firm.objects.exclude(status=Firm.Status.DEREGISTERED), label=_("所在律所")
    )

    field_order = ["firm"]


class TransferForm(BootstrapMixin, forms.Form):
    to_firm = forms.ModelChoiceField(queryset=Firm.objects.none(), label=_("调入律所"))
    on_date = forms.DateField(label=_("转所日期"), widget=forms.DateInput)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, lawyer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_firm"].queryset = Firm.objects.exclude(pk=lawyer.firm_id).exclude(
            status=Firm.Status.DEREGISTERED
        )


class RatingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = StandardisationRating
        fields = ["level", "conferred_by", "conferred_on", "valid_until"]
        widgets = {"conferred_on": forms.DateInput, "valid_until": forms.DateInput}

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_until")
            and data.get("conferred_on")
            and data["valid_until"] <= data["conferred_on"]
        ):
            self.add_error("valid_until", _("有效期须晚于授予日期。"))
        return data


class DirectorAccountForm(BootstrapMixin, forms.Form):
    username = forms.SlugField(label=_("用户名"), max_length=50, help_text=_("字母、数字、下划线或连字符"))


class TrainingSessionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["title", "held_on", "organiser", "kind", "hours"]
        widgets = {"held_on": forms.DateInput}


class RestructuringStepForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RestructuringStep
        fields = ["status", "started_on", "completed_on", "responsible", "note"]
        widgets = {"started_on": forms.DateInput, "completed_on": forms.DateInput}


class RestructuringDocumentForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RestructuringDocument
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过10MB。"))
        if checked_extension(upload, (*PDF_AND_IMAGES, ".docx", ".xlsx")) is None:
            raise forms.ValidationError(_("只接受PDF、JPG、PNG或Word/Excel（docx/xlsx）文件。"))
        return upload


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel文件（.xlsx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过10MB。"))
        if checked_extension(upload, (".xlsx",)) is None:
            raise forms.ValidationError(_("请上传由模板填写的 .xlsx 文件。"))
        return upload
