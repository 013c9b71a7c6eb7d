"""Forms officers use in admin: the event itself, and the pages for actions that tell residents something."""

from datetime import date

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone

from engagement.admin.resident_picker import ResidentChoiceField, residents_to_pick
from engagement.models import AccessNeed, Channel, Estate, Home, Interest, Resident, TenureType
from engagement.phones import normalise_uk_mobile
from events.models import Booking, Event, IssueCategory, Venue, Visit
from events.models.events import validate_event_date
from events.services.bookings import MAX_PLACES_PER_BOOKING
from events.services.door_knocking import DoorstepIssue


def when_field(label: str, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[validate_event_date],
        **kwargs,
    )


def staff_choice(label: str, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, queryset=get_user_model().objects.filter(is_staff=True, is_active=True), required=required
    )


class EventAdminForm(forms.ModelForm):
    eligible_tenure_types = forms.MultipleChoiceField(
        label="Only these tenure types",
        choices=TenureType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked for any tenure.",
    )
    joining_link = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For online and hybrid events. Shown only to registered residents.",
    )

    starts_at = when_field("Starts")
    ends_at = when_field("Ends")

    class Meta:
        model = Event
        fields = "__all__"

    def clean_reminder_hours_before(self):
        hours = self.cleaned_data["reminder_hours_before"]
        if hours > settings.EVENTS_MAX_REMINDER_HOURS:
            raise forms.ValidationError(f"Reminders can go at most {settings.EVENTS_MAX_REMINDER_HOURS} hours before.")
        return hours

    def clean_status(self):
        status = self.cleaned_data["status"]
        before = self.instance.status if self.instance.pk else None
        if status == Event.Status.CANCELLED and before != Event.Status.CANCELLED:
            raise forms.ValidationError("Use “Cancel this event” so everyone booked is told why.")
        if before == Event.Status.CANCELLED and status != Event.Status.CANCELLED:
            raise forms.ValidationError("A cancelled event stays cancelled: copy it to hold it again.")
        return status


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="Sent to everyone booked, offered a place or waiting, and shown on the event page.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoadshowPlanForm(forms.Form):
    year = forms.IntegerField(min_value=2024, max_value=2100)
    senior_leader = forms.CharField(
        label="Senior leader presenting",
        max_length=150,
        help_text="Name and role, e.g. “Jo Smith, Director of Housing”.",
    )
    lead_officer = staff_choice("Lead officer", required=False)
    capacity = forms.IntegerField(label="Places at each roadshow", min_value=1, required=False)


class RoadshowSessionForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_event_date])
    starts = forms.TimeField(initial="18:00", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(initial="19:30", widget=forms.TimeInput(attrs={"type": "time"}))
    format = forms.ChoiceField(choices=Event.Format.choices)
    venue = forms.ModelChoiceField(queryset=Venue.objects.all(), required=False, help_text="In person only.")
    joining_link = forms.URLField(required=False, assume_scheme="https", help_text="Online only; can be added later.")
    drop_in = forms.BooleanField(label="With a drop-in before", required=False, initial=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") in (Event.Format.IN_PERSON, Event.Format.HYBRID) and not cleaned.get("venue"):
            self.add_error("venue", "Choose a venue for an in-person roadshow.")
        if cleaned.get("starts") and cleaned.get("ends") and cleaned["ends"] <= cleaned["starts"]:
            self.add_error("ends", "The end must be after the start.")
        return cleaned


RoadshowSessionFormSet = formset_factory(RoadshowSessionForm, extra=0, min_num=1, validate_min=True)


class BookOnBehalfForm(forms.Form):
    """An officer booking a place for a resident who phoned, wrote or asked in person."""

    how_asked = forms.ChoiceField(
        label="How they asked",
        choices=[choice for choice in Booking.HowAsked.choices if choice[0] != Booking.HowAsked.ONLINE],
        widget=forms.RadioSelect,
    )
    places = forms.TypedChoiceField(
        label="How many are coming, including them",
        choices=[(number, number) for number in range(1, MAX_PLACES_PER_BOOKING + 1)],
        coerce=int,
        initial=1,
    )
    access_needs = forms.ModelMultipleChoiceField(
        queryset=AccessNeed.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    interpreter_language = forms.CharField(label="Interpreter for", max_length=60, required=False)
    access_needs_other = forms.CharField(
        label="Other access needs", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    waiting_list = forms.BooleanField(
        label="If there are not enough places, put them on the waiting list", required=False
    )

    field_order = ["resident", "how_asked", "places", "access_needs", "interpreter_language", "access_needs_other"]

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"] = ResidentChoiceField(
            widget=AutocompleteSelect(Booking._meta.get_field("resident"), admin_site),
            help_text="Search by name, estate, address or tenancy reference. Check the address with them.",
        )
        self.order_fields(self.field_order)


class LinkWalkInForm(forms.Form):
    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"] = ResidentChoiceField(
            label="Their resident record",
            widget=AutocompleteSelect(Booking._meta.get_field("resident"), admin_site),
            help_text="Search by name, estate, address or tenancy reference.",
        )


class CheckInForm(forms.Form):
    code = forms.CharField(label="Booking code", max_length=10)


class WalkInForm(forms.Form):
    resident = forms.CharField(
        label="Existing resident: email address or tenancy reference", required=False, max_length=254
    )
    name = forms.CharField(label="Or, someone without an account: name", required=False, max_length=150)
    estate = forms.ModelChoiceField(label="and their estate", queryset=Estate.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        lookup = cleaned.get("resident", "").strip()
        cleaned["resident"] = None
        if lookup:
            match = Resident.objects.filter(email__iexact=lookup) | Resident.objects.filter(
                tenancy__reference__iexact=lookup
            )
            found = list(match[:2])
            if len(found) != 1:
                self.add_error("resident", "No single resident has that email address or tenancy reference.")
            else:
                cleaned["resident"] = found[0]
        elif not cleaned.get("name", "").strip():
            self.add_error("name", "Give an existing resident's details, or a name and estate.")
        return cleaned


class WalkaboutScheduleForm(forms.Form):
    starts_at = when_field("Starts")
    ends_at = when_field("Ends")
    designated_contact = staff_choice("Designated contact (matched to the issues raised)")
    lead_officer = staff_choice("Lead officer", required=False)
    venue = forms.ModelChoiceField(
        label="Meeting point", queryset=Venue.objects.all(), required=False, help_text="Optional: where to meet."
    )
    capacity = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] <= cleaned["starts_at"]:
            self.add_error("ends_at", "The end must be after the start.")
        return cleaned


class WalkaboutDeclineForm(forms.Form):
    reply = forms.CharField(
        label="Reply to the resident",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why it is not going ahead, and what happens instead.",
    )


class WorkshopFromSuggestionForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    starts_at = when_field("Starts")
    ends_at = when_field("Ends")
    format = forms.ChoiceField(choices=Event.Format.choices)
    venue = forms.ModelChoiceField(queryset=Venue.objects.all(), required=False)
    joining_link = forms.URLField(required=False, assume_scheme="https")
    capacity = forms.IntegerField(min_value=1, required=False)
    lead_officer = staff_choice("Lead officer", required=False)


class VisitForm(forms.Form):
    home = forms.ModelChoiceField(queryset=Home.objects.none(), required=False)
    resident = ResidentChoiceField(
        label="Resident spoken to",
        queryset=Resident.objects.none(),
        required=False,
        help_text="Someone we know. For someone new who signs up, fill in their details below instead.",
    )
    outcome = forms.ChoiceField(choices=Visit.Outcome.choices, widget=forms.RadioSelect)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    first_name = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    email = forms.EmailField(required=False)
    mobile = forms.CharField(required=False, max_length=16)
    interests = forms.ModelMultipleChoiceField(
        queryset=Interest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Signed up: what they would like to hear about.",
    )
    consent_channels = forms.MultipleChoiceField(
        label="They agreed to hear about ways to get involved by",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    date_of_birth = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="If the resident gave it: it goes on their record, and older residents are visited first in winter.",
    )
    issue_category = forms.ModelChoiceField(
        label="Issue raised: what it is about",
        queryset=IssueCategory.objects.all(),
        required=False,
        help_text="It is logged as an issue, owned by the category's contact, with its target date.",
    )
    issue_description = forms.CharField(
        label="Issue raised: what it is", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    issue_location = forms.CharField(
        label="Issue raised: where", max_length=250, required=False, help_text="Leave empty for the home's address."
    )

    def __init__(self, *args, estate: Estate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = Home.objects.filter(block__estate=estate).select_related("block")
        self.fields["resident"].queryset = residents_to_pick().filter(tenancy__home__block__estate=estate)

    def clean_mobile(self):
        mobile = self.cleaned_data.get("mobile", "").strip()
        return normalise_uk_mobile(mobile) if mobile else ""

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("first_name") or cleaned.get("last_name")
        if new and cleaned.get("resident"):
            self.add_error("first_name", "Choose a resident we know, or give a new person's name: not both.")
        if new and not (cleaned.get("first_name") and cleaned.get("last_name")):
            self.add_error("last_name", "Give the new person's first and last name.")
        if cleaned.get("outcome") == Visit.Outcome.SIGNED_UP and not (cleaned.get("resident") or new):
            self.add_error("resident", "Someone who signed up: choose them, or give a new person's name.")
        born = cleaned.get("date_of_birth")
        if born and not (cleaned.get("resident") or new):
            self.add_error("date_of_birth", "Choose the resident who gave it, or give a new person's name.")
        elif born and not date(1900, 1, 1) <= born <= timezone.localdate():
            self.add_error("date_of_birth", "Enter a date of birth in the past.")
        if cleaned.get("outcome") == Visit.Outcome.ISSUE_RAISED:
            if not cleaned.get("issue_category"):
                self.add_error("issue_category", "Choose what the issue is about.")
            if not cleaned.get("issue_description", "").strip():
                self.add_error("issue_description", "Say what the issue is.")
        return cleaned

    def issue(self) -> DoorstepIssue | None:
        data = self.cleaned_data
        if data["outcome"] != Visit.Outcome.ISSUE_RAISED:
            return None
        return DoorstepIssue(
            category=data["issue_category"],
            description=data["issue_description"].strip(),
            location=data["issue_location"].strip(),
        )

    def new_person(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("first_name"):
            return None
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data.get("email", ""),
            "mobile": data.get("mobile", ""),
        }


class MeetingEventForm(forms.ModelForm):
    """The when and where of a meeting that is an event (panel and TRA meetings), edited with the meeting.

    Subclasses name their model in Meta, set `event_kind`, and give `event_fields()`: the event's
    fields as their service would set them, so the event's own rules are checked on this form.
    """

    WHEN_AND_WHERE = ("starts_at", "ends_at", "format", "venue", "joining_link")
    event_kind = ""

    # The browser's own date and time picker, and a plain list of venues: both labelled for screen readers.
    starts_at = when_field("Starts")
    ends_at = when_field("Ends")
    format = forms.ChoiceField(choices=Event.Format.choices, initial=Event.Format.IN_PERSON)
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.all(),
        required=False,
        help_text="For meetings in person. Add a new venue under Events if it is not listed.",
    )
    # Joining links are https; an officer pasting "meet.example.gov.uk/…" means that.
    joining_link = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For online meetings. Shown only to those who have said they are coming, never publicly.",
    )

    def show_event(self, event: Event, editable: list[str]) -> None:
        """Fill the form from the meeting's event; a cancelled meeting's `editable` fields stay as they were."""
        for name in self.WHEN_AND_WHERE:
            self.initial[name] = getattr(event, name)
        if event.status == Event.Status.CANCELLED:
            for name in editable:
                self.fields[name].disabled = True

    def event_fields(self) -> dict:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if all(name in cleaned for name in ("starts_at", "ends_at", "format")):
            # The event's own rules (an end after the start, a venue for meetings in person), said here.
            try:
                Event(kind=self.event_kind, **self.event_fields()).clean()
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, problems)
        return cleaned


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label="Name, booking code or address", required=False, max_length=100)


class StaffCalendarForm(forms.Form):
    """What the staff calendar shows: a month or a week around a day, narrowed by kind, estate and officer."""

    view = forms.ChoiceField(choices=[("month", "Month"), ("week", "Week")], required=False)
    on = forms.DateField(label="Showing", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Kind", required=False)
    estate = forms.ModelChoiceField(label="Estate", queryset=Estate.objects.order_by("name"), required=False)
    officer = forms.ModelChoiceField(
        label="Officer",
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email"),
        required=False,
        help_text="Leading it, the contact for it, or the housing officer holding it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *Event.Kind.choices]
        self.fields["estate"].empty_label = "All estates"
        self.fields["officer"].empty_label = "All officers"
