"""Contact us and get involved: what people send community relations."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from engagement.models import ContactEnquiry, InterestRegistration, Resident
from engagement.services.residents import interest_registration_merge


def enquiry_submit(*, name: str, email: str, message: str, resident: Resident | None = None) -> ContactEnquiry:
    from engagement.tasks import acknowledge_enquiry

    with transaction.atomic():
        enquiry = ContactEnquiry.objects.create(name=name, email=email, message=message, resident=resident)
        # Queued only once the enquiry is safely stored, so the worker always finds it.
        transaction.on_commit(lambda: acknowledge_enquiry.delay(enquiry.pk))
    return enquiry


def enquiry_acknowledge(enquiry_id: int) -> bool:
    """Email the sender to say we have their message. Safe to run twice: sends once."""
    with transaction.atomic():
        enquiry = ContactEnquiry.objects.select_for_update().filter(pk=enquiry_id, acknowledged_at__isnull=True).first()
        if enquiry is None:
            return False
        context = {"enquiry": enquiry, "service_name": settings.SERVICE_NAME}
        send_mail(
            subject=render_to_string("engagement/email/enquiry_acknowledgement_subject.txt", context).strip(),
            message=render_to_string("engagement/email/enquiry_acknowledgement.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[enquiry.email],
        )
        enquiry.acknowledged_at = timezone.now()
        enquiry.save(update_fields=["acknowledged_at"])
    return True


@transaction.atomic
def interest_register(
    *,
    name: str,
    email: str,
    mobile: str,
    estate,
    interests,
    consent_email: bool,
    consent_text: bool,
    resident: Resident | None = None,
) -> InterestRegistration:
    """Store a get involved form; for a signed-in resident, apply it to their record straight away."""
    registration = InterestRegistration.objects.create(
        name=name,
        email=email,
        mobile=mobile,
        estate=estate,
        consent_email=consent_email,
        consent_text=consent_text,
    )
    registration.interests.set(interests)
    if resident is not None:
        interest_registration_merge(resident, registration)
    return registration
