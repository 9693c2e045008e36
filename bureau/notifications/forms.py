from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "form-control"}),
    )
    email_reminders = forms.ChoiceField(
        label=_("邮件提醒"),
        choices=lambda: get_user_model().EmailReminders.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
