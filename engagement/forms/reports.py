"""The reach and diversity report's filters (community relations)."""

import calendar
from datetime import date, datetime, time

from crispy_forms_gds.layout import Field, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import Ward

PERIODS = [("3", "Last 3 months"), ("6", "Last 6 months"), ("12", "Last 12 months"), ("24", "Last 24 months")]
DEFAULT_MONTHS = 12
SORTS = [("share", "Lowest involvement first"), ("estate", "Estate name"), ("ward", "Ward, then estate")]


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ReachReportForm(PlainTextMixin, forms.Form):
    months = forms.TypedChoiceField(
        label=_("Involved in the"), choices=PERIODS, coerce=int, initial=str(DEFAULT_MONTHS), required=False
    )
    ward = forms.ModelChoiceField(
        label=_("Ward"), queryset=Ward.objects.all(), required=False, empty_label=_("All wards")
    )
    sort = forms.ChoiceField(label=_("Order estates by"), choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("months"),
            Field.select("ward"),
            Field.select("sort"),
            Submit("", _("Show"), css_class="govuk-button--secondary"),
            method="get",
        )

    def _value(self, name, default):
        if not self.is_bound or not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default

    def since(self, today: date | None = None) -> datetime:
        """The start of the period: midnight, local time, so many months before today."""
        start = months_before(today or timezone.localdate(), self._value("months", DEFAULT_MONTHS))
        return timezone.make_aware(datetime.combine(start, time.min))

    @property
    def ward_id(self) -> int | None:
        ward = self._value("ward", None)
        return ward.pk if ward else None

    @property
    def sort_by(self) -> str:
        return self._value("sort", "share")
