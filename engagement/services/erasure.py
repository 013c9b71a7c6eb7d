"""Closing a resident's account and erasing them (UK GDPR article 17).

A resident asks from Your account (`resident_closure_request`); an administrator erases them
in admin (`resident_erase`). The resident's record stays, anonymised ("Erased resident"), so
the records others depend on stay whole and counts do not change: attendance, bookings,
invitations, anonymous survey answers, messages sent. What identifies them goes: name, contact
details, date of birth, the link to their home, access needs, equality answers, consents,
officers' notes, photos, messages' addresses and bodies, and in free text they or officers
wrote, their name, email, phone number and address (`Redactor`). Their sign-in account is
deleted, so they cannot sign in and an open session becomes a signed-out one.

Each app erases what it holds with an eraser registered in its AppConfig.ready()
(`register_eraser`), as it adds its part of "download my data".

Kept on purpose: the council's tenancy record and the home's address, which come from the
housing system and are held under the tenancy (the next import would bring them back).
"""

from collections.abc import Callable

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry as AuditEntry
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from engagement.messaging.erasure import messages_erase
from engagement.models import (
    Channel,
    Consent,
    ConsentChange,
    ConsentSource,
    ContactEnquiry,
    EqualityMonitoring,
    FormatRequest,
    InterestRegistration,
    OfficerNote,
    Purpose,
    Resident,
)
from engagement.redaction import REMOVED, Redactor
from engagement.services.consent import consent_record

ERASED_FIRST_NAME, ERASED_LAST_NAME = "Erased", "resident"


Eraser = Callable[[Resident, Redactor], None]
_erasers: list[Eraser] = []


def register_eraser(erase: Eraser) -> None:
    if erase not in _erasers:
        _erasers.append(erase)


def resident_closure_request(resident: Resident) -> None:
    """The resident asks us to close their account. Surveys and invitations stop now (withdrawing
    consent takes effect at once); an administrator erases the account (we have a month)."""
    if resident.closure_requested_at or resident.erased_at:
        return
    with transaction.atomic():
        for channel in Channel.values:
            consent_record(
                resident, channel=channel, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.ACCOUNT
            )
        resident.closure_requested_at = timezone.now()
        resident.save(update_fields=["closure_requested_at", "updated_at"])


@transaction.atomic
def resident_erase(resident: Resident, *, by) -> Resident:
    """Erase what identifies the resident everywhere, keep the records others count on, end their login.

    Safe to run twice. `by` is the administrator, recorded in the audit trail.
    """
    resident = Resident.objects.with_home().select_for_update(of=("self",)).get(pk=resident.pk)
    if resident.erased_at:
        return resident
    redact = Redactor.for_resident(resident)
    # Recorded once, as an erasure (below): an entry per change would keep the values it removes.
    with disable_auditlog():
        # Contact details and consents first: nothing the apps do while erasing (ending a TRA
        # membership, say) can message them.
        user = resident.user
        _anonymise(resident)
        _erase_own_records(resident, redact)
        for erase in _erasers:
            erase(resident, redact)
        # After the apps: messages to others that their erasers recorded are cleaned too.
        messages_erase(resident, redact)
        _erase_history(resident, redact, user=user)
        if user is not None:
            # Ends their sign-in: an open session finds no user and is signed out.
            user.delete()
    AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Resident),
        object_pk=str(resident.pk),
        object_id=resident.pk,
        object_repr=f"{ERASED_FIRST_NAME} {ERASED_LAST_NAME}",
        action=AuditEntry.Action.UPDATE,
        changes={"personal data": ["held", "erased"]},
        actor=by,
    )
    return resident


def _erase_own_records(resident: Resident, redact: Redactor) -> None:
    Consent.objects.filter(resident=resident).delete()
    ConsentChange.objects.filter(resident=resident).delete()
    EqualityMonitoring.objects.filter(resident=resident).delete()
    OfficerNote.objects.filter(resident=resident).delete()
    ContactEnquiry.objects.filter(resident=resident).update(
        name=REMOVED, email="", phone="", postal_address="", message=REMOVED
    )
    redact.redact_rows(ContactEnquiry.objects.all(), "name", "email", "phone", "postal_address", "message")
    # The request stays (the task and its dates count); who asked, and how to reach them, do not.
    FormatRequest.objects.filter(resident=resident).update(
        name=REMOVED, email="", phone="", postal_address="", details=REMOVED
    )
    redact.redact_rows(FormatRequest.objects.all(), "name", "email", "phone", "postal_address", "details", "about")
    forms = InterestRegistration.objects.filter(Q(merged_into=resident) | redact.matching("name", "email", "mobile"))
    forms.update(name=REMOVED, email="", mobile="")


def _erase_history(resident: Resident, redact: Redactor, *, user) -> None:
    """Who changed what stays on the record; the values that identify the resident do not."""
    resident_type = ContentType.objects.get_for_model(Resident)
    own = AuditEntry.objects.filter(content_type=resident_type, object_pk=str(resident.pk))
    for entry in own:
        entry.object_repr = f"{ERASED_FIRST_NAME} {ERASED_LAST_NAME}"
        entry.changes = {field: [REMOVED, REMOVED] for field in (entry.changes or {})}
        entry.changes_text = ""
        entry.serialized_data = None
        entry.additional_data = None
        entry.save(update_fields=["object_repr", "changes", "changes_text", "serialized_data", "additional_data"])
    if user is not None:
        AuditEntry.objects.filter(actor=user).update(actor_email="")
    redact.redact_rows(
        AuditEntry.objects.exclude(pk__in=own.values("pk")),
        "object_repr",
        "changes_text",
        "actor_email",
        json_fields=("changes", "serialized_data", "additional_data"),
    )
    AdminEntry.objects.filter(content_type=resident_type, object_id=str(resident.pk)).update(
        object_repr=f"{ERASED_FIRST_NAME} {ERASED_LAST_NAME}"
    )
    redact.redact_rows(AdminEntry.objects.all(), "object_repr")


def _anonymise(resident: Resident) -> None:
    resident.access_needs.clear()
    resident.interests.clear()
    for field, value in {
        "user": None,
        "first_name": ERASED_FIRST_NAME,
        "last_name": ERASED_LAST_NAME,
        "email": "",
        "email_undeliverable": False,
        "mobile": "",
        "mobile_undeliverable": False,
        "preferred_language": "English",
        "date_of_birth": None,
        "tenancy": None,
        "tenancy_verified_at": None,
        "tenancy_verified_by": None,
        "interpreter_language": "",
        "access_needs_other": "",
        "is_vulnerable": False,
        "erased_at": timezone.now(),
    }.items():
        setattr(resident, field, value)
    resident.save()
