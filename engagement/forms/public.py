"""Forms anyone can use without an account: get involved and contact us."""

from crispy_forms_gds.layout import (
    ConditionalQuestion,
    ConditionalRadios,
    Field,
    Fixed,
    Fluid,
    Size,
    Submit,
)
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from engagement.forms.account import MobileField
from engagement.forms.fields import email_field, message_field, your_name_field
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import ContactEnquiry, Estate, FormatRequest, Interest
from engagement.phones import normalise_uk_phone
from engagement.postcodes import normalise_postcode


class GetInvolvedForm(PlainTextMixin, forms.Form):
    name = your_name_field()
    email = email_field(label=_("Email address (optional)"), required=False)
    mobile = MobileField(label=_("Mobile phone number (optional)"), required=False)
    estate = forms.ModelChoiceField(
        label=_("Which estate do you live on? (optional)"),
        queryset=Estate.objects.all(),
        required=False,
        empty_label=_("Choose your estate"),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("What would you like to hear about?"),
        help_text=_("Select all that apply."),
        queryset=Interest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one way of getting involved")},
    )
    consent = forms.MultipleChoiceField(
        label=_("How can we contact you about these?"),
        help_text=_("We will only use your details for resident engagement. You can stop at any time."),
        choices=[("email", _("By email")), ("text", _("By text message"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select how we can contact you")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("mobile", field_width=Fixed.TWENTY),
            Field.select("estate"),
            Field.checkboxes("interests", legend_size=Size.MEDIUM),
            Field.checkboxes("consent", legend_size=Size.MEDIUM),
            Submit("submit", _("Send")),
        )

    def clean(self):
        cleaned = super().clean()
        consent = cleaned.get("consent", [])
        if "email" in consent and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter your email address, or untick email below"))
        if "text" in consent and not cleaned.get("mobile") and "mobile" not in self.errors:
            self.add_error("mobile", _("Enter your mobile number, or untick text message below"))
        return cleaned


class ShownQuestion(ConditionalQuestion):
    """A choice with its follow-up field always shown (engagement/layout/shown_question.html says why)."""

    template = "engagement/layout/shown_question.html"


class ReplyWaysForm(PlainTextMixin, forms.Form):
    """Who is asking and one way to reply (email, a text, a phone call or a letter), each checked.

    Contact us and "get this in another format" ask it alike.
    """

    name = your_name_field()
    reply_by = forms.ChoiceField(
        label=_("How should we reply?"),
        choices=ContactEnquiry.ReplyBy.choices,
        widget=forms.RadioSelect,
        # Checked in clean(): without JavaScript every box shows, and filling in one is answer enough.
        required=False,
    )
    email = email_field(required=False)
    mobile = MobileField(label=_("Mobile phone number"), required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("A landline or a mobile. We will ring between 9am and 5pm on a weekday."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        help_text=_("One line per line, with your postcode on the last line."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"autocomplete": "street-address"}),
    )
    # The field each way of replying needs, and what to say when it is missing.
    NEEDS = {
        ContactEnquiry.ReplyBy.EMAIL: ("email", "Enter your email address"),
        ContactEnquiry.ReplyBy.TEXT: ("mobile", "Enter your mobile phone number"),
        ContactEnquiry.ReplyBy.PHONE: ("phone", "Enter your phone number"),
        ContactEnquiry.ReplyBy.POST: ("postal_address", "Enter your postal address"),
    }

    def reply_ways_layout(self) -> list:
        return [
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            ConditionalRadios(
                "reply_by",
                ShownQuestion("Email", Field.text("email", field_width=Fluid.TWO_THIRDS)),
                ShownQuestion("Text message", Field.text("mobile", field_width=Fixed.TWENTY)),
                ShownQuestion("Phone call", Field.text("phone", field_width=Fixed.TWENTY)),
                ShownQuestion("Letter", Field.textarea("postal_address", rows=5)),
            ),
        ]

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return normalise_uk_phone(phone) if phone else ""

    def clean_postal_address(self):
        lines = [line.strip() for line in self.cleaned_data["postal_address"].splitlines() if line.strip()]
        if not lines:
            return ""
        try:
            postcode = normalise_postcode(lines[-1])
        except ValidationError:
            raise ValidationError(_("Put your postcode on the last line of your address, like SE6 4RU")) from None
        if len(lines) < 2:
            raise ValidationError(_("Enter your house or flat number and street, then your postcode on the last line"))
        return "\n".join([*lines[:-1], postcode])

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("reply_by")
        if not chosen:
            filled = [way for way, (name, _hint) in self.NEEDS.items() if self.data.get(name, "").strip()]
            if len(filled) != 1:
                self.add_error("reply_by", _("Select how we should reply"))
                return cleaned
            chosen = cleaned["reply_by"] = filled[0]
        needed = self.NEEDS.get(chosen, (None, ""))[0]
        # Only the way chosen counts: a half-typed email is no matter if the reply is by letter.
        for name, _hint in self.NEEDS.values():
            if name != needed:
                self.errors.pop(name, None)
                cleaned[name] = ""
        if needed and not cleaned.get(needed) and needed not in self.errors:
            self.add_error(needed, self.NEEDS[chosen][1])
        return cleaned


class ContactForm(ReplyWaysForm):
    """Contact us: a message, and any one way to reply."""

    message = message_field(max_length=3000, help_text="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "Do not include bank details. For urgent repairs, phone the repairs line instead on {phone}."
        ).format(phone=settings.REPAIRS_PHONE)
        self.helper = form_helper(
            *self.reply_ways_layout(),
            Field.textarea("message", rows=8, max_characters=3000),
            Submit("submit", _("Send message")),
        )


class FormatRequestForm(ReplyWaysForm):
    """Get this in another language or format: what, in which format, and how to reach the resident.

    How to reach them is contact us's question, with its checks (phone numbers, postcodes, email).
    """

    page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    about = forms.CharField(
        label=gettext_lazy("Which page or letter do you need in another format?"),
        help_text=gettext_lazy("The page's address, or the letter's title and the date on it."),
        max_length=300,
        error_messages={"required": gettext_lazy("Enter which page or letter you need")},
    )
    format = forms.ChoiceField(
        label=gettext_lazy("What would you like?"),
        choices=FormatRequest.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select what you would like")},
    )
    language = forms.CharField(
        label=gettext_lazy("Which language?"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    details = forms.CharField(
        label=gettext_lazy("Anything else we should know (optional)"),
        help_text=gettext_lazy("For example, the date of the event you need an interpreter for."),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
    )

    # As the page asks them, so the error summary lists mistakes in the same order.
    field_order = ["page", "about", "format", "language", "details", "name", "reply_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = gettext_lazy("Your name")
        self.fields["reply_by"].label = gettext_lazy("How should we contact you?")
        formats = dict(FormatRequest.Format.choices)
        translation = FormatRequest.Format.TRANSLATION
        self.helper = form_helper(
            "page",
            Field.text("about", field_width=Fluid.TWO_THIRDS),
            ConditionalRadios(
                "format",
                ShownQuestion(str(formats[translation]), Field.text("language", field_width=Fixed.TWENTY)),
                # Without follow-up fields, but ShownQuestion all the same: a plain choice in
                # ConditionalRadios would point aria-controls at a reveal that is not there.
                *[ShownQuestion(str(label)) for value, label in formats.items() if value != translation],
            ),
            Field.textarea("details", rows=3, max_characters=1000),
            *self.reply_ways_layout(),
            Submit("submit", gettext_lazy("Send request")),
        )

    def clean_page(self):
        from engagement.services.format_requests import local_page

        return local_page(self.cleaned_data["page"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == FormatRequest.Format.TRANSLATION:
            if not cleaned.get("language") and "language" not in self.errors:
                self.add_error("language", gettext_lazy("Enter which language you would like it in"))
        else:
            cleaned["language"] = ""
        return cleaned
