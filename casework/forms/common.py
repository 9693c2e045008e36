from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LawyerChoiceMixin:
    def _limit_lawyers(self, lawyers):
        field = self.fields["lawyers"]
        field.queryset = lawyers
        field.error_messages["invalid_choice"] = _("只能指派本所律师（%(value)s 不是本所在册律师）。")
        field.error_messages["required"] = _("至少指派一名承办律师。")
        field.widget = forms.CheckboxSelectMultiple()
        field.widget.choices = field.choices
