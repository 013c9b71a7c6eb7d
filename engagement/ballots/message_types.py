"""The letter each voter gets with their voting code (words in templates/messages/ballots/)."""

from engagement.messaging.registry import register
from engagement.models import Purpose

# About the resident's own home and a vote they are entitled to: a service message, not marketing.
VOTING_CODE = register(
    "ballots.voting_code",
    purpose=Purpose.SERVICE,
    description="Sends an eligible voter their unique code for an estate regeneration ballot, by letter",
)
