"""Forms residents fill in: finding events, booking, asking for a walkabout, raising an issue, suggesting a topic."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fixed, Fluid, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from engagement.forms.fields import LongSelect, email_field
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import AccessNeed, Estate, Ward
from events.models import Event, IssueCategory
from events.models.walkabouts import PHOTO_VALIDATORS
from events.services.bookings import MAX_PLACES_PER_BOOKING

# The kinds residents look for; drop-ins show with their roadshow, door knocking is not listed.
LISTED_KINDS = [
    (kind.value, kind.label) for kind in Event.Kind if kind not in (Event.Kind.DROP_IN, Event.Kind.DOOR_KNOCKING)
]


class FilterDateField(DateInputField):
    """A GOV.UK date input (day, month, year) for a filter: optional, and a date that cannot be is explained."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, required=False, require_all_fields=False, **kwargs)
        self.label_lower = label.lower()
        # Lazy: the field is made when the form class is, before anyone's language is known.
        self.error_messages["incomplete"] = format_lazy(
            _("Enter the {label_lower} date's day, month and year"), label_lower=self.label_lower
        )
        for field, part in zip(self.fields, ("day", "month", "year"), strict=True):
            field.required = True
            field.error_messages["incomplete"] = format_lazy(
                _("Enter the {label_lower} date's {part}"), label_lower=self.label_lower, part=part
            )

    def compress(self, data_list):
        if not any(data_list):
            return None
        try:
            return super().compress(data_list)
        except ValidationError:
            raise ValidationError(
                _("Enter the {label_lower} date as a real date").format(label_lower=self.label_lower), code="invalid"
            ) from None


class WhatsOnFilterForm(PlainTextMixin, forms.Form):
    """Filters for What's on. Read from the query string, so results can be bookmarked and shared."""

    kind = forms.ChoiceField(label=_("Type of event"), choices=[("", "All types")] + LISTED_KINDS, required=False)
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.all(),
        required=False,
        empty_label=_("All estates"),
        widget=LongSelect,
    )
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.all(), required=False, empty_label=_("All wards")
    )
    # One choice per meaning: "any" is not worded like the hybrid format ("In person and online").
    format = forms.ChoiceField(
        label=_("Online or in person"), choices=[("", "Any format")] + Event.Format.choices, required=False
    )
    date_from = FilterDateField(label=_("From"), help_text=_("For example, 27 3 2027"))
    date_to = FilterDateField(label=_("To"))

    def __init__(self, *args, fixed_kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_kind:
            del self.fields["kind"]
        # The training programme is found by topic, volunteering by what volunteers do.
        if fixed_kind == Event.Kind.TRAINING:
            self.fields["training_topic"] = forms.ChoiceField(
                label=_("Topic"), choices=[("", _("All topics"))] + Event.TrainingTopic.choices, required=False
            )
        if fixed_kind == Event.Kind.VOLUNTEERING:
            self.fields["volunteering_activity"] = forms.ChoiceField(
                label=_("What volunteers do"),
                choices=[("", _("Anything"))] + Event.VolunteeringActivity.choices,
                required=False,
            )
        self.helper = form_helper(
            *(["kind"] if "kind" in self.fields else []),
            *[Field.select(name) for name in ("training_topic", "volunteering_activity") if name in self.fields],
            Field.select("estate"),
            Field.select("ward"),
            Field.select("format"),
            Field("date_from"),
            Field("date_to"),
            Submit("", _("Show events"), css_class="govuk-button--secondary"),
            method="get",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_to"] < cleaned["date_from"]:
            self.add_error("date_to", _("The to date must be the same as or after the from date"))
        return cleaned

    def filter(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        for name in ("training_topic", "volunteering_activity"):
            if data.get(name):
                events = events.filter(**{name: data[name]})
        if data.get("estate"):
            events = events.filter(estate=data["estate"])
        if data.get("ward"):
            events = events.filter(estate__ward=data["ward"])
        if data.get("format"):
            events = events.filter(format=data["format"])
        if data.get("date_from"):
            events = events.filter(ends_at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(starts_at__date__lte=data["date_to"])
        return events


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, slot):
        return str(slot)


class BookingForm(PlainTextMixin, forms.Form):
    places = forms.TypedChoiceField(
        label=_("How many people are coming, including you?"),
        choices=[(n, str(n)) for n in range(1, MAX_PLACES_PER_BOOKING + 1)],
        coerce=int,
        initial=1,
        error_messages={"required": _("Select how many people are coming")},
    )
    access_needs = forms.ModelMultipleChoiceField(
        label=_("Do you or anyone coming with you need any of these?"),
        help_text=_("We have filled in what you told us before. Select all that apply."),
        queryset=AccessNeed.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interpreter_language = forms.CharField(
        label=_("If you need an interpreter, for which language? (optional)"), max_length=60, required=False
    )
    access_needs_other = forms.CharField(
        label=_("Anything else we should know so you can take part? (optional)"),
        help_text=_("For example, a quiet space or a seat near the front."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, submit_label="Book your place", slots=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A surgery with one-to-one slots: the resident chooses a time, for themselves alone.
        if slots is not None:
            del self.fields["places"]
            self.fields["slot"] = SlotChoiceField(
                label=_("Choose a time"),
                help_text=_("Each appointment is for one person."),
                queryset=slots,
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={
                    "required": _("Select a time"),
                    "invalid_choice": _("That time has just been taken. Choose another time."),
                },
            )
        self.helper = form_helper(
            Field.radios("slot", legend_size=Size.MEDIUM) if slots is not None else Field.select("places"),
            Field.checkboxes("access_needs", legend_size=Size.SMALL),
            Field.text("interpreter_language", field_width=Fixed.TWENTY),
            Field.textarea("access_needs_other", rows=3),
            Submit("submit", submit_label),
        )

    @staticmethod
    def initial_for(resident) -> dict:
        return {
            "access_needs": list(resident.access_needs.all()),
            "interpreter_language": resident.interpreter_language,
            "access_needs_other": resident.access_needs_other,
        }


class WalkaboutRequestForm(PlainTextMixin, forms.Form):
    estate = forms.ModelChoiceField(
        label=_("Which estate should we walk round?"),
        queryset=Estate.objects.all(),
        empty_label=_("Choose an estate"),
        error_messages={"required": _("Choose the estate")},
    )
    group_name = forms.CharField(
        label=_("Are you asking for a resident group? (optional)"),
        help_text=_("For example, your Tenants and Residents Association."),
        max_length=150,
        required=False,
    )
    what_to_look_at = forms.CharField(
        label=_("What would you like us to look at?"),
        help_text=_("For example, broken lights on the stairs, fly-tipping by the bins, the play area."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Tell us what you would like us to look at")},
    )
    suggested_dates = forms.CharField(
        label=_("When would suit you? (optional)"),
        help_text=_("Days or dates, and times of day, that suit you and your neighbours."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("estate"),
            Field.text("group_name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("what_to_look_at", rows=5, max_characters=2000),
            Field.textarea("suggested_dates", rows=3),
            Submit("submit", _("Send request")),
        )


class IssueForm(PlainTextMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=IssueCategory.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select what the issue is about")},
    )
    estate = forms.ModelChoiceField(
        label=_("Which estate?"),
        queryset=Estate.objects.all(),
        empty_label=_("Choose an estate"),
        error_messages={"required": _("Choose the estate")},
    )
    location = forms.CharField(
        label=_("Where exactly?"),
        help_text=_("For example, “third floor landing, Castell House” or “the bins behind block B”."),
        max_length=250,
        error_messages={"required": _("Tell us where the issue is")},
    )
    description = forms.CharField(
        label=_("What is the issue?"),
        help_text=_("Tell us what is wrong and how long it has been like this."),
        max_length=3000,
        widget=forms.Textarea,
        error_messages={"required": _("Tell us what the issue is")},
    )
    photo = forms.ImageField(
        label=_("Add a photo (optional)"),
        help_text=_("A JPG or PNG, smaller than 5MB."),
        required=False,
        validators=PHOTO_VALIDATORS,
        error_messages={"invalid_image": _("The photo must be a JPG or PNG picture")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("category", legend_size=Size.MEDIUM),
            Field.select("estate"),
            Field.text("location", field_width=Fluid.TWO_THIRDS),
            Field.textarea("description", rows=5, max_characters=3000),
            Field("photo"),
            Submit("submit", _("Send")),
        )


class WorkshopSuggestionForm(PlainTextMixin, forms.Form):
    topic = forms.CharField(
        label=_("What should the workshop be about?"),
        help_text=_("A few words, like “Making repairs appointments work”."),
        max_length=150,
        error_messages={"required": _("Enter a topic")},
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=_("Why it matters and who should be there."),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )

    stakeholder_name = forms.CharField(
        label=_("Your name and organisation"),
        help_text=_("For example, “Sam Lee, Deptford Food Bank”."),
        max_length=150,
        error_messages={"required": _("Enter your name and organisation")},
    )
    stakeholder_email = email_field(help_text=_("We will tell you if a workshop is arranged on your topic."))

    def __init__(self, *args, stakeholder: bool = False, **kwargs):
        """Residents suggest as themselves; a partner organisation without an account gives its details."""
        super().__init__(*args, **kwargs)
        if not stakeholder:
            del self.fields["stakeholder_name"], self.fields["stakeholder_email"]
        self.helper = form_helper(
            Field.text("topic", field_width=Fluid.TWO_THIRDS),
            Field.textarea("details", rows=5, max_characters=2000),
            *(
                [
                    Field.text("stakeholder_name", field_width=Fluid.TWO_THIRDS),
                    Field.text("stakeholder_email", field_width=Fluid.TWO_THIRDS),
                ]
                if stakeholder
                else []
            ),
            Submit("submit", _("Suggest this topic")),
        )
