"""Residents: creating them at sign-up, proving their tenancy, merging what they told us before."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagement.models import (
    Channel,
    ConsentSource,
    InterestRegistration,
    Purpose,
    Resident,
    Tenancy,
    TenancyVerificationAttempt,
)
from engagement.postcodes import normalise_postcode
from engagement.services.consent import consent_record


@transaction.atomic
def resident_create_for_user(user, *, first_name: str, last_name: str) -> Resident:
    resident = Resident.objects.create(user=user, first_name=first_name, last_name=last_name, email=user.email)
    # Messages about things the resident asks for (bookings, applications) go by email
    # from the start; surveys and invitations wait for the resident to opt in.
    consent_record(resident, channel=Channel.EMAIL, purpose=Purpose.SERVICE, given=True, source=ConsentSource.SIGN_UP)
    return resident


@dataclass(frozen=True)
class VerificationResult:
    verified: bool
    attempts_left: int
    locked_out: bool = False


def verification_attempts_left(user) -> int:
    since = timezone.now() - timedelta(days=1)
    failures = TenancyVerificationAttempt.objects.filter(user=user, attempted_at__gte=since, succeeded=False).count()
    return max(settings.TENANCY_VERIFICATION_ATTEMPTS_PER_DAY - failures, 0)


@transaction.atomic
def tenancy_verify(resident: Resident, *, reference: str, postcode: str) -> VerificationResult:
    """Link the resident to the tenancy whose reference and postcode they gave, if both match.

    A failed try does not say which of the two was wrong, so the form cannot be used to
    find out which tenancy references exist. Tries are limited per day.
    """
    user = resident.user
    # One try at a time per account (the lock is held to the end of the transaction), so tries
    # sent all at once are counted one after another and cannot get past the day's limit.
    get_user_model().objects.select_for_update().get(pk=user.pk)
    attempts_left = verification_attempts_left(user)
    if attempts_left == 0:
        return VerificationResult(verified=False, attempts_left=0, locked_out=True)

    reference = reference.strip().upper()
    try:
        postcode = normalise_postcode(postcode)
    except ValidationError:
        postcode = postcode.strip().upper()
    tenancy = tenancy_matching(reference, postcode)
    TenancyVerificationAttempt.objects.create(
        user=user, reference_tried=reference[:30], postcode_tried=postcode[:10], succeeded=tenancy is not None
    )
    if tenancy is None:
        left = attempts_left - 1
        return VerificationResult(verified=False, attempts_left=left, locked_out=left == 0)

    resident.tenancy = tenancy
    resident.tenancy_verified_at = timezone.now()
    resident.tenancy_verified_by = None
    resident.save(update_fields=["tenancy", "tenancy_verified_at", "tenancy_verified_by", "updated_at"])
    return VerificationResult(verified=True, attempts_left=attempts_left)


def tenancy_matching(reference: str, postcode: str) -> Tenancy | None:
    """The tenancy with this reference (any case) whose home has this postcode (in its normal form)."""
    return (
        Tenancy.objects.select_related("home__block")
        .filter(reference__iexact=reference.strip(), home__postcode=postcode)
        .first()
    )


def tenancy_link_by_officer(resident: Resident, tenancy: Tenancy, *, officer) -> None:
    """An officer who has checked the resident's identity links their tenancy by hand."""
    resident.tenancy = tenancy
    resident.tenancy_verified_at = timezone.now()
    resident.tenancy_verified_by = officer
    resident.save(update_fields=["tenancy", "tenancy_verified_at", "tenancy_verified_by", "updated_at"])


@transaction.atomic
def merge_interest_registrations(resident: Resident, email: str) -> int:
    """Fold "get involved" forms sent from this (now verified) email address into the resident.

    Returns how many forms were merged.
    """
    registrations = list(
        InterestRegistration.objects.select_for_update()
        .filter(email__iexact=email, merged_into__isnull=True)
        .prefetch_related("interests")
        .order_by("received_at")
    )
    for registration in registrations:
        interest_registration_merge(resident, registration)
    return len(registrations)


def interest_registration_merge(resident: Resident, registration: InterestRegistration) -> None:
    """Add the form's interests to the resident and record the consents given on it, as of its date."""
    resident.interests.add(*registration.interests.all())
    if registration.mobile and not resident.mobile:
        resident.mobile = registration.mobile
        resident.save(update_fields=["mobile", "updated_at"])
    for channel, given in ((Channel.EMAIL, registration.consent_email), (Channel.TEXT, registration.consent_text)):
        if given:
            consent_record(
                resident,
                channel=channel,
                purpose=Purpose.ENGAGEMENT,
                given=True,
                source=ConsentSource.GET_INVOLVED_FORM,
                at=registration.received_at,
            )
    registration.merged_into = resident
    registration.merged_at = timezone.now()
    registration.save(update_fields=["merged_into", "merged_at"])
