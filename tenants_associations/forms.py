"""Forms residents and committee members fill in. GOV.UK patterns through crispy-forms-gds."""

import re
from datetime import datetime, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fixed, Fluid, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from engagement.forms.fields import LongSelect, email_field, message_field, your_name_field
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import Estate, Ward
from events.models.events import validate_event_date
from tenants_associations.directory import postcode_search
from tenants_associations.documents import MAX_DOCUMENT_BYTES, size_in_words, validate_document
from tenants_associations.models import CommunityRoom, TRADocument, TRAMeeting
from tenants_associations.services.meetings import MeetingDetails
from tenants_associations.services.rooms import RoomRequest


class DirectorySearchForm(PlainTextMixin, forms.Form):
    """The directory's filters. A GET form, so a search can be bookmarked and works without JavaScript."""

    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("A full postcode, like SE6 4RU, or the first part, like SE6."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.all(), required=False, empty_label=_("All wards")
    )
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.all(),
        required=False,
        empty_label=_("All estates"),
        widget=LongSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A search: no button name, so the address carries only what was searched for.
        self.helper = form_helper(
            Field.text("postcode", field_width=Fixed.TEN),
            Field.select("ward"),
            Field.select("estate"),
            Submit("", _("Search")),
            method="get",
        )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        return postcode_search(value) if value else None


class JoinForm(PlainTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Anything you want the committee to know? (optional)"),
        required=False,
        max_length=1000,
        help_text=_("For example, how you would like to help. Do not include personal details like bank details."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("What you tell the committee must be 1000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("note", max_characters=1000), submit="Ask to join")


class ContactCommitteeForm(PlainTextMixin, forms.Form):
    name = your_name_field()
    email = email_field(help_text=_("The committee will reply to this address."))
    message = message_field(
        max_length=2000,
        help_text=_("For repairs and other housing problems, contact the council: the TRA cannot fix them for you."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.textarea("message", rows=6, max_characters=2000),
            submit="Send message",
        )


class StartInterestForm(PlainTextMixin, forms.Form):
    could_help = forms.TypedChoiceField(
        label=_("Could you help run it?"),
        help_text=_("For example by standing for the committee. You can change your mind later."),
        choices=[("yes", _("Yes")), ("no", _("No, but I would like to join"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you could help run the TRA")},
    )
    note = forms.CharField(
        label=_("What would you like a TRA on your estate to do? (optional)"),
        required=False,
        max_length=1000,
        help_text=_("This helps the officers who organise the first meeting."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Your answer must be 1000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("could_help", legend_size=Size.MEDIUM),
            Field.textarea("note", max_characters=1000),
            submit="Register interest",
        )


class DecisionForm(PlainTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you accept this request?"),
        choices=[("accept", _("Yes, accept them as a member")), ("decline", _("No, decline the request"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you accept the request")},
    )
    reason = forms.CharField(
        label=_("If you decline, tell them why (optional)"),
        required=False,
        max_length=1000,
        help_text=_("We send this to the resident."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The reason must be 1000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("reason", max_characters=1000),
            submit="Save and continue",
        )


class NoticeForm(PlainTextMixin, forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={
            "required": _("Enter a subject"),
            "max_length": _("The subject must be 150 characters or fewer"),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=3000,
        help_text=_("It goes by email, or by text or letter to members without email."),
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter your message"),
            "max_length": _("Your message must be 3000 characters or fewer"),
        },
    )

    def __init__(self, *args, submit: str = "Send", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("subject", field_width=Fluid.TWO_THIRDS),
            Field.textarea("body", rows=8, max_characters=3000),
            submit=submit,
        )


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class TimeOfDayField(forms.CharField):
    """A time typed the way people write it: 7pm, 7:30pm, 19:30."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = _TIME.match(value.strip().lower().replace(" ", ""))
        if not found:
            raise ValidationError(_("Enter a time, like 7pm or 19:30"), code="invalid_time")
        hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(_("Enter a time, like 7pm or 19:30"), code="invalid_time")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(_("Enter a time, like 7pm or 19:30"), code="invalid_time")
        return time(hour, minute)


class MeetingTimesForm(PlainTextMixin, forms.Form):
    """What kind of meeting and when, and what else people should know: what adding a meeting and booking
    a room for one both ask. The start must be in the future; with no finish time a meeting lasts 2 hours."""

    kind = forms.ChoiceField(
        label=_("What kind of meeting?"),
        choices=[
            (kind, kind.label) for kind in (TRAMeeting.Kind.GENERAL, TRAMeeting.Kind.AGM, TRAMeeting.Kind.COMMITTEE)
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of meeting it is")},
    )
    date = DateInputField(label=_("Date"), help_text=_("For example, 27 3 2026"), require_all_fields=False)
    time = TimeOfDayField(
        label=_("Start time"),
        max_length=10,
        help_text=_("For example, 7pm or 19:30"),
        error_messages={"required": _("Enter the start time")},
    )
    end_time = TimeOfDayField(
        label=_("Finish time (optional)"),
        required=False,
        max_length=10,
        help_text=_("For example, 9pm. If you leave it empty we say it lasts 2 hours."),
    )
    notes = forms.CharField(
        label=_("Anything else people should know (optional)"),
        required=False,
        max_length=1000,
        help_text=_("For example, the agenda, or step-free access."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tell_people = forms.BooleanField(
        label=_("Tell members about it by email, text or letter"),
        required=False,
        help_text=_(
            "For general meetings and AGMs, with a link to say they are coming. "
            "The committee is always invited to committee meetings."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages.update(
            {"required": _("Enter the date of the meeting"), "incomplete": _("Enter the date of the meeting")}
        )

    def clean(self):
        cleaned = super().clean()
        day, at, until = cleaned.get("date"), cleaned.get("time"), cleaned.get("end_time")
        if day and at:
            starts_at = timezone.make_aware(datetime.combine(day, at))
            try:
                validate_event_date(starts_at)
            except ValidationError as error:
                self.add_error("date", error)
            if starts_at < timezone.now():
                self.add_error("date", _("The meeting must be in the future"))
            cleaned["starts_at"] = starts_at
            cleaned["ends_at"] = None
            if until is not None:
                if until <= at:
                    self.add_error("end_time", _("The finish time must be after the start time"))
                cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, until))
        return cleaned


class MeetingForm(MeetingTimesForm):
    place = forms.CharField(
        label=_("Where"),
        max_length=150,
        help_text=_("For example, Foreshore House community room"),
        error_messages={"required": _("Enter where the meeting is")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field("date"),
            Field.text("time", field_width=Fixed.FIVE),
            Field.text("end_time", field_width=Fixed.FIVE),
            Field.text("place", field_width=Fluid.TWO_THIRDS),
            Field.textarea("notes", max_characters=1000),
            Field.checkbox("tell_people"),
            submit="Add meeting",
        )

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            starts_at=data["starts_at"], ends_at=data["ends_at"], place=data["place"], notes=data["notes"]
        )


class CancelMeetingForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled? (optional)"),
        required=False,
        max_length=500,
        help_text=_("We send this to everyone who said they are coming, and show it on the meeting's page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page has its own buttons: cancel it, or keep it.
        self.helper = form_helper(Field.textarea("reason", max_characters=500))


class DocumentForm(PlainTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("For example, Constitution (adopted at the 2025 AGM)"),
        error_messages={"required": _("Enter a title for the document")},
    )
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[("", _("Choose one")), *TRADocument.Kind.choices],
        error_messages={"required": _("Select what the document is")},
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it?"),
        choices=TRADocument.Visibility.choices,
        initial=TRADocument.Visibility.PUBLIC,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who can see the document")},
    )
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=format_lazy(
            _("A PDF, Word, Excel, PowerPoint or OpenDocument file, smaller than {size}."),
            size=size_in_words(MAX_DOCUMENT_BYTES),
        ),
        validators=[validate_document],
        error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field.select("kind"),
            Field.radios("visibility", legend_size=Size.SMALL),
            Field("file"),
            submit="Upload document",
        )


class RoomBookingForm(MeetingTimesForm):
    """Book a community room for a meeting: which room, what meeting, when. The service checks the rest
    (open then, not already booked) and the view puts what it says at the field."""

    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=CommunityRoom.objects.none(),
        empty_label=_("Choose a room"),
        error_messages={"required": _("Choose a room"), "invalid_choice": _("Choose a room from the list")},
    )
    # A room is booked until a set time.
    end_time = TimeOfDayField(
        label=_("Finish time"),
        max_length=10,
        help_text=_("For example, 9pm"),
        error_messages={"required": _("Enter the finish time")},
    )
    field_order = ["room"]

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: (
            _("%(room)s, %(centre)s (seats %(capacity)s)")
            % {
                "room": room.name,
                "centre": room.centre.name,
                "capacity": room.capacity,
            }
        )
        self.helper = form_helper(
            Field.select("room"),
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field("date"),
            Field.text("time", field_width=Fixed.FIVE),
            Field.text("end_time", field_width=Fixed.FIVE),
            Field.textarea("notes", max_characters=1000),
            Field.checkbox("tell_people"),
            submit=_("Book the room"),
        )

    def room_request(self) -> RoomRequest:
        data = self.cleaned_data
        return RoomRequest(
            room=data["room"],
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            notes=data["notes"],
            tell_people=data["tell_people"],
        )
