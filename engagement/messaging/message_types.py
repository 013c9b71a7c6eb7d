"""Message types the shared parts of the portal send. Apps register theirs in their own message_types.py."""

from engagement.messaging.registry import register
from engagement.models import Purpose

ENQUIRY_ACKNOWLEDGEMENT = register(
    "engagement.enquiry_acknowledgement",
    purpose=Purpose.SERVICE,
    description="Tells someone who used contact us that we have their message",
)
FORMAT_REQUEST_ACKNOWLEDGEMENT = register(
    "engagement.format_request_acknowledgement",
    purpose=Purpose.SERVICE,
    description="Tells someone who asked for a page or letter in another language or format that we have it",
)
ENQUIRY_REPLY = register(
    "engagement.enquiry_reply",
    purpose=Purpose.SERVICE,
    description="Community relations' answer to a contact us message, by the way the sender asked",
)
ENGAGEMENT_INVITATION = register(
    "engagement.invitation",
    purpose=Purpose.ENGAGEMENT,
    description="A general invitation to get involved, written by an officer for a bulk send",
)
SERVICE_NOTICE = register(
    "engagement.service_notice",
    purpose=Purpose.SERVICE,
    description="A notice about residents' homes or services (works, a change), written by an officer",
)
WARD_DIGEST = register(
    "messaging.ward_digest",
    purpose=Purpose.SERVICE,
    description="The weekly email to a ward's councillors about consultations and events in their ward",
)
TENANCY_CLAIMED = register(
    "engagement.tenancy_claimed",
    purpose=Purpose.SERVICE,
    description="Tells a resident that another account asked to be linked to their tenancy (an officer will check)",
)
TENANCY_CLAIM_DECIDED = register(
    "engagement.tenancy_claim_decided",
    purpose=Purpose.SERVICE,
    description="Tells a resident whether an officer linked the tenancy they asked for, held by another account",
)
