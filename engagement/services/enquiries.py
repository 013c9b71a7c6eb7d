"""Contact us and get involved: what people send community relations."""

from django.db import transaction

from engagement.messaging.services import message_queue
from engagement.models import ContactEnquiry, InterestRegistration, Resident
from engagement.services.residents import interest_registration_merge


@transaction.atomic
def enquiry_submit(*, name: str, email: str, message: str, resident: Resident | None = None) -> ContactEnquiry:
    """Store the enquiry and, in the same transaction, the acknowledgement a worker sends once it commits."""
    enquiry = ContactEnquiry.objects.create(name=name, email=email, message=message, resident=resident)
    # Sent to the address typed on the form: the enquirer asked us to reply there.
    message_queue(
        template="engagement.enquiry_acknowledgement",
        key=f"enquiry-acknowledgement:{enquiry.pk}",
        to_address=email,
        personalisation={
            "name": name,
            "received_on": enquiry.received_at.date().isoformat(),
            "message": message,
        },
    )
    return enquiry


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
