from django import forms
from django.utils.translation import gettext_lazy as _

from bureau.forms import BootstrapMixin

from ..statistics import SUB_ITEMS


def _quarter_choices():
    # A callable, so the labels are translated per request: "%" on a lazy string is eager and
    # would fix them in the language active at import.
    return [(q, _("第%(q)s季度") % {"q": q}) for q in (1, 2, 3, 4)]


class QuarterForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("季度"), coerce=int, choices=_quarter_choices)


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
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "min": 0,
                        "inputmode": "numeric",
                        "aria-label": _("%(label)s：报送数") % {"label": label},
                    }
                ),
            )
            self.fields[f"r_{key}"] = forms.CharField(
                label=_("修改理由"),
                required=False,
                max_length=200,
                initial=entry["reason"],
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "aria-label": _("%(label)s：修改理由") % {"label": label},
                    }
                ),
            )
            self.rows.append((key, label, entry))
        if not self.is_bound:
            self.initial["version"] = report.version

    def bound_rows(self):
        """(key, label, entry, value field, reason field, is a "其中" sub-item) per figure."""
        return [
            (key, label, entry, self[f"v_{key}"], self[f"r_{key}"], key in SUB_ITEMS)
            for key, label, entry in self.rows
        ]

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
