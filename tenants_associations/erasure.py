"""Erasing a resident from TRAs: their memberships and committee roles end and stay as the TRA's
history (anonymised); what they wrote to or as a committee loses what identifies them."""

from datetime import timedelta

from django.utils import timezone

from engagement.models import Resident
from engagement.redaction import REMOVED, Redactor
from tenants_associations.models import CommitteeRole, Enquiry, Membership, Notice, StartingInterest
from tenants_associations.services.membership import membership_leave


def tras_erase(resident: Resident, redact: Redactor) -> None:
    for membership in Membership.objects.filter(resident=resident, status__in=Membership.OPEN):
        membership_leave(membership=membership)  # ends their committee seats too
    Membership.objects.filter(resident=resident).update(note="")
    # Committee seats without a membership (seats are kept by role, not only by membership).
    CommitteeRole.objects.filter(resident=resident).current().update(
        term_ends_on=timezone.localdate() - timedelta(days=1)
    )
    StartingInterest.objects.filter(resident=resident).update(note="", withdrawn_at=timezone.now())
    Enquiry.objects.filter(resident=resident).update(name=REMOVED, email="", message=REMOVED)
    redact.redact_rows(Enquiry.objects.all(), "name", "email", "message")
    redact.redact_rows(Membership.objects.all(), "note", "decline_reason")
    redact.redact_rows(Notice.objects.all(), "subject", "body")
    redact.redact_rows(StartingInterest.objects.all(), "note")
