"""The messages events send. Words in templates/messages/events/<name>/."""

from engagement.models import Purpose
from engagement.plugins import register_message_type

SERVICE = [
    ("booking_confirmed", "Confirms a resident's place at an event, with their booking code"),
    ("booking_cancelled", "Confirms a resident cancelled their place"),
    ("waiting_list_joined", "Tells a resident they are on an event's waiting list"),
    ("place_offered", "Offers a waiting resident a place, with a time-limited link to accept it"),
    ("offer_lapsed", "Tells a resident their offer of a place ran out"),
    ("event_cancelled", "Tells registered residents an event is cancelled, and why"),
    ("event_rescheduled", "Tells registered residents an event's time has changed"),
    ("event_reminder", "Reminds a registered resident of an event, a set time before"),
    ("invitation", "Invites a resident to an invitation-only meeting (panels, TRAs)"),
    ("invitation_rescheduled", "Tells residents invited to a meeting, who have not booked, that its time has changed"),
    ("capacity_alert", "Tells the lead officer an event is nearly full, or full"),
    ("staff_invitation", "Invites a member of staff or a stakeholder to come to an event"),
    ("staff_event_cancelled", "Tells invited staff and stakeholders an event is cancelled, and why"),
    ("staff_event_rescheduled", "Tells invited staff and stakeholders an event's time has changed"),
    ("walkabout_scheduled", "Tells the resident who asked for a walkabout when it will be, with their place on it"),
    ("walkabout_declined", "Tells the resident who asked for a walkabout that it is not going ahead, and why"),
    ("issue_update", "Tells the resident who raised an issue what has happened to it"),
    ("workshop_arranged", "Tells the people who supported a workshop topic that the workshop is on"),
]
ENGAGEMENT = [
    ("walkabout_promotion", "Invites an estate's residents to a walkabout on their estate"),
    ("opportunity_promotion", "Tells residents interested in training or volunteering about a course or session"),
]

for name, description in SERVICE:
    register_message_type(f"events.{name}", purpose=Purpose.SERVICE, description=description)
for name, description in ENGAGEMENT:
    register_message_type(f"events.{name}", purpose=Purpose.ENGAGEMENT, description=description)
