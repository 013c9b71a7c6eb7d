"""Messages about TRAs. The words are in templates/messages/tenants_associations/."""

from engagement.models import Purpose
from engagement.plugins import register_message_type

register_message_type(
    "tenants_associations.membership_requested",
    purpose=Purpose.SERVICE,
    description="Tells a TRA's secretary (or officers) that a resident has asked to join",
)
register_message_type(
    "tenants_associations.membership_accepted",
    purpose=Purpose.SERVICE,
    description="Tells a resident their TRA has accepted them as a member",
)
register_message_type(
    "tenants_associations.membership_declined",
    purpose=Purpose.SERVICE,
    description="Tells a resident their TRA has declined their request to join, and why",
)
register_message_type(
    "tenants_associations.membership_left",
    purpose=Purpose.SERVICE,
    description="Confirms to a resident that they have left a TRA (or withdrawn their request)",
)
register_message_type(
    "tenants_associations.member_left",
    purpose=Purpose.SERVICE,
    description="Tells a TRA's secretary that a member has left",
)
register_message_type(
    "tenants_associations.notice",
    purpose=Purpose.SERVICE,
    description="A notice from a TRA's committee to its members, or to one member",
)
register_message_type(
    "tenants_associations.meeting_scheduled",
    purpose=Purpose.SERVICE,
    description="Tells a TRA's members (or its committee) about a meeting",
)
register_message_type(
    "tenants_associations.enquiry",
    purpose=Purpose.SERVICE,
    description="Passes a message from a TRA's contact form to its committee",
)
register_message_type(
    "tenants_associations.interest_threshold_reached",
    purpose=Purpose.SERVICE,
    description="Tells engagement officers that enough residents of an estate want to start a TRA",
)
register_message_type(
    "tenants_associations.first_meeting_invitation",
    purpose=Purpose.SERVICE,
    description="Invites residents who want to start a TRA to its first meeting",
)
register_message_type(
    "tenants_associations.room_booking_cancelled",
    purpose=Purpose.SERVICE,
    description="Tells a TRA's committee that the council has cancelled the room they booked for a meeting",
)
