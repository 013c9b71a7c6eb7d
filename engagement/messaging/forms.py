"""The one resident-facing form in messaging: the code printed on a letter."""

from crispy_forms_gds.layout import Field, Fixed, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import GovukFormMixin
from engagement.messaging.services.letters import letter_code_find


class LetterCodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_(
            "It is 8 letters and numbers, for example ABCD 2346. It is in your letter, after “Type in this code”."
        ),
        max_length=20,
        error_messages={"required": _("Enter the code from your letter")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("code", field_width=Fixed.TEN, label_size=Size.SMALL))
        self.found = None

    def clean_code(self):
        self.found = letter_code_find(typed=self.cleaned_data["code"])
        if self.found is None:
            raise forms.ValidationError(_("Enter the code exactly as it is on your letter"))
        return self.cleaned_data["code"]
