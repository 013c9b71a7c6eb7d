"""Forms anyone can use without an account: get involved and contact us."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Size, Submit
from django import forms

from engagement.forms.account import MobileField
from engagement.forms.fields import email_field, message_field, your_name_field
from engagement.models import Estate, Interest


class GetInvolvedForm(forms.Form):
    name = your_name_field()
    email = email_field(label="Email address (optional)", required=False)
    mobile = MobileField(label="Mobile phone number (optional)", required=False)
    estate = forms.ModelChoiceField(
        label="Which estate do you live on? (optional)",
        queryset=Estate.objects.all(),
        required=False,
        empty_label="Choose your estate",
    )
    interests = forms.ModelMultipleChoiceField(
        label="What would you like to hear about?",
        help_text="Select all that apply.",
        queryset=Interest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one way of getting involved"},
    )
    consent = forms.MultipleChoiceField(
        label="How can we contact you about these?",
        help_text="We will only use your details for resident engagement. You can stop at any time.",
        choices=[("email", "By email"), ("text", "By text message")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select how we can contact you"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("mobile", field_width=Fixed.TWENTY),
            Field.select("estate"),
            Field.checkboxes("interests", legend_size=Size.MEDIUM),
            Field.checkboxes("consent", legend_size=Size.MEDIUM),
            Submit("submit", "Send"),
        )

    def clean(self):
        cleaned = super().clean()
        consent = cleaned.get("consent", [])
        if "email" in consent and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter your email address, or untick email below")
        if "text" in consent and not cleaned.get("mobile") and "mobile" not in self.errors:
            self.add_error("mobile", "Enter your mobile number, or untick text message below")
        return cleaned


class ContactForm(forms.Form):
    name = your_name_field()
    email = email_field(help_text="We will reply to this address.")
    message = message_field(
        max_length=3000, help_text="Do not include bank details. For urgent repairs, phone the repairs line instead."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.textarea("message", rows=8, max_characters=3000),
            Submit("submit", "Send message"),
        )
