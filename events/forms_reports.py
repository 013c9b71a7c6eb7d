"""The attendance report's filters (community relations)."""

from crispy_forms_gds.layout import Field, Fixed, Submit
from django import forms

from engagement.forms.fields import LongSelect
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import Estate, Ward
from events.models import Event
from events.services.reports import ReportFilters


class AttendanceReportForm(PlainTextMixin, forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Type of event", choices=[("", "All types")] + Event.Kind.choices, required=False)
    estate = forms.ModelChoiceField(
        label="Estate",
        queryset=Estate.objects.all(),
        required=False,
        empty_label="All estates",
        widget=LongSelect,
    )
    ward = forms.ModelChoiceField(label="Ward", queryset=Ward.objects.all(), required=False, empty_label="All wards")
    event = forms.IntegerField(label="Event number", required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("date_from", field_width=Fixed.TEN),
            Field.text("date_to", field_width=Fixed.TEN),
            Field.select("kind"),
            Field.select("estate"),
            Field.select("ward"),
            Field.text("event", field_width=Fixed.FIVE),
            Submit("", "Show", css_class="govuk-button--secondary"),
            method="get",
        )

    def filters(self) -> ReportFilters:
        if not self.is_bound or not self.is_valid():
            return ReportFilters()
        data = self.cleaned_data
        return ReportFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            kind=data.get("kind") or "",
            estate_id=data["estate"].pk if data.get("estate") else None,
            ward_id=data["ward"].pk if data.get("ward") else None,
            event_ids=(data["event"],) if data.get("event") else (),
        )
