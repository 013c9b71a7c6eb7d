"""Residents: creating them at sign-up, proving their tenancy, merging what they told us before."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone

from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import (
    Channel,
    ConsentSource,
    InterestRegistration,
    Purpose,
    Resident,
    Tenancy,
    TenancyClaim,
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
    # The details were right but another account holds the tenancy: an officer decides.
    claim: TenancyClaim | None = None


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
    holders = list(tenancy.residents.filter(tenancy_verified_at__isnull=False).exclude(pk=resident.pk))
    if holders:
        claim = tenancy_claim_create(resident, tenancy, holders=holders)
        return VerificationResult(verified=False, attempts_left=attempts_left, claim=claim)

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


def tenancy_claim_waiting(resident: Resident) -> TenancyClaim | None:
    return resident.tenancy_claims.filter(status=TenancyClaim.Status.WAITING).select_related("tenancy").first()


def tenancy_claim_create(resident: Resident, tenancy: Tenancy, *, holders: list[Resident]) -> TenancyClaim:
    """Ask an officer to decide, and tell the residents who hold the tenancy (once per claim)."""
    claim, created = TenancyClaim.objects.get_or_create(
        resident=resident, tenancy=tenancy, status=TenancyClaim.Status.WAITING
    )
    if created:
        for holder in holders:
            # Not who asked: it may be someone in their own home. The officer sees who it was.
            message_queue(
                template="engagement.tenancy_claimed",
                key=f"tenancy-claimed:{claim.pk}:{holder.pk}",
                resident=holder,
                personalisation={
                    "claimed_on": formats.date_format(timezone.localtime(claim.claimed_at), "j F Y"),
                    "contact_url": site_url("contact_us"),
                },
            )
    return claim


@transaction.atomic
def tenancy_claim_decide(claim: TenancyClaim, *, link: bool, officer) -> bool:
    """Link the tenancy to the claiming account, or refuse; tell them. False if already decided."""
    claim = TenancyClaim.objects.select_for_update().select_related("resident", "tenancy").get(pk=claim.pk)
    if claim.status != TenancyClaim.Status.WAITING:
        return False
    if link:
        tenancy_link_by_officer(claim.resident, claim.tenancy, officer=officer)
    claim.status = TenancyClaim.Status.LINKED if link else TenancyClaim.Status.REFUSED
    claim.decided_by = officer
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    message_queue(
        template="engagement.tenancy_claim_decided",
        key=f"tenancy-claim-decided:{claim.pk}",
        resident=claim.resident,
        personalisation={"linked": link, "contact_url": site_url("contact_us")},
    )
    return True


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
