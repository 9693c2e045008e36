from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin

from ..models import (
    ConflictCheck,
    PartyKind,
    PartyRole,
    validate_party_identity,
)


class PartyForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("诉讼地位"), choices=PartyRole.choices)
    kind = forms.ChoiceField(label=_("类型"), choices=PartyKind.choices)
    name = forms.CharField(label=_("名称/姓名"), max_length=100, required=False)
    id_code = forms.CharField(label=_("身份证号码/统一社会信用代码"), max_length=18, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The party table shows one header row for all rows; each input still needs its own
        # accessible name, which says which row it belongs to.
        row = (self.prefix or "").rsplit("-", 1)[-1]
        number = int(row) + 1 if row.isdigit() else 1
        for field in self.fields.values():
            label = _("当事人%(n)s：%(label)s") % {"n": number, "label": field.label}
            field.widget.attrs["aria-label"] = label

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
    """The reviewer's conclusion. Nothing is pre-selected: the reviewer chooses after reading the
    hits. `hits` are the search results the conclusion is drawn from (the model's rule on them is
    applied here too, so the error shows before the confirmation step)."""

    decision = forms.ChoiceField(
        label=_("审查结论"),
        choices=[("", _("请选择审查结论"))] + list(ConflictCheck.Decision.choices),
        error_messages={"required": _("请选择审查结论。")},
    )
    remarks = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, hits=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hits = list(hits or [])

    def clean(self):
        data = super().clean()
        data["remarks"] = (data.get("remarks") or "").strip()
        if data.get("decision"):
            try:
                ConflictCheck(decision=data["decision"], remarks=data["remarks"], hits=self.hits).clean()
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return data
