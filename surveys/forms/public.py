"""Forms on the public side of the sounding board: tenancy checks."""

from django import forms

from engagement.forms.govuk import GovukFormMixin
from engagement.postcodes import normalise_postcode


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
