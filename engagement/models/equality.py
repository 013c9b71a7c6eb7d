"""Optional equality-monitoring answers, kept apart from the resident record.

Only staff with the `view_equalitymonitoring` permission see these. Every question
can be left unanswered or answered "Prefer not to say".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.models.residents import Resident

PREFER_NOT_TO_SAY = ("prefer_not_to_say", _("Prefer not to say"))


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25")
    FROM_25_TO_34 = "25_34", _("25 to 34")
    FROM_35_TO_49 = "35_49", _("35 to 49")
    FROM_50_TO_64 = "50_64", _("50 to 64")
    FROM_65_TO_74 = "65_74", _("65 to 74")
    OVER_75 = "75_plus", _("75 or over")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", _("Straight or heterosexual")
    GAY_LESBIAN = "gay_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Another sexual orientation")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Ethnicity(models.TextChoices):
    # The 2021 Census high-level groups.
    ASIAN = "asian", _("Asian or Asian British")
    BLACK = "black", _("Black, Black British, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", _("No religion")
    BUDDHIST = "buddhist", _("Buddhist")
    CHRISTIAN = "christian", _("Christian")
    HINDU = "hindu", _("Hindu")
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    SIKH = "sikh", _("Sikh")
    OTHER = "other", _("Any other religion or belief")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Never married and never registered a civil partnership")
    MARRIED = "married", _("Married or in a civil partnership")
    SEPARATED = "separated", _("Separated, but still legally married or in a civil partnership")
    DIVORCED = "divorced", _("Divorced or civil partnership dissolved")
    WIDOWED = "widowed", _("Widowed or surviving civil partner")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class EqualityMonitoring(models.Model):
    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="equality_monitoring")
    age_band = models.CharField(_("age"), max_length=20, choices=AgeBand.choices, blank=True)
    disability = models.CharField(
        _("Do you consider yourself to have a disability or long-term health condition?"),
        max_length=20,
        choices=YesNo.choices,
        blank=True,
    )
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_same_as_at_birth = models.CharField(
        _("Is the gender you identify with the same as your sex registered at birth?"),
        max_length=20,
        choices=YesNo.choices,
        blank=True,
    )
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices, blank=True)
    ethnicity = models.CharField(_("ethnic group"), max_length=20, choices=Ethnicity.choices, blank=True)
    religion = models.CharField(_("religion or belief"), max_length=20, choices=Religion.choices, blank=True)
    marital_status = models.CharField(
        _("marriage or civil partnership"), max_length=20, choices=MaritalStatus.choices, blank=True
    )
    pregnant_or_recent_birth = models.CharField(
        _("Are you pregnant or have you given birth in the last 26 weeks?"),
        max_length=20,
        choices=YesNo.choices,
        blank=True,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring answers"

    def __str__(self):
        return f"Equality monitoring for resident {self.resident_id}"


class Characteristic(models.TextChoices):
    """The equality questions, by the fields of EqualityMonitoring, with short names for tables."""

    AGE_BAND = "age_band", _("Age")
    DISABILITY = "disability", _("Disability or long-term health condition")
    SEX = "sex", _("Sex")
    GENDER_SAME_AS_AT_BIRTH = "gender_same_as_at_birth", _("Gender identity the same as sex registered at birth")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    ETHNICITY = "ethnicity", _("Ethnic group")
    RELIGION = "religion", _("Religion or belief")
    MARITAL_STATUS = "marital_status", _("Marriage or civil partnership")
    PREGNANT_OR_RECENT_BIRTH = "pregnant_or_recent_birth", _("Pregnant or given birth in the last 26 weeks")


def answers_to(characteristic: str) -> list[tuple[str, str]]:
    """The answers a characteristic's question offers: (value, label)."""
    return list(EqualityMonitoring._meta.get_field(characteristic).choices)


class TenantProfileFigure(models.Model):
    """How many people in the whole tenant base gave one answer to an equality question, as the housing
    system or the census has it: what the diversity of those involved is set against. Officers import
    them from a CSV file or enter them in admin."""

    characteristic = models.CharField(max_length=40, choices=Characteristic.choices)
    answer = models.CharField(max_length=40, help_text="The answer, as the equality-monitoring question offers it.")
    people = models.PositiveIntegerField(help_text="People in the tenant base with this answer.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["characteristic", "answer"]
        verbose_name = "tenant-base profile figure"
        constraints = [models.UniqueConstraint("characteristic", "answer", name="one_tenant_profile_figure_per_answer")]

    def __str__(self):
        return f"{self.get_characteristic_display()}: {self.answer_label} ({self.people:,})"

    @property
    def answer_label(self) -> str:
        return dict(answers_to(self.characteristic)).get(self.answer, self.answer) if self.characteristic else ""

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.characteristic and self.answer not in dict(answers_to(self.characteristic)):
            raise ValidationError({"answer": f"Choose one of the answers to “{self.get_characteristic_display()}”."})
