from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin

from .models import (
    Case,
    CaseType,
    ConflictCheck,
    FeeReceipt,
    FirmCaseSettings,
    PartyKind,
    PartyRole,
    SensitiveFiling,
    ServiceLog,
    validate_party_identity,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# --- conflict check -------------------------------------------------------------------------


class PartyForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("诉讼地位"), choices=PartyRole.choices)
    kind = forms.ChoiceField(label=_("类型"), choices=PartyKind.choices)
    name = forms.CharField(label=_("名称/姓名"), max_length=100, required=False)
    id_code = forms.CharField(label=_("身份证号码/统一社会信用代码"), max_length=18, required=False)

    def clean(self):
        data = super().clean()
        data["name"] = (data.get("name") or "").strip()
        data["id_code"] = (data.get("id_code") or "").strip().upper()
        if data["id_code"] and not data["name"]:
            self.add_error("name", _("请填写当事人名称或姓名。"))
        try:
            validate_party_identity(data.get("kind"), data["id_code"])
        except ValidationError as exc:
            self.add_error("id_code", exc.messages)
        return data


class BasePartyFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        entered = [f.cleaned_data for f in self.forms if f.cleaned_data.get("name")]
        if not any(p["role"] == PartyRole.CLIENT for p in entered):
            raise ValidationError(_("至少填写一名委托人。"))

    def parties(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data.get("name")]


PartyFormSet = forms.formset_factory(
    PartyForm, formset=BasePartyFormSet, extra=0, min_num=1, max_num=20, validate_max=True, absolute_max=20
)

DEFAULT_PARTY_ROWS = [
    PartyRole.CLIENT,
    PartyRole.CLIENT,
    PartyRole.OPPOSING,
    PartyRole.OPPOSING,
    PartyRole.OTHER,
]


class CheckMatterForm(BootstrapMixin, forms.Form):
    matter = forms.CharField(label=_("拟受理事项"), max_length=200)


class CheckDecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(label=_("审查结论"), choices=ConflictCheck.Decision.choices)
    remarks = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


# --- case register --------------------------------------------------------------------------


class LawyerChoiceMixin:
    def _limit_lawyers(self, lawyers):
        field = self.fields["lawyers"]
        field.queryset = lawyers
        field.error_messages["invalid_choice"] = _("只能指派本所律师（%(value)s 不是本所在册律师）。")
        field.error_messages["required"] = _("至少指派一名承办律师。")
        field.widget = forms.CheckboxSelectMultiple()
        field.widget.choices = field.choices


class CaseRegisterForm(BootstrapMixin, LawyerChoiceMixin, forms.ModelForm):
    lawyers = forms.ModelMultipleChoiceField(label=_("承办律师"), queryset=None)

    class Meta:
        model = Case
        fields = [
            "case_type",
            "cause",
            "intake_date",
            "authority",
            "lawyers",
            "contract_no",
            "contract_date",
            "agreed_fee",
            "is_legal_aid",
            "aid_body",
            "aid_notice_no",
            "is_sensitive",
        ]
        widgets = {"intake_date": DateInput(), "contract_date": DateInput()}

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_lawyers(lawyers)
        self.fields["case_type"].choices = CaseType.choices

    def _post_clean(self):
        pass  # the service validates the whole case (it needs the firm and the number)


class CaseEditForm(BootstrapMixin, LawyerChoiceMixin, forms.ModelForm):
    lawyers = forms.ModelMultipleChoiceField(label=_("承办律师"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = [
            "cause",
            "authority",
            "lawyers",
            "contract_no",
            "contract_date",
            "agreed_fee",
            "is_legal_aid",
            "aid_body",
            "aid_notice_no",
            "is_sensitive",
            "status",
            "closed_on",
            "result",
            "archive_no",
            "archived_on",
        ]
        widgets = {"contract_date": DateInput(), "closed_on": DateInput(), "archived_on": DateInput()}

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_lawyers(lawyers)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        pass  # validated by services.case_update, which knows the previous status


class ReceiptForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FeeReceipt
        fields = ["receipt_no", "amount", "received_on"]
        widgets = {"received_on": DateInput()}

    def _post_clean(self):
        pass


# --- sensitive filings ----------------------------------------------------------------------


class SensitiveFilingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SensitiveFiling
        fields = ["client", "authority", "facts", "legal_issues", "lawyer_opinion"]
        widgets = {
            "facts": forms.Textarea(attrs={"rows": 4}),
            "legal_issues": forms.Textarea(attrs={"rows": 3}),
            "lawyer_opinion": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        pass


class SensitiveReviewForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("司法局意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("不填写意见即为“已知悉”。"),
    )


# --- service logs ---------------------------------------------------------------------------


class ServiceLogForm(BootstrapMixin, LawyerChoiceMixin, forms.ModelForm):
    lawyers = forms.ModelMultipleChoiceField(label=_("参与律师"), queryset=None)

    class Meta:
        model = ServiceLog
        fields = [
            "kind",
            "date",
            "lawyers",
            "counterpart",
            "org_kind",
            "term_start",
            "term_end",
            "contract_no",
            "duty_place",
            "dispute_category",
            *ServiceLog.COUNT_FIELDS,
            "remarks",
        ]
        widgets = {"date": DateInput(), "term_start": DateInput(), "term_end": DateInput()}

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_lawyers(lawyers)
        for name in ServiceLog.COUNT_FIELDS:
            self.fields[name].widget.attrs["min"] = 0
            self.fields[name].error_messages["min_value"] = _("数量不能为负数。")

    def _post_clean(self):
        pass


# --- quarterly statistics -------------------------------------------------------------------


class QuarterForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("季度"), coerce=int, choices=[(q, _("第%(q)s季度") % {"q": q}) for q in (1, 2, 3, 4)]
    )


class FiguresForm(forms.Form):
    """One number and one reason per figure; the reason is needed only when the number differs
    from the prefilled one (checked by the service)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.rows = []
        for key, label in labels:
            entry = report.figures.get(key)
            if entry is None:
                continue
            self.fields[f"v_{key}"] = forms.IntegerField(
                label=label,
                initial=entry["value"],
                error_messages={"invalid": _("请填写整数。")},
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 0}),
            )
            self.fields[f"r_{key}"] = forms.CharField(
                label=_("修改理由"),
                required=False,
                max_length=200,
                initial=entry["reason"],
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.rows.append((key, label, entry))
        if not self.is_bound:
            self.initial["version"] = report.version

    def bound_rows(self):
        return [(key, label, entry, self[f"v_{key}"], self[f"r_{key}"]) for key, label, entry in self.rows]

    def values(self):
        return {
            key: (self.cleaned_data[f"v_{key}"], self.cleaned_data[f"r_{key}"])
            for key, _label, _e in self.rows
        }

    def add_service_errors(self, exc):
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for key, messages in exc.message_dict.items():
            field = f"v_{key}" if f"v_{key}" in self.fields else None
            self.add_error(field, messages)


class ReviewForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class NumberingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FirmCaseSettings
        fields = [
            "intake_prefix",
            "letter_criminal",
            "letter_civil",
            "letter_administrative",
            "letter_non_litigation",
            "letter_arbitration",
            "letter_other",
        ]

    def clean(self):
        data = super().clean()
        letters = [data.get(name) for name in self.Meta.fields[1:] if data.get(name)]
        if len(set(letters)) != len(letters):
            raise ValidationError(_("各类案件的代字不能重复。"))
        return data
