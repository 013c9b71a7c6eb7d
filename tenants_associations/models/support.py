"""Support the council and the Tenant Fund give TRAs: training, advice and grants."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from tenants_associations.models.associations import TenantsAssociation


class SupportGiven(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        CONSTITUTION = "constitution", _("Advice on the constitution")
        FINANCE = "finance", _("Advice on finance")
        RECOGNITION = "recognition", _("Advice on recognition")
        SET_UP = "set_up", _("Help setting up")
        OTHER = "other", _("Other support")

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="support_given")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    given_on = models.DateField()
    summary = models.CharField(max_length=250, help_text="What was given, for example “Treasurer training, 3 people”.")
    given_by = models.CharField(
        max_length=150, blank=True, help_text="Who gave it, for example a housing officer or the Tenant Fund."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_on"]
        verbose_name = "support given"
        verbose_name_plural = "support given"

    def __str__(self):
        return f"{self.get_kind_display()} for {self.tra} ({date_text(self.given_on)})"


class TenantFundGrant(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied for")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="grants")
    amount = models.DecimalField(max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    purpose = models.CharField(max_length=250)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-applied_on"]
        verbose_name = "Tenant Fund grant"

    def __str__(self):
        return f"£{self.amount} for {self.tra}: {self.purpose}"
