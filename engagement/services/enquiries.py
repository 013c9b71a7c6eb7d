"""Contact us and get involved: what people send community relations."""

from django.db import transaction
from django.utils import dateformat, timezone

from engagement.messaging.services import message_queue
from engagement.models import Channel, ContactEnquiry, EnquiryReply, InterestRegistration, Resident
from engagement.services.residents import interest_registration_merge


def _received_on(enquiry: ContactEnquiry) -> str:
    return dateformat.format(timezone.localtime(enquiry.received_at), "j F Y")


@transaction.atomic
def enquiry_submit(
    *,
    name: str,
    message: str,
    reply_by: str = ContactEnquiry.ReplyBy.EMAIL,
    email: str = "",
    mobile: str = "",
    phone: str = "",
    postal_address: str = "",
    resident: Resident | None = None,
) -> ContactEnquiry:
    """Store the enquiry and, in the same transaction, the acknowledgement a worker sends once it commits.

    The acknowledgement goes by email or text, to what was typed on the form (the sender asked us to reply
    there); someone who asked for a phone call or a letter is told on the page when to expect it.
    """
    enquiry = ContactEnquiry.objects.create(
        name=name,
        message=message,
        reply_by=reply_by,
        email=email if reply_by == ContactEnquiry.ReplyBy.EMAIL else "",
        phone={ContactEnquiry.ReplyBy.TEXT: mobile, ContactEnquiry.ReplyBy.PHONE: phone}.get(reply_by, ""),
        postal_address=postal_address if reply_by == ContactEnquiry.ReplyBy.POST else "",
        resident=resident,
    )
    if reply_by in (ContactEnquiry.ReplyBy.EMAIL, ContactEnquiry.ReplyBy.TEXT):
        message_queue(
            template="engagement.enquiry_acknowledgement",
            key=f"enquiry-acknowledgement:{enquiry.pk}",
            to_address=enquiry.reply_to,
            channel=Channel.EMAIL if reply_by == ContactEnquiry.ReplyBy.EMAIL else Channel.TEXT,
            personalisation={"name": name, "received_on": _received_on(enquiry), "message": message},
        )
    return enquiry


@transaction.atomic
def enquiry_reply(*, enquiry: ContactEnquiry, reply: str, by) -> EnquiryReply:
    """Answer an enquiry the way its sender asked: email, text or letter through the outbox; a phone call
    is made by the officer and what they said is recorded here."""
    enquiry = ContactEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    answer = EnquiryReply.objects.create(enquiry=enquiry, reply_by=enquiry.reply_by, body=reply, sent_by=by)
    channel = {
        ContactEnquiry.ReplyBy.EMAIL: Channel.EMAIL,
        ContactEnquiry.ReplyBy.TEXT: Channel.TEXT,
        ContactEnquiry.ReplyBy.POST: Channel.POST,
    }.get(enquiry.reply_by)
    if channel is not None:
        to_address = enquiry.reply_to
        if channel == Channel.POST:
            to_address = "\n".join([enquiry.name, enquiry.postal_address])
        message_queue(
            template="engagement.enquiry_reply",
            key=f"enquiry-reply:{answer.pk}",
            to_address=to_address,
            channel=channel,
            personalisation={"name": enquiry.name, "received_on": _received_on(enquiry), "reply": reply},
        )
    enquiry.status = ContactEnquiry.Status.ANSWERED
    enquiry.handled_by = by
    enquiry.save(update_fields=["status", "handled_by"])
    return answer


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
