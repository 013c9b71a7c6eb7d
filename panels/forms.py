"""The resident's application form, and the withdraw confirmation."""

from crispy_forms_gds.layout import Button, Div, Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import PlainTextMixin, form_helper
from panels.models import PanelApplication, Seat

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class ApplicationForm(PlainTextMixin, forms.ModelForm):
    """Why they want to join, experience, availability, access needs and training.

    Saved as a draft, nothing is required: the resident can come back to it. Sent, the
    questions a panel's officers need are required.
    """

    REQUIRED_TO_SEND = {
        "seat": _("Select the seat you are applying for"),
        "why_join": _("Tell us why you would like to join"),
        "availability": _("Tell us when you are free to take part"),
        "wants_training": _("Select yes if you would like training"),
    }

    seat = forms.ChoiceField(
        label=_("Which seat are you applying for?"),
        choices=Seat.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    wants_training = forms.TypedChoiceField(
        label=_("Would you like training to help you take part?"),
        help_text=_("For example, on how the panel works, reading performance reports or chairing meetings."),
        choices=YES_NO,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )

    class Meta:
        model = PanelApplication
        fields = ["seat", "why_join", "experience", "availability", "access_needs", "wants_training"]
        labels = {
            "why_join": _("Why would you like to join?"),
            "experience": _("Tell us about any experience that would help (optional)"),
            "availability": _("When are you free to take part?"),
            "access_needs": _("What would help you take part? (optional)"),
        }
        help_texts = {
            "why_join": _("In your own words. There are no right answers."),
            "experience": _("From your life, work or volunteering. You do not need any to apply."),
            "availability": _("For example, weekday evenings, or online only."),
            "access_needs": _("We have started this from the access needs in your account. Change it if you need to."),
        }

    def __init__(self, *args, seats: list[str], sending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        labels = dict(Seat.choices)
        self.fields["seat"].choices = [(seat, labels[seat]) for seat in seats]
        if sending:
            for name, message in self.REQUIRED_TO_SEND.items():
                # With one seat on offer there is no question to answer: clean_seat fills it in.
                self.fields[name].required = name != "seat" or len(seats) > 1
                self.fields[name].error_messages["required"] = message
        for name in ("why_join", "experience", "availability", "access_needs"):
            self.fields[name].error_messages["max_length"] = _("Write 2000 characters or fewer")
        if self.instance.wants_training is not None and not self.is_bound:
            self.initial["wants_training"] = "yes" if self.instance.wants_training else "no"

        layout = [
            Field.textarea("why_join", rows=5, max_characters=2000),
            Field.textarea("experience", rows=5, max_characters=2000),
            Field.textarea("availability", rows=3, max_characters=2000),
            Field.textarea("access_needs", rows=3, max_characters=2000),
            Field.radios("wants_training", legend_size=Size.SMALL, inline=True),
            Div(
                Button("send", _("Send application")),
                Button.secondary("save_draft", "Save and come back later"),
                css_class="govuk-button-group",
            ),
        ]
        if len(seats) > 1:
            layout.insert(0, Field.radios("seat", legend_size=Size.SMALL))
        else:
            self.fields["seat"].widget = forms.HiddenInput()
            self.initial["seat"] = seats[0]
        self.helper = form_helper(*layout)

    def clean_seat(self):
        # One seat on offer needs no question: it is that one.
        return self.cleaned_data.get("seat") or (self.seats[0] if len(self.seats) == 1 else "")

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}
