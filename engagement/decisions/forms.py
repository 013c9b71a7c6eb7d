from crispy_forms_gds.layout import Field, Fixed, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.decisions.models import Status, Topic
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import Estate, Ward


class RegisterFilterForm(PlainTextMixin, forms.Form):
    """Filters for the public register. Read from the query string, so a filtered list can be shared."""

    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.all(), required=False, empty_label=_("All wards")
    )
    estate = forms.ModelChoiceField(
        label=_("Estate"), queryset=Estate.objects.all(), required=False, empty_label=_("All estates")
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("All topics")), *Topic.choices], required=False)
    status = forms.ChoiceField(label=_("Where it stands"), choices=[("", _("Any")), *Status.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("ward"),
            Field.select("estate"),
            Field.select("topic"),
            Field.select("status"),
            Submit("", _("Show decisions"), css_class="govuk-button--secondary"),
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
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.all(), required=False, empty_label=_("All wards")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("year", field_width=Fixed.FOUR),
            Field.select("ward"),
            Submit("", _("Choose"), css_class="govuk-button--secondary"),
            method="get",
        )
