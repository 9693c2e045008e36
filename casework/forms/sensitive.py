from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin

from ..models import (
    SensitiveFiling,
)
from .common import DateInput


class SensitiveFilingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SensitiveFiling
        fields = ["filed_on", "client", "authority", "facts", "legal_issues", "lawyer_opinion"]
        widgets = {
            "filed_on": DateInput(),
            "facts": forms.Textarea(attrs={"rows": 4}),
            "legal_issues": forms.Textarea(attrs={"rows": 3}),
            "lawyer_opinion": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date the firm filed (default today); left empty, the service takes today.
        self.fields["filed_on"].required = False
        if not self.is_bound:
            self.initial.setdefault("filed_on", timezone.localdate())

    def _post_clean(self):
        pass


class SensitiveReviewForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("司法局意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("不填写意见即为“已知悉”。"),
    )
