"""The messages the panels send. Words in templates/messages/panels/<name>/."""

from engagement.models import Purpose
from engagement.plugins import register_message_type

register_message_type(
    "panels.application_received",
    purpose=Purpose.SERVICE,
    description="Tells a resident we have their application to join a panel",
)
register_message_type(
    "panels.application_shortlisted",
    purpose=Purpose.SERVICE,
    description="Tells an applicant they are shortlisted for a panel, with the officer's message",
)
register_message_type(
    "panels.application_accepted",
    purpose=Purpose.SERVICE,
    description="Tells an applicant they have a seat on the panel, their role and term, with the officer's message",
)
register_message_type(
    "panels.application_declined",
    purpose=Purpose.SERVICE,
    description="Tells an applicant their application was not successful, and why",
)
register_message_type(
    "panels.outcomes_published",
    purpose=Purpose.SERVICE,
    description="Tells a panel's members, past and present, the council's response to their recommendations",
)
