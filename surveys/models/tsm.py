"""The Tenant Satisfaction Measures layer over an ordinary survey.

A TSM survey is a `Survey` built from the regulator's wording (surveys/tsm/wording.py), answered,
invited and entered like any other; `TsmSurvey` adds what the regulator asks about it (the year, how
it was sampled, the stock it speaks for, the summary of approach) and `TsmQuestion` says which of its
questions asks which measure. Management information measures are figures officers enter each year.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate, Tenancy, TsmStockGroup
from surveys.models.surveys import Question, Survey
from surveys.tsm.wording import FILTERS, MANAGEMENT_MEASURES, PERCEPTION_MEASURES


def reporting_year_label(year: int) -> str:
    """The regulator's years run April to March: 2026 is "2026/27"."""
    return f"{year}/{(year + 1) % 100:02d}"


class TsmSurvey(models.Model):
    class Method(models.TextChoices):
        CENSUS = "census", _("Census: every LCRA and LCHO household is invited")
        STRATIFIED_SAMPLE = "stratified_sample", _("Random sample, stratified by tenure and estate")

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="tsm")
    year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(2023), MaxValueValidator(2100)],
        help_text="The reporting year, April to March: 2026 means 2026/27.",
    )
    landlord_name = models.CharField(max_length=120, help_text="Put in the questions where they say [your landlord].")
    minutes = models.PositiveSmallIntegerField(
        default=10, help_text="How long the survey takes, told to tenants before the first question."
    )
    method = models.CharField(max_length=30, choices=Method.choices, default=Method.CENSUS)
    lcra_homes = models.PositiveIntegerField(
        "LCRA homes", default=0, help_text="Low-cost rental homes the survey speaks for (from the tenancy list)."
    )
    lcho_homes = models.PositiveIntegerField(
        "LCHO homes", default=0, help_text="Low-cost home ownership homes the survey speaks for."
    )
    lcra_margin = models.DecimalField(
        "LCRA margin of error to aim for (± percentage points)", max_digits=3, decimal_places=1, default=4
    )
    lcho_margin = models.DecimalField(
        "LCHO margin of error to aim for (± percentage points)", max_digits=3, decimal_places=1, default=5
    )
    expected_response_rate = models.PositiveSmallIntegerField(
        "expected response rate (%)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Sample only: how many of those invited you expect to answer, to know how many to invite.",
    )
    sampled_at = models.DateTimeField(null=True, blank=True)
    weighted = models.BooleanField(
        "weight the results by tenure and age",
        default=False,
        help_text="Where those who answered are skewed. Both figures are shown; the weighted one is reported.",
    )
    contractor = models.CharField(
        "external contractor", max_length=200, blank=True, help_text="Empty: the council ran the survey itself."
    )
    incentives = models.TextField(blank=True, help_text="Any incentive offered to answer. Empty: none.")
    excluded_households = models.PositiveIntegerField(
        default=0, help_text="Households left out of the survey in exceptional circumstances."
    )
    exclusion_reasons = models.TextField(blank=True)
    other_issues = models.TextField(
        "other methodological issues", blank=True, help_text="Anything that may affect comparison with earlier years."
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the results go on the public Tenant Satisfaction Measures page."
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = "Tenant Satisfaction Measures survey"

    def __str__(self):
        return f"Tenant Satisfaction Measures {self.year_label}"

    @property
    def year_label(self) -> str:
        return reporting_year_label(self.year)

    def homes(self, group: str) -> int:
        return self.lcra_homes if group == TsmStockGroup.LCRA else self.lcho_homes

    def margin(self, group: str):
        return self.lcra_margin if group == TsmStockGroup.LCRA else self.lcho_margin


QUESTION_CODES = [(measure.code, f"{measure.code} {measure.name}") for measure in PERCEPTION_MEASURES] + [
    (f"filter:{item.code}", f"Filter: {item.code}") for item in FILTERS
]


class TsmQuestion(models.Model):
    """Which question of the survey asks which measure (or which filter question it is)."""

    tsm_survey = models.ForeignKey(TsmSurvey, on_delete=models.CASCADE, related_name="questions")
    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="tsm")
    code = models.CharField(max_length=20, choices=QUESTION_CODES)

    class Meta:
        constraints = [models.UniqueConstraint("tsm_survey", "code", name="one_question_per_tsm_code")]

    def __str__(self):
        return self.code


class TsmSampleMember(models.Model):
    """A household drawn in a stratified random sample: only these are invited."""

    tsm_survey = models.ForeignKey(TsmSurvey, on_delete=models.CASCADE, related_name="sample")
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="+")
    stock_group = models.CharField(max_length=10, choices=TsmStockGroup.choices)
    estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint("tsm_survey", "tenancy", name="one_sample_place_per_tenancy")]

    def __str__(self):
        return f"{self.tenancy} in {self.tsm_survey}"


MANAGEMENT_CODES = [(measure.code, f"{measure.code} {measure.name}") for measure in MANAGEMENT_MEASURES]


class ManagementInformation(models.Model):
    """One management information measure for one reporting year, as officers enter it."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2023), MaxValueValidator(2100)],
        help_text="The reporting year, April to March: 2026 means 2026/27.",
    )
    code = models.CharField("measure", max_length=10, choices=MANAGEMENT_CODES)
    numerator = models.PositiveIntegerField("count")
    denominator = models.PositiveIntegerField("out of")
    target_timescale = models.CharField(
        max_length=200, blank=True, help_text="RP02 and CH02: the target timescale used, which must be published."
    )
    notes = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = "management information measure"
        constraints = [models.UniqueConstraint("year", "code", name="one_figure_per_measure_and_year")]

    def __str__(self):
        return f"{self.code} {reporting_year_label(self.year)}"

    @property
    def measure(self):
        from surveys.tsm.wording import MANAGEMENT_BY_CODE

        return MANAGEMENT_BY_CODE[self.code]

    @property
    def value(self):
        return self.measure.value(self.numerator, self.denominator)

    def clean(self):
        errors = {}
        if self.denominator == 0:
            errors["denominator"] = "Enter how many it is counted out of: more than 0."
        elif self.code and self.measure.per == 100 and self.numerator is not None and self.numerator > self.denominator:
            errors["numerator"] = "The count cannot be more than the number it is out of."
        if self.code and self.measure.asks_target_timescale and not self.target_timescale.strip():
            errors["target_timescale"] = "Enter the target timescale: the regulator asks for it to be published."
        if errors:
            raise ValidationError(errors)
