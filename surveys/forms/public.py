"""Forms on the public side of the sounding board: letter codes and tenancy checks."""

from django import forms

from engagement.forms.govuk import GovukFormMixin
from engagement.postcodes import normalise_postcode
from surveys.wording import short_code_clean


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Enter the code from your letter",
        max_length=20,
        help_text="It is 8 letters and numbers, for example ABCD-2345.",
        error_messages={"required": "Enter the code from your letter"},
        widget=forms.TextInput(
            attrs={"spellcheck": "false", "autocomplete": "off", "autocapitalize": "characters", "class": "govuk-input--width-10"}
        ),
    )

    def clean_code(self):
        code = short_code_clean(self.cleaned_data["code"])
        if len(code) != 8:
            raise forms.ValidationError("The code must be 8 letters and numbers, like ABCD-2345")
        return code


class TenancyCheckForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Tenancy reference",
        max_length=30,
        help_text="It is on your tenancy agreement and rent statements, for example TEN-004512.",
        error_messages={"required": "Enter your tenancy reference"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-10"}),
    )
    postcode = forms.CharField(
        label="Postcode of your home",
        max_length=10,
        error_messages={"required": "Enter your postcode"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])
