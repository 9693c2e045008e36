import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin
from bureau.uploads import PDF_AND_IMAGES, checked_extension

from .models import (
    ChecklistItem,
    ChecklistTemplate,
    Conflict,
    Finding,
    Inspection,
    InspectionSettings,
    Inspector,
    Plan,
    Verification,
    Visit,
)


def validate_upload(file):
    limit_mb = InspectionSettings.load().max_upload_mb
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(_("文件不能超过%(mb)sMB。") % {"mb": limit_mb})
    if os.path.splitext(file.name.lower())[1] not in PDF_AND_IMAGES:
        raise ValidationError(_("只能上传PDF或图片（PNG、JPG）文件。"))
    if checked_extension(file, PDF_AND_IMAGES) is None:
        raise ValidationError(_("文件内容与扩展名不符，请上传有效的PDF或图片文件。"))
    return file


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def stated_date(label, help_text=""):
    """A date the user states: today by default, also when left empty (the service refuses the
    future and dates before the event it follows)."""
    return forms.DateField(
        label=label, initial=timezone.localdate, required=False, widget=DateInput(), help_text=help_text
    )


class EligibilitySelect(forms.NullBooleanSelect):
    """Left open, the service takes the default of the plan's kind (Plan.default_restructuring_eligible)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("按检查类型默认")), ("true", _("纳入")), ("false", _("不纳入"))]


class PlanForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "year",
            "batch",
            "kind",
            "title",
            "checklist",
            "sampling",
            "ratio_percent",
            "target_count",
            "inspectors_per_target",
            "restructuring_eligible",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "restructuring_eligible": EligibilitySelect(),
        }
        help_texts = {
            "restructuring_eligible": _("默认：规范化建设验收和专项检查纳入改制中的律所，双随机抽查不纳入。")
        }

    def clean(self):
        data = super().clean()
        if data.get("sampling") == Plan.Sampling.RATIO and not data.get("ratio_percent"):
            self.add_error("ratio_percent", _("按比例抽取须填写抽取比例。"))
        if data.get("sampling") == Plan.Sampling.COUNT and not data.get("target_count"):
            self.add_error("target_count", _("按数量抽取须填写抽取数量。"))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("检查结束日期不能早于开始日期。"))
        return data


class PublishForm(BootstrapMixin, forms.Form):
    published_on = stated_date(_("公开日期"))


class NoticeIssueForm(BootstrapMixin, forms.Form):
    """签发 the 检查通知书: the date printed on it."""

    issued_on = stated_date(_("签发日期"))


class SignForm(BootstrapMixin, forms.Form):
    concluded_on = stated_date(_("检查结束日期"), _("最后一名检查人员签字时，以此日期为检查结束日期。"))


class DrawForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("重新抽取理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class FindingsForm(BootstrapMixin, forms.Form):
    """One outcome and note per checklist item."""

    def __init__(self, *args, items, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        by_item = {f.item_id: f for f in findings}
        choices = [("", "—")] + list(Finding.Outcome.choices)
        for item in items:
            found = by_item.get(item.pk)
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                required=False,
                initial=found.outcome if found else "",
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("说明"),
                required=False,
                max_length=500,
                initial=found.note if found else "",
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self):
        return [(item, self[f"outcome_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]

    def entries(self):
        return {
            item.pk: (self.cleaned_data[f"outcome_{item.pk}"], self.cleaned_data[f"note_{item.pk}"])
            for item in self.items
        }


class EvidenceForm(BootstrapMixin, forms.Form):
    finding = forms.ModelChoiceField(label=_("检查项目"), queryset=Finding.objects.none())
    file = forms.FileField(label=_("证据文件"), validators=[validate_upload])

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = inspection.findings.select_related("item")
        self.fields["finding"].label_from_instance = lambda f: f.item.text


class ScheduleForm(BootstrapMixin, forms.Form):
    scheduled_on = forms.DateField(label=_("检查日期"), widget=DateInput())


class ConcludeForm(BootstrapMixin, forms.Form):
    result = forms.ChoiceField(label=_("检查结论"), choices=Inspection.Result.choices)
    summary = forms.CharField(label=_("检查情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    concluded_on = stated_date(_("检查结束日期"), _("最后一名检查人员签字时，以此日期为检查结束日期。"))


class NoticeForm(BootstrapMixin, forms.Form):
    requirement = forms.CharField(
        label=_("整改要求"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="请你所对照上述问题逐项整改，健全相关制度，并将整改情况书面报告我局。",
    )
    workdays = forms.IntegerField(label=_("整改期限（工作日）"), min_value=1, max_value=250)
    issued_on = stated_date(_("签发日期"), _("整改期限自签发日期起按工作日计算。"))


class ResponseForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("整改报告（PDF或图片）"), validators=[validate_upload])
    note = forms.CharField(label=_("整改情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    responded_on = stated_date(_("报送日期"))


class VerificationForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("核查结论"), choices=Verification.Outcome.choices)
    verified_on = stated_date(_("核查日期"))
    note = forms.CharField(label=_("核查意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    requirement = forms.CharField(
        label=_("再次整改要求（未完成整改时填写）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    workdays = forms.IntegerField(
        label=_("再次整改期限（工作日）"), min_value=1, max_value=250, required=False
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Verification.Outcome.NOT_COMPLETED
            and not data.get("requirement", "").strip()
        ):
            self.add_error("requirement", _("未完成整改的，须写明再次整改的要求。"))
        return data


class VisitForm(BootstrapMixin, forms.ModelForm):
    """`firms`: those the user may record a visit to (selectors.firms_open_to_visit)."""

    class Meta:
        model = Visit
        fields = ["firm", "visited_on", "visitors", "problems", "help_given"]
        widgets = {
            "visited_on": DateInput(),
            "problems": forms.Textarea(attrs={"rows": 3}),
            "help_given": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms.order_by("name")


class ConflictForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Conflict
        fields = ["inspector", "firm", "reason", "note"]


class InspectorForm(BootstrapMixin, forms.ModelForm):
    """Adds an inspector account to the register: accounts with the inspector role not yet on it."""

    class Meta:
        model = Inspector
        fields = ["user", "certificate_no"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from bureau.models import User
        from bureau.permissions import Role

        self.fields["user"].queryset = User.objects.filter(
            groups__name=Role.INSPECTOR, inspector__isnull=True
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"


class ChecklistTemplateForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ChecklistTemplate
        fields = ["name"]


class ChecklistItemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["template", "section", "text", "rule", "requirement"]
