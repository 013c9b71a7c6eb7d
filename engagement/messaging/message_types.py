"""Message types the shared parts of the portal send. Apps register theirs in their own message_types.py."""

from engagement.messaging.registry import register
from engagement.models import Purpose

SERVICE = [
    ("engagement.enquiry_acknowledgement", "Tells someone who used contact us that we have their message"),
    (
        "engagement.format_request_acknowledgement",
        "Tells someone who asked for a page or letter in another language or format that we have it",
    ),
    ("engagement.enquiry_reply", "Community relations' answer to a contact us message, by the way the sender asked"),
    (
        "engagement.service_notice",
        "A notice about residents' homes or services (works, a change), written by an officer",
    ),
    (
        "messaging.ward_digest",
        "The weekly email to a ward's councillors about consultations and events in their ward",
    ),
    (
        "engagement.tenancy_claimed",
        "Tells a resident that another account asked to be linked to their tenancy (an officer will check)",
    ),
    (
        "engagement.tenancy_claim_decided",
        "Tells a resident whether an officer linked the tenancy they asked for, held by another account",
    ),
]

for key, description in SERVICE:
    register(key, purpose=Purpose.SERVICE, description=description)
register(
    "engagement.invitation",
    purpose=Purpose.ENGAGEMENT,
    description="A general invitation to get involved, written by an officer for a bulk send",
)
