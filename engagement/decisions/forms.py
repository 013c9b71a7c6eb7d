from crispy_forms_gds.layout import Field, Fixed, Submit
from django import forms

from engagement.decisions.models import Status, Topic
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import Estate, Ward


class RegisterFilterForm(PlainTextMixin, forms.Form):
    """Filters for the public register. Read from the query string, so a filtered list can be shared."""

    ward = forms.ModelChoiceField(label="Ward", queryset=Ward.objects.all(), required=False, empty_label="All wards")
    estate = forms.ModelChoiceField(
        label="Estate", queryset=Estate.objects.all(), required=False, empty_label="All estates"
    )
    topic = forms.ChoiceField(label="Topic", choices=[("", "All topics"), *Topic.choices], required=False)
    status = forms.ChoiceField(label="Where it stands", choices=[("", "Any"), *Status.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("ward"),
            Field.select("estate"),
            Field.select("topic"),
            Field.select("status"),
            Submit("", "Show decisions", css_class="govuk-button--secondary"),
            method="get",
        )

    def filter(self, decisions):
        if not self.is_valid():
            return decisions
        data = self.cleaned_data
        if data.get("ward"):
            decisions = decisions.for_ward(data["ward"])
        if data.get("estate"):
            decisions = decisions.filter(estates=data["estate"]).distinct()
        if data.get("topic"):
            decisions = decisions.filter(topic=data["topic"])
        if data.get("status"):
            decisions = decisions.filter(status=data["status"])
        return decisions


class EvidenceForm(PlainTextMixin, forms.Form):
    year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)
    ward = forms.ModelChoiceField(label="Ward", queryset=Ward.objects.all(), required=False, empty_label="All wards")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("year", field_width=Fixed.FOUR),
            Field.select("ward"),
            Submit("", "Choose", css_class="govuk-button--secondary"),
            method="get",
        )
