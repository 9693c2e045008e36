from django import forms
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

    def _post_clean(self):
        pass


class SensitiveReviewForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("司法局意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("不填写意见即为“已知悉”。"),
    )

