from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin

from ..causes import cause_mismatch
from ..models import (
    Case,
    CaseType,
    FeeReceipt,
    FirmCaseSettings,
)
from .common import DateInput, LawyerChoiceMixin


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
            "is_pro_bono",
            "aid_body",
            "aid_notice_no",
            "is_sensitive",
        ]
        widgets = {"intake_date": DateInput(), "contract_date": DateInput()}

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_lawyers(lawyers)
        # No type is chosen for the user: it decides the letter in the intake number (刑字/民字).
        self.fields["case_type"].choices = [("", _("请选择案件类型"))] + list(CaseType.choices)
        self.fields["case_type"].error_messages["required"] = _("请选择案件类型。")
        cause = self.fields["cause"].widget
        chosen = self.data.get("case_type") if self.data.get("case_type") in CaseType.values else "all"
        cause.attrs["list"] = f"cause-options-{chosen}"
        cause.attrs["autocomplete"] = "off"
        # The confirmation of a cause that does not fit the type appears only once it is needed.
        if self.is_bound and cause_mismatch(self.data.get("case_type"), self.data.get("cause")):
            self.fields["confirm_cause"] = forms.BooleanField(
                label=_("案由与案件类型不一致，确认按所选类型登记"), required=False
            )
            self.fields["confirm_cause"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        family = cause_mismatch(data.get("case_type"), data.get("cause"))
        if family and not data.get("confirm_cause"):
            self.add_error(
                "cause",
                _(
                    "案由“%(cause)s”通常属于%(family)s案件，与所选案件类型“%(type)s”不一致。"
                    "请更正案件类型或案由；确属此类型的，请勾选下方确认后再提交。"
                )
                % {"cause": data["cause"], "family": family, "type": CaseType(data["case_type"]).label},
            )
        data.pop("confirm_cause", None)
        return data

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
            "is_pro_bono",
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
