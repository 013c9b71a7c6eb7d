"""Erasing a resident from panels: applications and memberships stay as the panel's history
(anonymised, and ended); what they wrote in their applications goes."""

from django.utils import timezone

from engagement.models import Resident
from engagement.redaction import Redactor
from panels.models import ActionLogItem, Membership, PanelApplication, Recommendation, TrainingRecord
from panels.services import PanelError
from panels.services.applications import application_withdraw
from panels.services.records import membership_end


def panels_erase(resident: Resident, redact: Redactor) -> None:
    for application in PanelApplication.objects.filter(resident=resident):
        if application.can_be_withdrawn:
            application_withdraw(application=application)
    PanelApplication.objects.filter(resident=resident).update(
        why_join="", experience="", availability="", access_needs=""
    )
    today = timezone.localdate()
    for membership in Membership.objects.filter(resident=resident).current():
        try:
            membership_end(membership=membership, on=max(today, membership.started_on), reason="Account closed")
        except PanelError:  # a membership starting in the future
            membership.delete()
    redact.redact_rows(PanelApplication.objects.all(), "decision_message")
    redact.redact_rows(Membership.objects.all(), "end_reason")
    redact.redact_rows(TrainingRecord.objects.all(), "notes")
    redact.redact_rows(ActionLogItem.objects.all(), "action", "owner", "update_notes")
    redact.redact_rows(Recommendation.objects.all(), "text", "response_reasons")
