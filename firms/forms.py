import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin
from bureau.uploads import PDF_AND_IMAGES, checked_extension

from .models import (
    Firm,
    FirmImprovement,
    Lawyer,
    RestructuringDocument,
    RestructuringStep,
    ServiceStation,
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


def _today():
    return timezone.localdate()


def status_date_field():
    """The date a change of status takes effect, as the user states it (default today)."""
    return forms.DateField(
        label=_("状态变更日期"),
        required=False,
        initial=_today,
        widget=forms.DateInput,
        help_text=_("仅在状态改变时使用；注销以注销日期为准。"),
    )


class FirmForm(VersionedForm):
    status_changed_on = status_date_field()

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

    field_order = ["name", "short_name", "credit_code", "licence_no", "organisation_form", "founded_on"]
    field_order += ["status", "status_changed_on", "deregistered_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["director"].queryset = self.instance.lawyers.exclude(
                status=Lawyer.Status.DEREGISTERED
            )
        else:
            del self.fields["director"]
            del self.fields["status_changed_on"]

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
    changed_on = forms.DateField(
        label=_("变更生效日期"),
        required=False,
        initial=_today,
        widget=forms.DateInput,
        help_text=_("执业状态、执业类别或合伙人变更时填写，记入执业经历。"),
    )

    class Meta:
        model = Lawyer
        fields = list(LAWYER_FIELDS)
        widgets = {"licence_date": forms.DateInput}

    field_order = [*LAWYER_FIELDS[:8], "changed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["changed_on"]

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
        help_texts = {"conferred_by": _("如：省司法厅、市司法局")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conferred_on"].initial = _today

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = _today


class RestructuringStartForm(BootstrapMixin, forms.Form):
    target_form = forms.ChoiceField(
        label=_("拟改制为"), choices=[c for c in Firm.Form.choices if c[0] != Firm.Form.STATE]
    )
    started_on = forms.DateField(label=_("启动日期"), initial=_today, widget=forms.DateInput)


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


class ImprovementForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FirmImprovement
        fields = ["made_on", "description", "area", "amount"]
        widgets = {"made_on": forms.DateInput}
        help_texts = {"description": _("如：新建会议室、改造档案室、购置录音录像设备")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["made_on"].initial = _today


class StationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ServiceStation
        fields = ["kind", "name", "since", "until"]
        widgets = {"since": forms.DateInput, "until": forms.DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["since"].initial = _today


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel文件（.xlsx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过10MB。"))
        if checked_extension(upload, (".xlsx",)) is None:
            raise forms.ValidationError(_("请上传由模板填写的 .xlsx 文件。"))
        return upload
