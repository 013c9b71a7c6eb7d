"""Sign-up, sign-in and tenancy verification forms."""

from allauth.account import forms as allauth_forms
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.forms.fields import use_notify_email_rules
from engagement.forms.govuk import GovukFormMixin


class SignupForm(GovukFormMixin, allauth_forms.SignupForm):
    submit_label = "Create account"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["first_name", "last_name", "email", "password1"])
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("We will send you a code to check it is yours.")
        self.fields["email"].error_messages["required"] = _("Enter your email address")
        use_notify_email_rules(self.fields["email"])
        self.fields["password1"].label = _("Create a password")
        self.fields["password1"].help_text = _("At least 10 characters. A few words you will remember works well.")
        self.fields["password1"].error_messages["required"] = _("Enter a password")


class LoginForm(GovukFormMixin, allauth_forms.LoginForm):
    submit_label = "Sign in"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].error_messages["required"] = _("Enter your email address")
        use_notify_email_rules(self.fields["login"])
        self.fields["password"].error_messages["required"] = _("Enter your password")
        self.fields["remember"].label = _("Keep me signed in on this device")


class RequestLoginCodeForm(GovukFormMixin, allauth_forms.RequestLoginCodeForm):
    submit_label = "Send me a code"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("We will email you a code to sign in with. It works once and expires soon.")
        self.fields["email"].error_messages["required"] = _("Enter your email address")
        use_notify_email_rules(self.fields["email"])


class _CodeMixin(GovukFormMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Code")
        code.help_text = _("It looks like ABCD-EFGH. Check your spam folder if it has not arrived.")
        code.error_messages["required"] = _("Enter the code from the email")
        code.widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        )


class ConfirmLoginCodeForm(_CodeMixin, allauth_forms.ConfirmLoginCodeForm):
    submit_label = "Sign in"


class ConfirmEmailVerificationCodeForm(_CodeMixin, allauth_forms.ConfirmEmailVerificationCodeForm):
    submit_label = "Confirm email address"


class ResetPasswordForm(GovukFormMixin, allauth_forms.ResetPasswordForm):
    submit_label = "Send reset link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].error_messages["required"] = _("Enter your email address")
        use_notify_email_rules(self.fields["email"])


class ResetPasswordKeyForm(GovukFormMixin, allauth_forms.ResetPasswordKeyForm):
    submit_label = "Change password"


class ChangePasswordForm(GovukFormMixin, allauth_forms.ChangePasswordForm):
    submit_label = "Change password"


class AddEmailForm(GovukFormMixin, allauth_forms.AddEmailForm):
    """A new email address for the account (it replaces the old one once confirmed)."""

    submit_label = "Change email address"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("New email address")
        self.fields["email"].help_text = _("We will send a code to it to check it is yours.")
        self.fields["email"].error_messages["required"] = _("Enter your new email address")
        use_notify_email_rules(self.fields["email"])
        # allauth's view acts on the button's name.
        self.helper.inputs = []
        self.helper.add_input(Submit("action_add", self.submit_label))


class ReauthenticateForm(GovukFormMixin, allauth_forms.ReauthenticateForm):
    submit_label = "Confirm"


class TenancyVerificationForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Tenancy reference"),
        max_length=30,
        help_text=_("It is on your tenancy agreement and rent statements: TEN- and 6 numbers, like TEN-000123."),
        error_messages={"required": _("Enter your tenancy reference")},
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-10"}),
    )
    postcode = forms.CharField(
        label=_("Postcode of your home"),
        max_length=10,
        error_messages={"required": _("Enter your postcode")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )
    submit_label = "Check my tenancy"
