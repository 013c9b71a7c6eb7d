"""The fields allauth adds to its sign-up form (ACCOUNT_SIGNUP_FORM_CLASS).

Kept apart from forms/sign_in.py: allauth imports this class while building its own
SignupForm, which forms/sign_in.py subclasses.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import PlainTextMixin
from engagement.services.residents import resident_create_for_user


class ResidentSignupForm(PlainTextMixin, forms.Form):
    """Extra fields allauth adds to its sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(
        max_length=100,
        error_messages={"required": _("Enter your first name")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        max_length=100,
        error_messages={"required": _("Enter your last name")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )

    def signup(self, request, user):
        resident_create_for_user(
            user, first_name=self.cleaned_data["first_name"], last_name=self.cleaned_data["last_name"]
        )
