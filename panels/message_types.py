"""The messages the panels send. Words in templates/messages/panels/<name>/."""

from engagement.messaging.registry import register
from engagement.models import Purpose

register(
    "panels.application_received",
    purpose=Purpose.SERVICE,
    description="Tells a resident we have their application to join a panel",
)
register(
    "panels.application_shortlisted",
    purpose=Purpose.SERVICE,
    description="Tells an applicant they are shortlisted for a panel, with the officer's message",
)
register(
    "panels.application_accepted",
    purpose=Purpose.SERVICE,
    description="Tells an applicant they have a seat on the panel, their role and term, with the officer's message",
)
register(
    "panels.application_declined",
    purpose=Purpose.SERVICE,
    description="Tells an applicant their application was not successful, and why",
)
register(
    "panels.outcomes_published",
    purpose=Purpose.SERVICE,
    description="Tells a panel's members, past and present, the council's response to their recommendations",
)
