"""The audience picker officers use wherever something goes to many residents (bulk sends, surveys)."""

from django import forms

from engagement.messaging.audience import Audience, ContactDetails
from engagement.models import Block, Estate, Interest, Purpose, TenureType, Ward


class ResidentIdsField(forms.CharField):
    """Residents chosen on the residents list, carried through the form as "4,17,23"."""

    widget = forms.HiddenInput

    def prepare_value(self, value):
        return ",".join(str(pk) for pk in value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        return [int(part) for part in str(value or "").split(",") if part.strip().isdigit()]


class AudienceFields(forms.Form):
    """Mix into a form (or ModelForm) to pick an Audience; `audience(purpose=…)` builds it."""

    AUDIENCE_FIELDS = ("estates", "wards", "blocks", "tenure_types", "interests", "contact_details", "letter_fallback")

    estates = forms.ModelMultipleChoiceField(Estate.objects.all(), required=False)
    wards = forms.ModelMultipleChoiceField(Ward.objects.all(), required=False)
    blocks = forms.ModelMultipleChoiceField(Block.objects.select_related("estate"), required=False)
    tenure_types = forms.MultipleChoiceField(
        choices=TenureType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    interests = forms.ModelMultipleChoiceField(
        Interest.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only residents who said they are interested in one of these. Leave empty for everyone.",
    )
    contact_details = forms.ChoiceField(
        label="Who to include", choices=ContactDetails.choices, initial=ContactDetails.ANY, widget=forms.RadioSelect
    )
    letter_fallback = forms.BooleanField(
        label="Send a letter to residents with no email address or mobile number",
        required=False,
        help_text="Only to residents who have not said no to letters. Letters cost money: use for small consultations.",
    )

    chosen_residents = ResidentIdsField(required=False)

    def audience(self, *, purpose: str = Purpose.ENGAGEMENT) -> Audience:
        picked = {name: self.cleaned_data[name] for name in (*self.AUDIENCE_FIELDS, "chosen_residents")}
        for name in ("estates", "wards", "blocks", "interests"):  # kept by id
            picked[name] = [chosen.pk for chosen in picked[name]]
        return Audience(**picked, purpose=purpose)

    def start_audience_from(self, query) -> None:
        """Pick the estates, wards or blocks named in a link (?estates=4&estates=7); unknown ids are ignored."""
        for name in ("estates", "wards", "blocks"):
            ids = [value for value in query.getlist(name) if value.isdigit()]
            if ids:
                self.fields[name].initial = list(
                    self.fields[name].queryset.filter(pk__in=ids).values_list("pk", flat=True)
                )

    def show_audience(self, audience: Audience) -> None:
        """Fill the picker from a stored audience."""
        for name in self.AUDIENCE_FIELDS:
            self.fields[name].initial = getattr(audience, name)
