"""Contacting a TRA's committee from its public page. Committee addresses are never shown."""

from django.conf import settings
from django.db import transaction

from engagement.messaging.services import message_queue
from engagement.models import Resident
from tenants_associations.models import Enquiry, TenantsAssociation
from tenants_associations.services.messages import committee_members, tra_personalisation


@transaction.atomic
def enquiry_send(
    *, tra: TenantsAssociation, name: str, email: str, message: str, resident: Resident | None = None
) -> Enquiry:
    """Pass the message to the committee through messaging; community relations get it if no one
    on the committee can be reached."""
    enquiry = Enquiry.objects.create(tra=tra, name=name, email=email, message=message, resident=resident)
    personalisation = {**tra_personalisation(tra), "name": name, "email": email, "message": message}
    reached = 0
    for member in committee_members(tra):
        queued = message_queue(
            template="tenants_associations.enquiry",
            key=f"tra-enquiry:{enquiry.pk}:{member.pk}",
            resident=member,
            personalisation=personalisation,
        )
        reached += queued is not None
    if not reached:
        message_queue(
            template="tenants_associations.enquiry",
            key=f"tra-enquiry:{enquiry.pk}:community-relations",
            to_address=settings.COMMUNITY_RELATIONS_EMAIL,
            personalisation=personalisation,
        )
    enquiry.forwarded_to = reached
    enquiry.save(update_fields=["forwarded_to"])
    return enquiry
