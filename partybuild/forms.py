from django import forms
from django.utils.translation import gettext_lazy as _

from bureau.models import User
from firms.models import Firm, Lawyer

from .models import Branch, LiaisonOfficer, LiaisonTraining, Meeting, Member


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BootstrapMixin:
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class BranchForm(BootstrapMixin, forms.ModelForm):
    firms = forms.ModelMultipleChoiceField(
        label=_("覆盖律所"),
        queryset=Firm.objects.exclude(status=Firm.Status.DEREGISTERED),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    standard_criteria = forms.MultipleChoiceField(
        label=_("已达标项目"),
        choices=Branch.Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    secretary_account = forms.ModelChoiceField(
        label=_("书记平台账号"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("该账号可登记本支部的三会一课并查看本支部党员。"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Branch
        fields = [
            "name",
            "kind",
            "firms",
            "founded_on",
            "status",
            "dissolved_on",
            "secretary",
            "has_party_groups",
            "liaison",
            "standard_status",
            "standard_criteria",
            "standard_recognised_on",
        ]
        widgets = {
            "founded_on": DateInput(),
            "dissolved_on": DateInput(),
            "standard_recognised_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["secretary"].queryset = Member.objects.filter(
                branch=self.instance, stage__gte=Member.Stage.PROBATIONARY
            )
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["secretary"]
        self.fields["liaison"].queryset = LiaisonOfficer.objects.all()


class CommitteeForm(BootstrapMixin, forms.Form):
    elected_on = forms.DateField(label=_("选举日期"), required=False, widget=DateInput())
    members = forms.ModelMultipleChoiceField(
        label=_("支委会委员（3至5名正式党员；不选则表示未设支委会）"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, branch, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Member.objects.filter(
            branch=branch, stage=Member.Stage.FULL, status=Member.Status.ACTIVE
        )


class MemberForm(BootstrapMixin, forms.ModelForm):
    transfer_from = forms.CharField(
        label=_("由外单位党组织转入（填写原党组织）"), max_length=100, required=False
    )
    transfer_on = forms.DateField(label=_("转入日期"), required=False, widget=DateInput())
    archive_docs = forms.MultipleChoiceField(
        label=_("已归档材料"), choices=Member.Doc.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Member
        fields = [
            "branch",
            "lawyer",
            "name",
            "firm",
            "stage",
            "applied_on",
            "activist_on",
            "target_on",
            "probationary_on",
            "full_on",
            "archive_docs",
        ]
        widgets = {
            f: DateInput() for f in ["applied_on", "activist_on", "target_on", "probationary_on", "full_on"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].required = True
        self.fields["branch"].queryset = Branch.objects.filter(status=Branch.Status.ACTIVE)
        self.fields["lawyer"].queryset = Lawyer.objects.filter(party_member__isnull=True).select_related(
            "firm"
        )
        self.fields["lawyer"].label_from_instance = lambda lawyer: (
            f"{lawyer.name}（{lawyer.firm.short_name or lawyer.firm}）"
        )
        self.fields["name"].required = False
        self.fields["name"].help_text = _("对应律师的，姓名自动取自律师名册。")

    def clean(self):
        data = super().clean()
        if not data.get("lawyer") and not data.get("name"):
            self.add_error("name", _("请填写姓名，或选择对应的律师。"))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV 文件（UTF-8）"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv"}),
    )


class AdvanceForm(BootstrapMixin, forms.Form):
    on_date = forms.DateField(label=_("日期"), widget=DateInput())


class ArchiveForm(forms.Form):
    docs = forms.MultipleChoiceField(
        label=_("已归档材料"), choices=Member.Doc.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransferForm(BootstrapMixin, forms.Form):
    on_date = forms.DateField(label=_("转接日期"), widget=DateInput())
    to_branch = forms.ModelChoiceField(
        label=_("转入本县支部"), queryset=Branch.objects.filter(status=Branch.Status.ACTIVE), required=False
    )
    to_organisation = forms.CharField(label=_("或转往外单位党组织"), max_length=100, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class MeetingForm(BootstrapMixin, forms.ModelForm):
    """The attendance table comes as att_<member id> = present|absent and reason_<member id>."""

    class Meta:
        model = Meeting
        fields = ["kind", "held_on", "topic", "host", "minutes"]
        widgets = {"held_on": DateInput(), "minutes": forms.Textarea(attrs={"rows": 5})}

    def attendance(self):
        """(present members, {absent member: reason}) from the posted table, members looked up in one
        query among every member on the rolls (the service refuses those of other branches)."""
        marks = {}
        for key, value in self.data.items():
            if key.startswith("att_") and value in ("present", "absent"):
                try:
                    marks[int(key[4:])] = value
                except ValueError:
                    continue
        members = {m.pk: m for m in Member.objects.filter(pk__in=marks)}
        present = [members[pk] for pk, v in marks.items() if v == "present" and pk in members]
        absent = {
            members[pk]: self.data.get(f"reason_{pk}", "")
            for pk, v in marks.items()
            if v == "absent" and pk in members
        }
        return present, absent


class LiaisonForm(BootstrapMixin, forms.ModelForm):
    firms = forms.ModelMultipleChoiceField(
        label=_("联系律所"), queryset=Firm.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LiaisonOfficer
        fields = ["name", "position", "phone", "firms"]


class TrainingForm(BootstrapMixin, forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("参训联络员"),
        queryset=LiaisonOfficer.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = LiaisonTraining
        fields = ["title", "held_on", "organiser", "hours", "attendees"]
        widgets = {"held_on": DateInput()}
