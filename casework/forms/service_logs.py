from django import forms
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin

from ..models import (
    ServiceLog,
)
from .common import DateInput, LawyerChoiceMixin

# What each kind of service log records beyond kind, date, lawyers and remarks, and which of
# those are required (as ServiceLog.clean requires them; the form says so up front with a star).
K = ServiceLog.Kind


KIND_FIELDS = {
    K.LEGAL_HELP: ["person_times", "counterpart"],
    K.CONSULTATION: ["person_times", "counterpart"],
    K.PETITION: ["person_times", "counterpart"],
    K.ADVISER: [
        "counterpart",
        "org_kind",
        "term_start",
        "term_end",
        "contract_no",
        "consultations",
        "matters_handled",
        "publicity_sessions",
        "opinion_letters",
    ],
    K.MEDIATION: ["counterpart", "dispute_category", "disputes_taken", "disputes_settled"],
    K.HEALTH_CHECK: ["counterpart", "opinion_letters", "risk_points", "contracts_reviewed", "problems_found"],
    K.MILITARY: ["counterpart", "contract_no", "publicity_sessions", "consultations"],
    K.VETERANS: ["person_times", "consultations", "matters_handled"],
    K.DUTY: ["duty_place", "counterpart", "person_times"],
}


KIND_REQUIRED = {
    K.LEGAL_HELP: {"person_times": _("请填写服务人次。")},
    K.CONSULTATION: {"person_times": _("请填写服务人次。")},
    K.PETITION: {"person_times": _("请填写服务人次。")},
    K.VETERANS: {"person_times": _("请填写服务人次。")},
    K.DUTY: {"person_times": _("请填写服务人次。"), "duty_place": _("请选择值班场所类型。")},
    K.ADVISER: {
        "counterpart": _("请填写顾问单位名称。"),
        "org_kind": _("请选择顾问单位类型。"),
        "term_start": _("请填写顾问期限。"),
    },
    K.MEDIATION: {"counterpart": _("请填写调解委员会名称。")},
    K.HEALTH_CHECK: {"counterpart": _("请填写体检企业名称。")},
    K.MILITARY: {"counterpart": _("请填写协议对方单位。")},
}


COMMON_LOG_FIELDS = ["kind", "date", "lawyers"]


class ServiceLogForm(BootstrapMixin, LawyerChoiceMixin, forms.ModelForm):
    """A service log of one kind: only that kind's fields. The kind comes from the submitted data
    or the initial values; without one, only the common fields are shown. Counts start empty (an
    empty optional count is 0); the required ones carry a star."""

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
        self.fields["kind"].choices = [("", _("请选择服务类型"))] + list(ServiceLog.Kind.choices)
        self.fields["kind"].error_messages["required"] = _("请选择服务类型。")
        self.chosen_kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        if self.chosen_kind not in ServiceLog.Kind.values:
            self.chosen_kind = None
        shown = set(COMMON_LOG_FIELDS)
        if self.chosen_kind:
            shown |= {*KIND_FIELDS[self.chosen_kind], "remarks"}
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
        required = KIND_REQUIRED.get(self.chosen_kind, {})
        for name, field in self.fields.items():
            if name in COMMON_LOG_FIELDS:
                continue
            field.required = name in required
            if name in required:
                field.error_messages["required"] = required[name]
            if name in ServiceLog.COUNT_FIELDS:
                field.widget.attrs.update({"min": 0, "inputmode": "numeric"})
                field.error_messages["min_value"] = _("数量不能为负数。")
                if not self.is_bound:
                    self.initial[name] = None  # not the model's 0: an unfilled count is visible

    def kind_fields(self):
        return [self[name] for name in self.fields if name not in COMMON_LOG_FIELDS]

    def common_fields(self):
        return [self[name] for name in COMMON_LOG_FIELDS]

    def clean(self):
        data = super().clean()
        for name in ServiceLog.COUNT_FIELDS:
            if name in self.fields and data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data

    def _post_clean(self):
        pass
