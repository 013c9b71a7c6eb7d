"""Forms on the public side of the sounding board: tenancy checks."""

from engagement.forms.sign_in import TenancyVerificationForm
from engagement.postcodes import normalise_postcode


class TenancyCheckForm(TenancyVerificationForm):
    """The same questions as confirming a tenancy on an account; a postcode that is not one is an error here."""

    submit_label = "Continue"

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])
