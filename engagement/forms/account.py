"""The resident's own account pages: contact details, preferences, interests, access needs."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fixed, Fluid, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.i18n.languages import ANOTHER_LANGUAGE, offered_languages
from engagement.models import AccessNeed, Channel, EqualityMonitoring, Interest, Purpose, Resident
from engagement.phones import display_uk_mobile, normalise_uk_mobile


class MobileField(forms.CharField):
    """A UK mobile number, typed any common way, cleaned to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # Show a stored +447700900982 as 07700 900982; leave what the resident typed alone.
        if isinstance(value, str) and value.startswith("+44"):
            return display_uk_mobile(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        return normalise_uk_mobile(value) if value else ""


class ContactDetailsForm(PlainTextMixin, forms.ModelForm):
    # English and each complete translation; any other language is typed, and we arrange it.
    preferred_language = forms.ChoiceField(
        label=_("Which language would you like us to use?"),
        help_text=_("Pages and messages are in this language when we have a full translation; otherwise in English."),
        error_messages={"required": _("Select the language you would like us to use")},
        widget=forms.RadioSelect,
    )
    other_language = forms.CharField(
        label=_("If another language, which one?"),
        help_text=_("We will arrange a translation or an interpreter when you need one."),
        max_length=60,
        required=False,
    )
    mobile = MobileField(
        label=_("Mobile phone number (optional)"),
        required=False,
        help_text=_("For text messages about things you have booked, and surveys if you want them."),
    )
    date_of_birth = DateInputField(
        label=_("Date of birth (optional)"),
        required=False,
        help_text=_("For example, 27 3 1957. It helps us make sure older residents are offered visits in winter."),
    )

    class Meta:
        model = Resident
        fields = ["first_name", "last_name", "mobile", "date_of_birth"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
        }
        error_messages = {
            "first_name": {"required": _("Enter your first name")},
            "last_name": {"required": _("Enter your last name")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = offered_languages()
        self.fields["preferred_language"].choices = [*offered, (ANOTHER_LANGUAGE, _("Another language"))]
        if not self.is_bound:
            current = self.instance.preferred_language
            if current in {answer for answer, _label in offered}:
                self.initial["preferred_language"] = current
            elif current:
                self.initial.update(preferred_language=ANOTHER_LANGUAGE, other_language=current)
        self.helper = form_helper(
            Field.text("first_name", field_width=Fluid.TWO_THIRDS),
            Field.text("last_name", field_width=Fluid.TWO_THIRDS),
            Field.text("mobile", field_width=Fixed.TWENTY),
            Field.radios("preferred_language", legend_size=Size.SMALL),
            Field.text("other_language", field_width=Fixed.TWENTY),
            Field("date_of_birth"),
            Submit("submit", _("Save contact details")),
        )

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("preferred_language")
        other = cleaned.get("other_language", "").strip()
        if choice == ANOTHER_LANGUAGE and not other:
            self.add_error("other_language", _("Enter the language you would like us to use"))
        elif choice:
            self.instance.preferred_language = other if choice == ANOTHER_LANGUAGE else choice
        return cleaned

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and born > date.today():
            raise ValidationError(_("Date of birth must be in the past"))
        if born and born.year < 1900:
            raise ValidationError(_("Enter a year after 1900"))
        return born


CHANNEL_CHOICES = [
    (Channel.EMAIL.value, _("Email")),
    (Channel.TEXT.value, _("Text message")),
    (Channel.POST.value, _("Letter")),
]


class ContactPreferencesForm(PlainTextMixin, forms.Form):
    """Consent per channel, for each purpose. Nothing is ticked for surveys until the resident says so."""

    engagement = forms.MultipleChoiceField(
        label=_("How can we send you surveys and invitations to get involved?"),
        help_text=_("Select all that apply. Leave all unticked if you do not want them."),
        choices=CHANNEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service = forms.MultipleChoiceField(
        label=_("How can we send you messages about things you have booked or applied for?"),
        help_text=_("Confirmations, reminders and changes. Select all that apply."),
        choices=CHANNEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, resident: Resident, **kwargs):
        self.resident = resident
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.checkboxes("engagement", legend_size=Size.MEDIUM),
            Field.checkboxes("service", legend_size=Size.MEDIUM),
            Submit("submit", _("Save contact preferences")),
        )

    def clean(self):
        cleaned = super().clean()
        for purpose in ("engagement", "service"):
            chosen = cleaned.get(purpose, [])
            if Channel.TEXT in chosen and not self.resident.mobile:
                self.add_error(purpose, _("Add a mobile number in your contact details before choosing text messages"))
            if Channel.POST in chosen and not self.resident.home:
                self.add_error(purpose, _("Confirm your tenancy before choosing letters, so we know your address"))
            if Channel.EMAIL in chosen and not self.resident.email:
                self.add_error(purpose, _("Add an email address before choosing email"))
        return cleaned

    def answers(self) -> dict[tuple[str, str], bool]:
        return {
            (channel, purpose): channel in self.cleaned_data[field]
            for field, purpose in (("engagement", Purpose.ENGAGEMENT), ("service", Purpose.SERVICE))
            for channel, _label in CHANNEL_CHOICES
        }

    @classmethod
    def initial_for(cls, resident: Resident) -> dict:
        initial = {"engagement": [], "service": []}
        for consent in resident.consents.all():
            if consent.given:
                initial[consent.purpose].append(consent.channel)
        return initial


class InterestsForm(PlainTextMixin, forms.ModelForm):
    interests = forms.ModelMultipleChoiceField(
        label=_("Which ways of getting involved would you like to hear about?"),
        help_text=_("Select all that apply. You can change this at any time."),
        queryset=Interest.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resident
        fields = ["interests"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.checkboxes("interests", legend_size=Size.MEDIUM), Submit("submit", _("Save interests"))
        )


class AccessNeedsForm(PlainTextMixin, forms.ModelForm):
    access_needs = forms.ModelMultipleChoiceField(
        label=_("Do you need any of these to take part?"),
        help_text=_("We will use this every time you book an event or apply to a panel. Select all that apply."),
        queryset=AccessNeed.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resident
        fields = ["access_needs", "interpreter_language", "access_needs_other"]
        labels = {
            "interpreter_language": _("If you need an interpreter, for which language?"),
            "access_needs_other": _("Anything else we should know? (optional)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_needs_other"].help_text = _(
            "For example, you need to sit near the door, or bring an assistance dog."
        )
        self.helper = form_helper(
            Field.checkboxes("access_needs", legend_size=Size.MEDIUM),
            Field.text("interpreter_language", field_width=Fixed.TWENTY),
            Field.textarea("access_needs_other", rows=4, max_characters=1000),
            Submit("submit", _("Save access needs")),
        )

    def clean(self):
        cleaned = super().clean()
        needs = {need.code for need in cleaned.get("access_needs", [])}
        if "language_interpreter" in needs and not cleaned.get("interpreter_language", "").strip():
            self.add_error("interpreter_language", _("Enter the language you need an interpreter for"))
        return cleaned


class EqualityMonitoringForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = EqualityMonitoring
        fields = [
            "age_band",
            "disability",
            "sex",
            "gender_same_as_at_birth",
            "sexual_orientation",
            "ethnicity",
            "religion",
            "marital_status",
            "pregnant_or_recent_birth",
        ]
        widgets = dict.fromkeys(fields, forms.RadioSelect)
        # The rest are the model's own words (marked there); these two have none but their names.
        labels = {"sex": _("sex"), "sexual_orientation": _("sexual orientation")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            # Radios offer no blank choice: leaving a question unanswered is the blank.
            field.choices = [choice for choice in field.choices if choice[0] != ""]
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
        self.helper = form_helper(
            *[Field.radios(name, legend_size=Size.SMALL, small=True) for name in self.fields],
            Submit("submit", _("Save answers")),
        )
