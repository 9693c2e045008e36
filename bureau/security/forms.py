from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import SignInEvent


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("动态口令或恢复码"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("请输入动态口令。")},
    )


class SignInLogFilterForm(forms.Form):
    username = forms.CharField(label=_("用户名"), required=False, max_length=150)
    kind = forms.ChoiceField(
        label=_("事件"), required=False, choices=[("", _("全部"))] + SignInEvent.Kind.choices
    )
    ip_address = forms.GenericIPAddressField(label=_("IP 地址"), required=False)
    date_from = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("用户名或姓名"), required=False, max_length=150)


class AdminUserActionForm(forms.Form):
    ACTIONS = [
        ("end_sessions", _("结束全部会话")),
        ("disable", _("停用账号并结束全部会话")),
        ("enable", _("启用账号")),
        ("reset_otp", _("重置动态口令")),
        ("force_password_change", _("要求下次登录修改密码")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    user = forms.ModelChoiceField(queryset=get_user_model().objects.all(), widget=forms.HiddenInput)
